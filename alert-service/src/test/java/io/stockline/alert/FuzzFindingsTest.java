package io.stockline.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.EventFuzzing;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.TestDatabase;

/**
 * What the fuzz tests found in the consumers (in allocation- and channel-connector-service first; alert-service's read
 * the same way): a record of a CloudEvent type nobody reads was read as the topic's own event. The contract says a
 * consumer ignores types it does not know: on inventory.stock-changed, inventory.reorder-points and
 * channel.sync-status such a record is neither applied nor dead-lettered.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "alert"))
class FuzzFindingsTest {

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.topics.reorder-points")
    String reorderPointsTopic;

    @ConfigProperty(name = "stockline.topics.sync-status")
    String syncStatusTopic;

    @Test
    void aStockEventOfATypeNobodyReadsChangesNothing() throws Exception {
        String sku = "FOREIGN-" + UUID.randomUUID();
        EventFuzzing.assertTypeNobodyReadsIsIgnored(stockChangedTopic, sku, """
                {"eventId":"%s","sku":"%s","location":"WH1","version":3,"movementType":"SALE","onHand":0,"available":0,\
                "committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,"incoming":0,"inTransit":0,\
                "occurredAt":"2026-11-29T10:15:30Z"}""".formatted(UUID.randomUUID(), sku));
        assertThat(TestDatabase.textsContaining(sku)).isEmpty();
    }

    @Test
    void aReorderPointOfATypeNobodyReadsChangesNothing() throws Exception {
        String sku = "FOREIGN-" + UUID.randomUUID();
        EventFuzzing.assertTypeNobodyReadsIsIgnored(reorderPointsTopic, sku + "|WH1", """
                {"eventId":"%s","sku":"%s","location":"WH1","reorderPoint":12,"safetyStock":3.5,\
                "computedAt":"2026-11-29T10:15:30Z"}""".formatted(UUID.randomUUID(), sku));
        assertThat(TestDatabase.textsContaining(sku)).isEmpty();
    }

    @Test
    void aSyncStatusOfATypeNobodyReadsChangesNothing() throws Exception {
        String channel = "FOREIGN-" + UUID.randomUUID();
        EventFuzzing.assertTypeNobodyReadsIsIgnored(syncStatusTopic, channel, """
                {"channelId":"%s","channelType":"SHOPIFY","state":"FAILING","pending":3,"lagSeconds":900,\
                "consecutiveFailures":9,"reportedAt":"2026-11-29T10:15:30Z"}""".formatted(channel));
        assertThat(TestDatabase.textsContaining(channel)).isEmpty();
    }
}
