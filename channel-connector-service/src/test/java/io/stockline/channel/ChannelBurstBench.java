package io.stockline.channel;

import static io.stockline.channel.ChannelTesting.createWebhookChannel;
import static io.stockline.channel.ChannelTesting.newId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.InjectWireMock;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Not part of the build (no *Test name): a burst of stock changes over many SKUs and three webhook channels,
 * printing how long until every channel holds the final numbers and how many calls that took. Run with
 * {@code mvn -pl channel-connector-service test -Dtest=ChannelBurstBench -Dbench.changes=20000 -Dbench.skus=200}.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class ChannelBurstBench {

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @ConfigProperty(name = "stockline.test.webhook-base")
    String webhookBase;

    @InjectWireMock
    WireMockServer webhooks;

    @Test
    void burst() {
        int changes = Integer.getInteger("bench.changes", 10_000);
        int skuCount = Integer.getInteger("bench.skus", 100);
        String location = newId("BENCH");
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = newId("bench" + i);
            createWebhookChannel(webhookBase, id, "\"locations\":[\"" + location + "\"],\"buffer\":{\"amount\":" + i
                    + ",\"unit\":\"UNITS\"}").statusCode(201);
            channels.add(id);
        }
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < skuCount; i++) {
            skus.add("BENCH-" + UUID.randomUUID().toString().substring(0, 8));
        }
        Map<String, Long> versions = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        Random random = new Random(42);
        long start = System.nanoTime();
        Properties props = Infrastructure.get().kafkaClientProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < changes; i++) {
                String sku = skus.get(random.nextInt(skuCount));
                long version = versions.merge(sku, 1L, Long::sum);
                long available = random.nextInt(50);
                last.put(sku, available);
                UUID id = UUID.randomUUID();
                ProducerRecord<String, String> record = new ProducerRecord<>(stockChangedTopic, sku, """
                        {"eventId":"%s","sku":"%s","location":"%s","version":%d,"movementType":"ADJUSTMENT","onHand":%d,\
                        "available":%d,"committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,\
                        "incoming":0,"inTransit":0,"occurredAt":"2026-11-23T10:00:00Z"}""".formatted(id, sku, location,
                        version, available, available));
                record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                        .add("ce_id", id.toString().getBytes(StandardCharsets.UTF_8))
                        .add("ce_type", "io.stockline.inventory.stock-changed.v1".getBytes(StandardCharsets.UTF_8))
                        .add("ce_source", "/stockline/bench".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        long sent = System.nanoTime();
        // Done when every channel's webhook last received, for every SKU, its last availability less the channel's
        // buffer (channel i holds back i units).
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> mismatches(channels, last) == 0);
        long done = System.nanoTime();
        int calls = channels.stream().mapToInt(channel -> ChannelTesting.calls(webhooks, channel).size()).sum();
        int updates = channels.stream().mapToInt(channel -> ChannelTesting.pushes(webhooks, channel, null).size()).sum();
        // ...and the pipeline knows it: nothing pending (the last outcome is recorded just after the call returns).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> channels.forEach(channel -> given()
                .header("Authorization", Tokens.bearer("viewer")).get("/api/v1/channels/{id}/status", channel).then()
                .body("pending", org.hamcrest.Matchers.equalTo(0))));
        System.out.printf("BENCH %d changes over %d SKUs and 3 channels: sent in %.1f s, all channels in sync after %.1f s"
                + " (%.0f changes/s); %d calls carrying %d updates%n", changes, skuCount, (sent - start) / 1e9,
                (done - start) / 1e9, changes / ((done - start) / 1e9), calls, updates);
    }

    private long mismatches(List<String> channels, Map<String, Long> last) {
        long wrong = 0;
        for (int i = 0; i < channels.size(); i++) {
            Map<String, Long> held = new HashMap<>();
            for (ChannelTesting.Push push : ChannelTesting.pushes(webhooks, channels.get(i), null)) {
                held.put(push.sku(), push.quantity());
            }
            int buffer = i;
            wrong += last.entrySet().stream()
                    .filter(e -> !Long.valueOf(Math.max(0, e.getValue() - buffer)).equals(held.get(e.getKey()))).count();
        }
        return wrong;
    }
}
