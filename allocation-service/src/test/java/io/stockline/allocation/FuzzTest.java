package io.stockline.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.common.QuarkusTestResource;
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
 * Issue 16's fuzzing for allocation-service: requests generated from deploy/openapi/allocation-service.json never get a
 * 5xx and every refusal is problem JSON; hostile records on orders, inventory.stock-changed and inventory.locations are
 * dead-lettered with a reason (or ignored, for a type nobody reads), change nothing, and the consumer goes on. A bounded
 * number by default; {@code -Dstockline.fuzz.http-tries=10000 -Dstockline.fuzz.kafka-records=10000} for the full run.
 */
@QuarkusTest
// a database and topics of its own (StocklineTestResource says how): what it makes at random no other class sees
@WithTestResource(value = StocklineTestResource.Isolated.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = { @ResourceArg(name = "service", value = "allocation"),
                @ResourceArg(name = "database", value = "allocation_fuzz") })
@QuarkusTestResource(InventoryMock.class)
class FuzzTest {

    static final String SERVICE = "allocation-service";

    @ConfigProperty(name = "stockline.topics.orders")
    String ordersTopic;

    @TestHTTPResource("/")
    URL base;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String database;

    @Test
    void runsOnADatabaseOfItsOwn() {
        assertThat(database).contains("/allocation_fuzz_");
    }

    @Test
    void generatedRequestsNeverGetAServerErrorAndEveryRefusalIsAProblem() throws Exception {
        new OpenApiFuzzer(SERVICE).known("orderId", "ORDER-1")
                .run(base.toURI(), OpenApiFuzzer.tries(1_000)).assertNothingFound();
    }

    @TestFactory
    Stream<DynamicTest> hostileRecordsAreDeadLetteredWithAReasonAndChangeNothing() {
        return new EventFuzzing(SERVICE, TopicNames.like(ordersTopic, "orders")::topic).tests(EventFuzzing.tries(200));
    }
}
