package io.stockline.inventory;

import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.item;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.StocklineTestResource;

/** Many orders racing for the last units: every unit is held once, none twice. */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class ConcurrentReservationTest {

    private static final Pattern HELD_AT = Pattern.compile("\"location\":\"([^\"]+)\"");

    @TestHTTPResource("/api/v1/reservations")
    URI reservations;

    private ExecutorService callers;
    private static final String OPERATOR = io.stockline.testsupport.Tokens.bearer("operator");

    private HttpClient http;

    @BeforeEach
    void start() {
        callers = Executors.newFixedThreadPool(32);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        Api.assertAuditConsistent();
    }

    /** Sends the one-unit reservations all at once; returns the answers. */
    private List<HttpResponse<String>> race(int requests, String sku, String location) throws Exception {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String orderId = "order-" + UUID.randomUUID();
            String line = location == null
                    ? "{\"line\":1,\"sku\":\"%s\",\"quantity\":1}".formatted(sku)
                    : "{\"line\":1,\"sku\":\"%s\",\"location\":\"%s\",\"quantity\":1}".formatted(sku, location);
            HttpRequest request = HttpRequest.newBuilder(reservations)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Authorization", OPERATOR)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"orderId\":\"%s\",\"lines\":[%s]}".formatted(orderId, line)))
                    .build();
            answers.add(callers.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get(90, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static Map<Integer, Integer> countByStatus(List<HttpResponse<String>> responses) {
        Map<Integer, Integer> counts = new TreeMap<>();
        responses.forEach(r -> counts.merge(r.statusCode(), 1, Integer::sum));
        return counts;
    }

    private static void assertRefusalsAreProblems(List<HttpResponse<String>> responses) {
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 409) {
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith(Api.PROBLEM_JSON));
                assertThat(response.body()).contains("\"field\":\"lines[0].quantity\"");
            }
        }
    }

    @Test
    void fiveHundredOrdersFor120UnitsAtOneLocationHoldExactly120() throws Exception {
        String sku = item();
        String loc = location();
        moved("RECEIPT", sku, loc, 120);

        List<HttpResponse<String>> responses = race(500, sku, loc);

        assertThat(countByStatus(responses)).isEqualTo(Map.of(201, 120, 409, 380));
        assertRefusalsAreProblems(responses);
        assertThat(at(sku, loc)).isEqualTo(Level.of(120, 0, 120, 0, 0, 0, 121));
    }

    @Test
    void ordersWithoutALocationNeverOversellAnyLocation() throws Exception {
        String sku = item();
        String north = location(1);
        String south = location(1);
        moved("RECEIPT", sku, north, 15);
        moved("RECEIPT", sku, south, 15);

        List<HttpResponse<String>> responses = race(80, sku, null);

        assertThat(countByStatus(responses)).isEqualTo(Map.of(201, 30, 409, 50));
        assertRefusalsAreProblems(responses);
        Map<String, Integer> heldAt = new TreeMap<>();
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 201) {
                Matcher matcher = HELD_AT.matcher(response.body());
                assertThat(matcher.find()).as(response.body()).isTrue();
                heldAt.merge(matcher.group(1), 1, Integer::sum);
            }
        }
        assertThat(heldAt).isEqualTo(new TreeMap<>(Map.of(north, 15, south, 15)));
        assertThat(at(sku, north)).isEqualTo(Level.of(15, 0, 15, 0, 0, 0, 16));
        assertThat(at(sku, south)).isEqualTo(Level.of(15, 0, 15, 0, 0, 0, 16));
    }

    /** Sends the reservations, each a JSON array of lines, all at once; returns the answers in the order given. */
    private List<HttpResponse<String>> sendAll(List<String> lineArrays) throws Exception {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (String lines : lineArrays) {
            HttpRequest request = HttpRequest.newBuilder(reservations)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .header("Authorization", OPERATOR)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"orderId\":\"order-%s\",\"lines\":%s}".formatted(UUID.randomUUID(), lines)))
                    .build();
            answers.add(callers.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            responses.add(answer.get(90, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static String twoLines(String first, String second, String location) {
        String at = location == null ? "" : ",\"location\":\"%s\"".formatted(location);
        return "[{\"line\":1,\"sku\":\"%s\"%s,\"quantity\":1},{\"line\":2,\"sku\":\"%s\"%s,\"quantity\":1}]"
                .formatted(first, at, second, at);
    }

    /**
     * Pairs of two-line reservations on the same two SKUs in opposite line order, all at once: held in request order,
     * one of a pair would lock A then wait for B while the other locks B then waits for A (a deadlock, once a 500).
     * Held in (SKU, location) order they queue up instead: every answer is 201 or 409, never 500 or 503, and exactly
     * as many succeed as the stock allows, each holding one of both.
     */
    @Test
    void pairsOfReservationsNamingTwoSkusInOppositeOrderNeverDeadlock() throws Exception {
        String a = item();
        String b = item();
        String loc = location();
        moved("RECEIPT", a, loc, 100);
        moved("RECEIPT", b, loc, 100);
        List<String> requests = new ArrayList<>();
        for (int pair = 0; pair < 60; pair++) {
            requests.add(twoLines(a, b, loc));
            requests.add(twoLines(b, a, loc));
        }

        List<HttpResponse<String>> responses = sendAll(requests);

        assertThat(countByStatus(responses)).isEqualTo(Map.of(201, 100, 409, 20));
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 409) {
                assertThat(response.body()).contains("\"field\":\"lines[");
            }
        }
        assertThat(at(a, loc)).isEqualTo(Level.of(100, 0, 100, 0, 0, 0, 101));
        assertThat(at(b, loc)).isEqualTo(Level.of(100, 0, 100, 0, 0, 0, 101));
    }

    /**
     * The same with lines naming no location, so that each is placed when it is held (at two locations): the lines
     * are still held SKU by SKU in one order, and the stock balances afterwards.
     */
    @Test
    void pairsPlacedWhenHeldNeverDeadlockEither() throws Exception {
        String a = item();
        String b = item();
        String north = location(1);
        String south = location(1);
        for (String loc : List.of(north, south)) {
            moved("RECEIPT", a, loc, 30);
            moved("RECEIPT", b, loc, 30);
        }
        List<String> requests = new ArrayList<>();
        for (int pair = 0; pair < 40; pair++) {
            requests.add(twoLines(a, b, null));
            requests.add(twoLines(b, a, null));
        }

        List<HttpResponse<String>> responses = sendAll(requests);

        Map<Integer, Integer> counts = countByStatus(responses);
        assertThat(counts.keySet()).as("every answer 201 or 409: %s", counts).isSubsetOf(201, 409);
        int held = counts.getOrDefault(201, 0);
        // 60 of each in all: every success holds one of each, and no refusal is left while both could still be held
        assertThat(held).isEqualTo(60);
        long committedA = at(a, north).committed() + at(a, south).committed();
        long committedB = at(b, north).committed() + at(b, south).committed();
        assertThat(committedA).isEqualTo(held);
        assertThat(committedB).isEqualTo(held);
        for (String loc : List.of(north, south)) {
            assertThat(at(a, loc).available() + at(a, loc).committed()).isEqualTo(30);
            assertThat(at(b, loc).available() + at(b, loc).committed()).isEqualTo(30);
        }
    }
}
