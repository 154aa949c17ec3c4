package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Api.at;
import static io.stockline.inventory.Api.location;
import static io.stockline.inventory.Api.moved;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.stockline.inventory.Api.Level;
import io.stockline.testsupport.ConcurrentPosts;
import io.stockline.testsupport.StocklineTestResource;
import io.stockline.testsupport.Tokens;

/**
 * Group commit (service/ReservationGroups): concurrent plain reservations share one call and one commit, yet each is
 * all-or-nothing on its own. One request of a gathered group that cannot be served rolls back alone.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class GroupCommitReservationTest {

    private static final String OPERATOR = Tokens.bearer("operator");

    @TestHTTPResource("/api/v1/reservations")
    URI reservations;

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

    private static String item(String prefix) {
        String sku = Api.unique(prefix);
        given().contentType("application/json").body(Map.of("sku", sku, "name", "Item " + sku))
                .post("/api/v1/items").then().statusCode(201);
        return sku;
    }

    private Future<HttpResponse<String>> send(String key, String lines) {
        return callers.post(reservations, OPERATOR, key, "{\"orderId\":\"order-%s\",\"lines\":[%s]}".formatted(key, lines));
    }

    @Test
    void aRequestWithOneShortLineChangesNothingWhileTheOthersOfItsGroupHold() throws Exception {
        // the scarce SKU sorts first, so its line is always the one tried first and found short: nothing of the
        // request was written when it is refused
        aShortRequestChangesNothingWhileTheOthersOfItsGroupHold(item("A-SCARCE"), item("B-HOT"), true);
    }

    @Test
    void aRequestShortOnItsLastLineGivesBackWhatItsEarlierLinesHeld() throws Exception {
        // the scarce SKU sorts last: the request holds its hot unit first, then is refused on the scarce line, and its
        // savepoint must give the hot unit (balance, ledger row, event) back; once the hot SKU is sold out, it is refused
        // on its hot line instead
        aShortRequestChangesNothingWhileTheOthersOfItsGroupHold(item("Z-SCARCE"), item("B-HOT"), false);
    }

    private void aShortRequestChangesNothingWhileTheOthersOfItsGroupHold(String scarce, String hot, boolean scarceFirst)
            throws Exception {
        String loc = location();
        moved("RECEIPT", hot, loc, 40);
        moved("RECEIPT", scarce, loc, 2);

        // 60 one-unit holds of the hot SKU race for its 40 units; among them, requests that also want 5 of the
        // scarce SKU (2 in stock): each of those must fail whole, its hot unit left for the others
        List<Future<HttpResponse<String>>> singles = new ArrayList<>();
        List<Future<HttpResponse<String>>> shortOnes = new ArrayList<>();
        List<String> shortKeys = new ArrayList<>();
        String shortLines = "{\"line\":1,\"sku\":\"%s\",\"location\":\"%s\",\"quantity\":1},"
                .formatted(hot, loc) + "{\"line\":2,\"sku\":\"%s\",\"quantity\":5}".formatted(scarce);
        for (int i = 0; i < 60; i++) {
            singles.add(send(UUID.randomUUID().toString(),
                    "{\"line\":1,\"sku\":\"%s\",\"location\":\"%s\",\"quantity\":1}".formatted(hot, loc)));
            if (i % 20 == 10) {
                String key = UUID.randomUUID().toString();
                shortKeys.add(key);
                shortOnes.add(send(key, shortLines));
            }
        }
        Map<Integer, Integer> singleStatuses = new TreeMap<>();
        for (Future<HttpResponse<String>> answer : singles) {
            singleStatuses.merge(answer.get(90, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        for (Future<HttpResponse<String>> answer : shortOnes) {
            HttpResponse<String> response = answer.get(90, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(409);
            assertRefusedOnScarceLine(response.body(), scarce, scarceFirst);
        }

        // exactly the stock sold, by the one-unit holds alone; the scarce SKU untouched
        assertThat(singleStatuses).isEqualTo(Map.of(201, 40, 409, 20));
        assertThat(at(hot, loc)).isEqualTo(Level.of(40, 0, 40, 0, 0, 0, 41));
        assertThat(at(scarce, loc)).isEqualTo(Level.of(2, 2, 0, 0, 0, 0, 1));

        // the ledger holds one RESERVE per unit held, and the holds really shared commits (one transaction's rows
        // share its start time), so this was group commit and not forty transactions one after another
        JsonPath ledger = given().queryParam("sku", hot).queryParam("limit", 1000).get("/api/v1/ledger")
                .then().statusCode(200).extract().jsonPath();
        List<String> reserveTimes = ledger.getList("findAll { it.type == 'RESERVE' }.createdAt");
        assertThat(reserveTimes).hasSize(40);
        assertThat(reserveTimes.stream().distinct().count()).isLessThan(40);
        assertThat(given().queryParam("sku", scarce).get("/api/v1/ledger").then().statusCode(200).extract()
                .jsonPath().getList("type")).containsExactly("RECEIPT");

        // a short request stored nothing under its key: sent again it is decided again (still short), not replayed
        HttpResponse<String> again = send(shortKeys.get(0), shortLines).get(60, TimeUnit.SECONDS);
        assertThat(again.statusCode()).isEqualTo(409);
        assertRefusedOnScarceLine(again.body(), scarce, scarceFirst);
    }

    /** Refused on the scarce line; a request that tries its hot line first may find the hot SKU sold out instead. */
    private static void assertRefusedOnScarceLine(String problem, String scarce, boolean scarceFirst) {
        boolean onScarceLine = problem.contains("\"field\":\"lines[1].quantity\"")
                && problem.contains("no location holds 5 available of " + scarce);
        if (scarceFirst) {
            assertThat(onScarceLine).as(problem).isTrue();
        } else {
            assertThat(onScarceLine || problem.contains("\"field\":\"lines[0].quantity\"")).as(problem).isTrue();
        }
    }
}
