package io.stockline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.EventFuzzing;
import io.stockline.testsupport.OpenApiFuzzer;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TopicNames;

/**
 * Issue 16's fuzzing for alert-service: requests generated from deploy/openapi/alert-service.json never get a 5xx and every refusal is
 * problem JSON; hostile records on inventory.stock-changed, inventory.reorder-points and channel.sync-status are dead-lettered with a reason (or ignored, for a type nobody reads),
 * change nothing, and the consumer goes on. A bounded number by default;
 * {@code -Dstockline.fuzz.http-tries=10000 -Dstockline.fuzz.kafka-records=10000} for the full run.
 */
@QuarkusTest
// a database and topics of its own (StocklineTestResource says how): what it makes at random no other class sees
@WithTestResource(value = StocklineTestResource.Isolated.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = { @ResourceArg(name = "service", value = "alert"),
                @ResourceArg(name = "database", value = "alert_fuzz") })
class FuzzTest {

    static final String SERVICE = "alert-service";

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String database;

    @Test
    void runsOnADatabaseOfItsOwn() {
        assertThat(database).contains("/alert_fuzz_");
    }

    @Test
    void generatedRequestsNeverGetAServerErrorAndEveryRefusalIsAProblem() throws Exception {
        new OpenApiFuzzer(SERVICE).known("sku", "FUZZ-SKU").run(base.toURI(), OpenApiFuzzer.tries(1_000)).assertNothingFound();
    }

    @TestFactory
    Stream<DynamicTest> hostileRecordsAreDeadLetteredWithAReasonAndChangeNothing() {
        return new EventFuzzing(SERVICE, TopicNames.like(stockChangedTopic, "inventory.stock-changed")::topic)
                .tests(EventFuzzing.tries(200));
    }
}
