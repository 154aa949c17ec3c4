package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * A stock import racing reservations and receipts on the same balances: each count is taken from the on-hand it
 * locked, so afterwards every balance is the count plus exactly the receipts the ledger orders after it, nothing is
 * oversold, and the audit agrees.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ConcurrentImportTest {

    private static final String ADMIN = Tokens.bearer("admin");
    private static final int SKUS = 20;
    private static final int WORKERS = 16;
    private static final int OPERATIONS = 15;
    private static final long COUNTED = 60;

    @TestHTTPResource("/")
    URI base;

    private ExecutorService callers;
    private HttpClient http;

    @BeforeEach
    void start() {
        callers = Executors.newFixedThreadPool(WORKERS + 1);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        Api.assertAuditConsistent();
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType).header("Authorization", ADMIN)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCountRacingReservationsAndReceiptsStartsFromTheOnHandItLocked() throws Exception {
        String location = Api.location();
        List<String> skus = new ArrayList<>();
        StringBuilder csv = new StringBuilder("sku,location,quantity\n");
        for (int i = 0; i < SKUS; i++) {
            String sku = Api.item();
            Api.moved("RECEIPT", sku, location, 100);
            skus.add(sku);
            csv.append(sku).append(',').append(location).append(',').append(COUNTED).append('\n');
        }

        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(callers.submit(() -> {
                go.await();
                List<Integer> statuses = new ArrayList<>();
                for (int op = 0; op < OPERATIONS; op++) {
                    String sku = skus.get(ThreadLocalRandom.current().nextInt(SKUS));
                    HttpResponse<String> answer = op % 2 == 0
                            ? post("api/v1/reservations", "application/json",
                                    "{\"orderId\":\"o-%s\",\"lines\":[{\"line\":1,\"sku\":\"%s\",\"location\":\"%s\",\"quantity\":1}]}"
                                            .formatted(UUID.randomUUID(), sku, location))
                            : post("api/v1/movements", "application/json",
                                    "{\"type\":\"RECEIPT\",\"sku\":\"%s\",\"location\":\"%s\",\"quantity\":1}"
                                            .formatted(sku, location));
                    statuses.add(answer.statusCode());
                }
                return statuses;
            }));
        }
        Future<HttpResponse<String>> imported = callers.submit(() -> {
            go.await();
            return post("api/v1/imports/stock", "text/csv", csv.toString());
        });
        go.countDown();

        for (Future<List<Integer>> worker : workers) {
            assertThat(worker.get(180, TimeUnit.SECONDS)).allMatch(status -> status == 201);
        }
        HttpResponse<String> report = imported.get(180, TimeUnit.SECONDS);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(report.body()).getInt("applied")).isEqualTo(SKUS);

        for (String sku : skus) {
            List<Map<String, Object>> ledger = given().queryParam("sku", sku).queryParam("limit", 1000)
                    .get("/api/v1/ledger").then().statusCode(200).extract().jsonPath().getList("$");
            List<String> types = ledger.stream().map(m -> (String) m.get("type")).toList();
            int count = types.indexOf("COUNT_CORRECTION");
            assertThat(count).as("one count for " + sku).isEqualTo(types.lastIndexOf("COUNT_CORRECTION")).isPositive();
            long receiptsAfter = types.subList(count + 1, types.size()).stream().filter("RECEIPT"::equals).count();
            long holds = types.stream().filter("RESERVE"::equals).count();
            Api.Level level = Api.at(sku, location);
            assertThat(level.onHand()).as(sku + ": the count, then the receipts after it").isEqualTo(COUNTED + receiptsAfter);
            assertThat(level.committed()).isEqualTo(holds);
            assertThat(level.available()).isEqualTo(level.onHand() - holds).isNotNegative();
        }
    }
}
