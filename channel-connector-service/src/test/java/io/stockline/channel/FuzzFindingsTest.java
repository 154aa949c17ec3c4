package io.stockline.channel;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.EventFuzzing;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;
import io.stockline.testsupport.Tokens;

/**
 * What FuzzTest found, one regression test each: records of a CloudEvent type nobody reads, on inventory.items and
 * inventory.stock-changed, were read as item and stock changes (an item row written; a stock event with a bad version
 * dead-lettered). The contract says a consumer ignores types it does not know: nothing is written, nothing
 * dead-lettered. And a JSON listing import holding a null among its mappings was a 500; it is a 400 problem naming
 * the element.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class FuzzFindingsTest {

    @ConfigProperty(name = "stockline.topics.items")
    String itemsTopic;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @Test
    void anItemEventOfATypeNobodyReadsChangesNothing() throws Exception {
        String sku = "FOREIGN-" + UUID.randomUUID();
        String item = """
                {"eventId":"%s","sku":"%s","name":"Tee","kind":"STANDARD","status":"DISCONTINUED","lotTracked":false,\
                "backorderAllowed":false,"revision":7,"occurredAt":"2026-11-30T10:15:30Z"}""".formatted(UUID.randomUUID(), sku);
        EventFuzzing.assertTypeNobodyReadsIsIgnored(itemsTopic, sku, item);
        assertThat(TestDatabase.textsContaining(sku)).isEmpty();
    }

    @Test
    void aStockEventOfATypeNobodyReadsIsNotDeadLettered() throws Exception {
        String sku = "FOREIGN-" + UUID.randomUUID();
        String stock = """
                {"eventId":"%s","sku":"%s","location":"WH1","version":-2,"movementType":"RECEIPT","onHand":1,"available":1,\
                "committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0,\
                "occurredAt":"2026-11-29T10:15:30Z"}""".formatted(UUID.randomUUID(), sku);
        EventFuzzing.assertTypeNobodyReadsIsIgnored(stockChangedTopic, sku, stock);
        assertThat(TestDatabase.textsContaining(sku)).isEmpty();
    }

    @Test
    void aNullAmongTheListingsOfAJsonImportIsA400NamingItNotA500() {
        // found by FuzzTest (seed 6011404755128484232): POST /api/v1/channels/_/listings [{},null,{"z":-2}] -> 500
        given().header("Authorization", Tokens.bearer("admin")).contentType("application/json")
                .body("[{\"sku\":\"A\",\"listingId\":\"1\"},null]")
                .post("/api/v1/channels/{id}/listings", "fuzz-" + UUID.randomUUID())
                .then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body(containsString("\"field\":\"<list element>\""), containsString("must not be null"));
    }
}
