package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.stockline.inventory.Api.Level;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.service.MovementRequest;
import io.stockline.inventory.service.MovementService;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.ConcurrentPosts;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Group commit of movements (service/MovementGroups, database function move_group): concurrent plain movements share
 * one call and one commit, yet each is all-or-nothing on its own; and what the function writes (ledger row, outbox
 * event, answer) is what the general path (MovementService.post) writes for the same movement.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class GroupCommitMovementTest {

    private static final String OPERATOR = Tokens.bearer("operator");

    @TestHTTPResource("/api/v1/movements")
    URI movementsUri;

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    @Inject
    MovementService generalPath;

    @Inject
    Pool pool;

    private ConcurrentPosts callers;

    @BeforeEach
    void start() {
        callers = new ConcurrentPosts(32);
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.close();
        Api.assertAuditConsistent();
    }

    private Future<HttpResponse<String>> send(String key, String type, String sku, String location, long quantity) {
        return callers.post(movementsUri, OPERATOR, key, "{\"type\":\"%s\",\"sku\":\"%s\",\"location\":\"%s\",\"quantity\":%d}"
                .formatted(type, sku, location, quantity));
    }

    @Test
    void aMovementThatCannotBeServedChangesNothingWhileTheOthersOfItsGroupAreRecorded() throws Exception {
        String hot = Api.item();
        String loc = location();
        moved("RECEIPT", hot, loc, 40);

        // 60 one-unit sales race for 40 units; among them, losses of 100 that can never be served: each must change
        // nothing (no balance, no ledger row, no event) while the sales of its group are recorded
        List<Future<HttpResponse<String>>> sales = new ArrayList<>();
        List<Future<HttpResponse<String>>> losses = new ArrayList<>();
        List<String> lossKeys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sales.add(send(UUID.randomUUID().toString(), "SALE", hot, loc, 1));
            if (i % 20 == 10) {
                String key = UUID.randomUUID().toString();
                lossKeys.add(key);
                losses.add(send(key, "LOSS", hot, loc, 100));
            }
        }
        Map<Integer, Integer> saleStatuses = new TreeMap<>();
        for (Future<HttpResponse<String>> answer : sales) {
            saleStatuses.merge(answer.get(90, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        for (Future<HttpResponse<String>> answer : losses) {
            HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("\"field\":\"quantity\"")
                    .contains("LOSS of 100 would take");
        }

        assertThat(saleStatuses).isEqualTo(Map.of(201, 40, 409, 20));
        assertThat(at(hot, loc)).isEqualTo(Level.of(0, 0, 0, 0, 0, 0, 41));

        // one SALE per unit sold, no LOSS; and the sales really shared commits (one transaction's rows share its
        // start time), so this was group commit and not forty transactions one after another
        JsonPath ledger = given().queryParam("sku", hot).queryParam("limit", 1000).get("/api/v1/ledger")
                .then().statusCode(200).extract().jsonPath();
        assertThat(ledger.getList("type", String.class)).containsOnly("RECEIPT", "SALE").hasSize(41);
        List<String> saleTimes = ledger.getList("findAll { it.type == 'SALE' }.createdAt");
        assertThat(saleTimes.stream().distinct().count()).isLessThan(40);

        // a refused loss stored nothing under its key: sent again it is decided again (still refused), not replayed
        HttpResponse<String> again = send(lossKeys.get(0), "LOSS", hot, loc, 100).get(60, TimeUnit.SECONDS);
        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void theFastPathWritesWhatTheGeneralPathWritesForTheSameMovement() throws Throwable {
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers())
                .watch(List.of(stockChangedTopic))) {
            String loc = location();
            String fast = Api.item();
            String general = Api.item();
            List<MovementRequest> moves = List.of(
                    new MovementRequest(MovementType.RECEIPT, "?", loc, 12L, null, "delivery", "PO-1"),
                    new MovementRequest(MovementType.SALE, "?", loc, 3L, null, null, "till 4"),
                    new MovementRequest(MovementType.DAMAGE, "?", loc, 2L, null, "dropped", null),
                    new MovementRequest(MovementType.WRITE_OFF, "?", loc, 1L, null, "bin", null, null, null,
                            MovementType.WriteOffState.DAMAGED),
                    MovementRequest.correction(MovementType.ADJUSTMENT, "?", loc, -2, AdjustmentReason.COUNT_ERROR,
                            "recount", "C-9"));

            String actor = null;
            for (MovementRequest move : moves) {
                MovementRequest fastMove = withSku(move, fast);
                JsonPath answer = given().contentType(ContentType.JSON).header("Idempotency-Key", Api.key())
                        .body(fastMove).post("/api/v1/movements").then().statusCode(201).extract().jsonPath();
                actor = answer.getString("actor");
                // the answer is the movement as stored
                List<Map<String, Object>> stored = given().queryParam("sku", fast).queryParam("limit", 1000)
                        .get("/api/v1/ledger").then().statusCode(200).extract().jsonPath().getList("");
                Map<String, Object> last = new HashMap<>(stored.get(stored.size() - 1));
                Map<String, Object> answered = new HashMap<>(answer.getMap(""));
                assertThat(OffsetDateTime.parse((String) answered.remove("createdAt")).toInstant())
                        .isEqualTo(OffsetDateTime.parse((String) last.remove("createdAt")).toInstant());
                last.remove("lots");
                assertThat(answered).isEqualTo(last);

                String generalActor = actor;
                MovementRequest generalMove = withSku(move, general);
                VertxContextSupport.subscribeAndAwait(() -> generalPath.post(generalMove, Api.key(), generalActor));
            }

            List<Map<String, Object>> fastRows = ledgerRows(fast);
            List<Map<String, Object>> generalRows = ledgerRows(general);
            assertThat(fastRows).hasSize(moves.size()).isEqualTo(generalRows);
            assertThat(at(fast, loc)).isEqualTo(at(general, loc));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(events(kafka, fast)).hasSize(moves.size());
                assertThat(events(kafka, general)).hasSize(moves.size());
            });
            assertThat(events(kafka, fast)).isEqualTo(events(kafka, general));
        }
    }

    private static MovementRequest withSku(MovementRequest m, String sku) {
        return new MovementRequest(m.type(), sku, m.location(), m.quantity(), m.toLocation(), m.reason(),
                m.reference(), m.lot(), m.expiresOn(), m.state(), m.reasonCode());
    }

    /** The SKU's ledger rows, every column but those that name the row, its SKU, its time or its key. */
    private List<Map<String, Object>> ledgerRows(String sku) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT * FROM movement WHERE sku = $1 ORDER BY id").execute(Tuple.of(sku))
                .await().atMost(Duration.ofSeconds(30))) {
            Map<String, Object> columns = new TreeMap<>();
            for (int i = 0; i < row.size(); i++) {
                String name = row.getColumnName(i);
                if (!List.of("id", "sku", "created_at", "idempotency_key", "request_hash").contains(name)) {
                    columns.put(name, row.getValue(i) == null ? null : row.getValue(i).toString());
                }
            }
            assertThat(row.getString("idempotency_key")).isNotNull();
            assertThat(row.getString("request_hash")).hasSize(64);
            rows.add(columns);
        }
        return rows;
    }

    /** The SKU's stock-changed events as sent, without what names the event, its movement, its SKU or its time. */
    private List<Map<String, Object>> events(KafkaProbe kafka, String sku) {
        return kafka.on(stockChangedTopic).stream().filter(r -> sku.equals(r.key())).map(r -> {
            assertThat(r.header("ce_type")).isEqualTo("io.stockline.inventory.stock-changed.v1");
            Map<String, Object> event = new TreeMap<>(JsonPath.from(r.value()).getMap(""));
            assertThat(event.keySet()).containsAll(List.of("eventId", "movementId", "occurredAt", "sku"));
            event.keySet().removeAll(List.of("eventId", "movementId", "occurredAt", "sku"));
            return event;
        }).toList();
    }
}
