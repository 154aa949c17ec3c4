package io.stockline.inventory;

import static io.stockline.inventory.Api.assertProblem;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.move;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/** The outbox relay publishes every change of a SKU to the stock-changed topic, in order, as CloudEvents. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class OutboxRelayTest {

    @org.junit.jupiter.api.AfterEach
    void ledgerStillExplainsEveryBalance() {
        Api.assertAuditConsistent();
    }

    private static final int PER_LOCATION = 20;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic));
    }

    @AfterEach
    void close() {
        kafka.close();
    }

    private List<KafkaProbe.Received> eventsOf(String sku) {
        return kafka.on(stockChangedTopic).stream().filter(r -> sku.equals(r.key())).toList();
    }

    @Test
    void aBurstOfMovementsIsPublishedInOrderWithGaplessVersionsAsCloudEvents() throws Exception {
        String sku = item();
        String north = location();
        String south = location();

        // The burst: concurrent one-unit receipts at two locations, then a refusal and a last sale.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> posted = new ArrayList<>();
            for (int i = 0; i < PER_LOCATION; i++) {
                posted.add(pool.submit(() -> move("RECEIPT", sku, north, 1)));
                posted.add(pool.submit(() -> move("RECEIPT", sku, south, 1)));
            }
            for (Future<Response> response : posted) {
                assertThat(response.get().statusCode()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        assertProblem(move("SALE", sku, north, 1_000), 409, "quantity");
        moved("SALE", sku, north, 1);
        assertThat(at(sku, north)).isEqualTo(Level.of(PER_LOCATION - 1, PER_LOCATION - 1, 0, 0, 0, 0,
                PER_LOCATION + 1));

        int expected = 2 * PER_LOCATION + 1;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(sku)).hasSize(expected));

        List<KafkaProbe.Received> events = eventsOf(sku);
        Set<String> ids = new HashSet<>();
        Set<Long> movementIds = new HashSet<>();
        List<Long> northVersions = new ArrayList<>();
        List<Long> southVersions = new ArrayList<>();
        for (KafkaProbe.Received event : events) {
            assertThat(event.header("ce_type")).isEqualTo("io.stockline.inventory.stock-changed.v1");
            assertThat(event.header("ce_specversion")).isEqualTo("1.0");
            assertThat(event.header("ce_source")).isEqualTo("/stockline/inventory-service");
            assertThat(event.header("ce_subject")).isEqualTo(sku);
            assertThat(event.header("ce_time")).isNotBlank();
            assertThat(event.header("ce_id")).isNotBlank();
            ids.add(event.header("ce_id"));

            JsonPath data = JsonPath.from(event.value());
            assertThat(data.getString("eventId")).isEqualTo(event.header("ce_id"));
            assertThat(data.getString("sku")).isEqualTo(sku);
            assertThat(data.getLong("onHand")).isEqualTo(data.getLong("available"));
            movementIds.add(data.getLong("movementId"));
            String location = data.getString("location");
            if (location.equals(north)) {
                northVersions.add(data.getLong("version"));
            } else {
                assertThat(location).isEqualTo(south);
                southVersions.add(data.getLong("version"));
                assertThat(data.getLong("onHand")).isEqualTo(data.getLong("version"));
            }
        }
        assertThat(ids).as("ce_id is unique").hasSize(expected);
        assertThat(movementIds).as("one event per movement").hasSize(expected);
        assertThat(northVersions).as("versions at %s in the order received", north)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, PER_LOCATION + 1).boxed().toList());
        assertThat(southVersions).as("versions at %s in the order received", south)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, PER_LOCATION).boxed().toList());

        JsonPath last = JsonPath.from(events.get(events.size() - 1).value());
        assertThat(last.getString("movementType")).isEqualTo("SALE");
        assertThat(last.getString("location")).isEqualTo(north);
        assertThat(last.getLong("available")).isEqualTo(PER_LOCATION - 1);
    }

    @Test
    void reservationsReleasesAndCommitsArePublishedToo() {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 5);
        String held = Api.reserve(Api.key(), "order-" + sku, List.of(Api.line(1, sku, loc, 2)))
                .then().statusCode(201).extract().jsonPath().getString("id");
        String shipped = Api.reserve(Api.key(), "order-2-" + sku, List.of(Api.line(1, sku, loc, 1)))
                .then().statusCode(201).extract().jsonPath().getString("id");
        Api.release(held).then().statusCode(200);
        Api.commit(shipped).then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(eventsOf(sku)).hasSize(5));
        List<JsonPath> events = eventsOf(sku).stream().map(e -> JsonPath.from(e.value())).toList();
        assertThat(events).extracting(e -> e.getString("movementType"))
                .containsExactly("RECEIPT", "RESERVE", "RESERVE", "RELEASE", "COMMIT");
        assertThat(events).extracting(e -> e.getLong("version")).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonPath last = events.get(4);
        assertThat(List.of(last.getLong("onHand"), last.getLong("available"), last.getLong("committed")))
                .containsExactly(4L, 4L, 0L);
    }
}
