package io.stockline.inventory;

import static io.restassured.RestAssured.given;
import static io.stockline.inventory.Counting.approve;
import static io.stockline.inventory.Counting.count;
import static io.stockline.inventory.Counting.counted;
import static io.stockline.inventory.Counting.onHand;
import static io.stockline.inventory.Counting.pin;
import static io.stockline.inventory.Counting.propose;
import static io.stockline.inventory.Counting.start;
import static io.stockline.inventory.Counting.task;
import static io.stockline.inventory.Counting.taskOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.KafkaProbe;
import io.stockline.testsupport.StocklineTestResource;

/**
 * Cycle counts: tasks proposed by class and last count, counted blind, a recount when the first count is too far off,
 * approval posting COUNT_CORRECTION reconciled with what moved after the count, rejection, ABC classes, accuracy.
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class CycleCountTest {

    @ConfigProperty(name = "stockline.topics.stock-changed")
    String stockChangedTopic;

    private KafkaProbe kafka;

    @BeforeEach
    void watch() {
        kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(stockChangedTopic));
    }

    @AfterEach
    void ledgerStillExplainsEveryBalance() {
        kafka.close();
        Api.assertAuditConsistent();
    }

    private static List<Map<String, Object>> ledger(String sku) {
        return given().queryParam("sku", sku).get("/api/v1/ledger").then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    private static long movementId(Response posted) {
        return posted.then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void aCountFarOffAsksForARecountWhoseApprovalPostsTheCorrectionOnTodaysOnHand() {
        String sku = Counting.item(null);
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 20);
        pin(sku, "A").then().statusCode(200).body("abcClass", equalTo("A"));

        JsonPath proposal = propose(location);
        assertThat(proposal.getInt("proposed")).isEqualTo(1);
        assertThat(proposal.getString("tasks[0].sku")).isEqualTo(sku);
        assertThat(proposal.getString("tasks[0].abcClass")).isEqualTo("A");
        assertThat(proposal.getString("tasks[0].status")).isEqualTo("OPEN");
        assertThat(proposal.getString("tasks[0].dueOn")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        String task = proposal.getString("tasks[0].id");

        // 12 counted where the system holds 20: 8 off is more than 2 units and 5 %, so count again.
        start("operator", task).then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        count("operator", task, 12).then().statusCode(200)
                .body("status", equalTo("RECOUNT_REQUESTED")).body("recount", equalTo(true))
                .body("count", nullValue());
        JsonPath admin = task("admin", task);
        assertThat(admin.getLong("firstCount.counted")).isEqualTo(12);
        assertThat(admin.getLong("firstCount.expected")).isEqualTo(20);
        assertThat(admin.getLong("firstCount.discrepancy")).isEqualTo(-8);
        // A recount is not approved before it is counted.
        Api.assertProblem(approve(task), 409, "status");

        // Three sold before the recount; the recount finds 13 of the 17 the system now holds.
        long sale = movementId(Api.move("SALE", sku, location, 3));
        start("operator", task).then().statusCode(200).body("status", equalTo("IN_PROGRESS"));
        count("operator", task, 13).then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"));
        admin = task("admin", task);
        assertThat(admin.getLong("count.counted")).isEqualTo(13);
        assertThat(admin.getLong("count.ledgerPosition")).isEqualTo(sale);
        assertThat(admin.getLong("count.expected")).isEqualTo(17);
        assertThat(admin.getLong("count.discrepancy")).isEqualTo(-4);

        // Five arrive after the count and before the approval: they stay on hand.
        Api.moved("RECEIPT", sku, location, 5);
        JsonPath approved = approve(task).then().statusCode(200).extract().jsonPath();
        assertThat(approved.getString("status")).isEqualTo("APPROVED");
        assertThat(approved.getLong("decision.correction")).isEqualTo(-4);
        long correction = approved.getLong("decision.movementId");
        assertThat(Api.at(sku, location)).isEqualTo(Api.Level.of(18, 18, 0, 0, 0, 0, 4));

        List<Map<String, Object>> entries = ledger(sku);
        assertThat(entries).extracting(e -> e.get("type")).containsExactly("RECEIPT", "SALE", "RECEIPT", "COUNT_CORRECTION");
        Map<String, Object> last = entries.get(3);
        assertThat(((Number) last.get("id")).longValue()).isEqualTo(correction);
        assertThat(((Number) last.get("quantity")).longValue()).isEqualTo(13);
        assertThat(last.get("reason")).isEqualTo("cycle count " + task);
        assertThat(last.get("reference")).isEqualTo(task);
        assertThat(last.get("actor")).isEqualTo("test-admin");

        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.on(stockChangedTopic).stream()
                .anyMatch(r -> sku.equals(r.key()) && r.value().contains("\"movementType\":\"COUNT_CORRECTION\"")
                        && r.value().contains("\"movementId\":" + correction) && r.value().contains("\"onHand\":18")
                        && r.value().contains("\"available\":18")));

        // Approved once: a second approval is refused and posts nothing.
        Api.assertProblem(approve(task), 409, "status");
        assertThat(ledger(sku)).hasSize(4);
    }

    @Test
    void aCountWithinToleranceAwaitsApprovalAndOneThatAgreesPostsNothing() {
        String sku = Counting.item(null);
        String exact = Counting.item(null);
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 100);
        Api.moved("RECEIPT", exact, location, 7);
        propose(location);

        // 96 of 100: 4 units off but within 5 %.
        String near = taskOf(sku, location);
        assertThat(counted(near, 96)).isEqualTo("AWAITING_APPROVAL");
        approve(near).then().statusCode(200).body("decision.correction", equalTo(-4));
        assertThat(onHand(sku, location)).isEqualTo(96);

        String same = taskOf(exact, location);
        assertThat(counted(same, 7)).isEqualTo("AWAITING_APPROVAL");
        approve(same).then().statusCode(200).body("status", equalTo("APPROVED"))
                .body("decision.correction", equalTo(0)).body("decision.movementId", nullValue());
        assertThat(ledger(exact)).extracting(e -> e.get("type")).containsExactly("RECEIPT");
    }

    @Test
    void aRejectedCountLeavesStockUntouchedAndTheSkuIsProposedAgain() {
        String sku = Counting.item(null);
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 10);
        propose(location);
        String task = taskOf(sku, location);
        assertThat(counted(task, 10 - 1)).isEqualTo("AWAITING_APPROVAL");

        Counting.reject(task, "counted the wrong bin").then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("decision.note", equalTo("counted the wrong bin"))
                .body("decision.correction", nullValue());
        assertThat(Api.at(sku, location)).isEqualTo(Api.Level.of(10, 10, 0, 0, 0, 0, 1));
        assertThat(ledger(sku)).extracting(e -> e.get("type")).containsExactly("RECEIPT");
        Api.assertProblem(approve(task), 409, "status");
        Api.assertProblem(Counting.reject(task, "again"), 409, "status");
        Api.assertProblem(start("operator", task), 409, "status");

        // A rejected count is no count: the SKU is due again at once.
        JsonPath again = propose(location);
        assertThat(again.getInt("proposed")).isEqualTo(1);
        assertThat(again.getString("tasks[0].id")).isNotEqualTo(task);
    }

    @Test
    void theCounterNeverSeesWhatTheSystemExpectsAdminsDo() {
        String sku = Counting.item("3.00");
        String location = Api.location();
        Api.moved("RECEIPT", sku, location, 40);
        propose(location);
        String task = taskOf(sku, location);
        List<String> hidden = List.of("expected", "discrepancy", "ledgerPosition", "firstCount", "onHand", "correction");

        for (String role : List.of("operator", "viewer")) {
            assertThat(Counting.as(role).get(Counting.TASKS + "/" + task).then().statusCode(200).extract().asString())
                    .doesNotContain(hidden);
            assertThat(Counting.as(role).queryParam("location", location).get(Counting.TASKS).then().statusCode(200)
                    .extract().asString()).doesNotContain(hidden);
        }
        assertThat(start("operator", task).then().statusCode(200).extract().asString()).doesNotContain(hidden);
        // far off: a recount; the counter learns that, not by how much
        assertThat(count("operator", task, 25).then().statusCode(200).extract().asString()).doesNotContain(hidden);
        assertThat(start("operator", task).then().statusCode(200).extract().asString()).doesNotContain(hidden);
        String recounted = count("operator", task, 39).then().statusCode(200).body("status", equalTo("AWAITING_APPROVAL"))
                .body("count.counted", equalTo(39)).extract().asString();
        assertThat(recounted).doesNotContain(hidden);
        assertThat(Counting.as("operator").get(Counting.TASKS + "/" + task).then().statusCode(200).extract().asString())
                .doesNotContain(hidden);

        JsonPath admin = task("admin", task);
        assertThat(admin.getLong("onHand")).isEqualTo(40);
        assertThat(admin.getLong("count.expected")).isEqualTo(40);
        assertThat(admin.getLong("count.discrepancy")).isEqualTo(-1);
        assertThat(admin.getLong("firstCount.counted")).isEqualTo(25);
        approve(task).then().statusCode(200);
        assertThat(Counting.as("operator").get(Counting.TASKS + "/" + task).then().statusCode(200)
                .body("status", equalTo("APPROVED")).extract().asString()).doesNotContain(hidden);
    }

    @Test
    void tasksAreProposedForWhatIsDueByClassAndLastCount() {
        String location = Api.location();
        String a = Counting.item(null);
        String b = Counting.item(null);
        String c = Counting.item(null);
        String elsewhere = Counting.item(null);
        pin(a, "A").then().statusCode(200);
        pin(b, "B").then().statusCode(200);
        for (String sku : List.of(a, b, c)) {
            Api.moved("RECEIPT", sku, location, 5);
        }
        Api.moved("RECEIPT", elsewhere, Api.location(), 5);

        JsonPath first = propose(location);
        assertThat(first.getInt("proposed")).isEqualTo(3);
        assertThat(first.getInt("skusNotDue")).isZero();
        assertThat(first.getList("tasks.sku", String.class)).containsExactlyInAnyOrder(a, b, c);
        assertThat(first.getList("tasks.abcClass", String.class)).containsExactlyInAnyOrder("A", "B", "C");
        // every SKU never counted here is due today
        assertThat(first.getList("tasks.dueOn", String.class)).containsOnly(LocalDate.now(ZoneOffset.UTC).toString());

        // Proposing again adds nothing while the tasks are unfinished.
        assertThat(propose(location).getInt("proposed")).isZero();
        given().queryParam("location", location).queryParam("status", "OPEN").get(Counting.TASKS).then()
                .statusCode(200).body("size()", equalTo(3));

        for (String sku : List.of(a, b, c)) {
            String task = taskOf(sku, location);
            assertThat(counted(task, 5)).isEqualTo("AWAITING_APPROVAL");
            approve(task).then().statusCode(200);
        }
        // A count posted by hand is a count too; a SKU that only arrived is never counted.
        String handCounted = Counting.item(null);
        Api.moved("COUNT_CORRECTION", handCounted, location, 4);
        String arrived = Counting.item(null);
        Api.moved("RECEIPT", arrived, location, 2);

        JsonPath second = propose(location);
        assertThat(second.getList("tasks.sku", String.class)).containsExactly(arrived);
        assertThat(second.getInt("skusNotDue")).isEqualTo(4);
        given().queryParam("location", location).queryParam("status", "APPROVED").get(Counting.TASKS).then()
                .statusCode(200).body("size()", equalTo(3));
    }

    @Test
    void abcClassesComeFromTheConsumptionValueOfSalesAndCommitsOrArePinnedByHand() {
        // Values far above anything else in the test database, so these four decide the shares.
        String x = Counting.item("1000000");
        String y = Counting.item("1000000");
        String z = Counting.item("1000000");
        String noCost = Counting.item(null);
        String location = Api.location();
        for (String sku : List.of(x, y, z, noCost)) {
            Api.moved("RECEIPT", sku, location, 1000);
        }
        Api.moved("SALE", x, location, 800);
        String reservation = Api.reserve(Api.key(), Api.unique("order"), List.of(Api.line(1, x, location, 50)))
                .then().statusCode(201).extract().path("id");
        Api.commit(reservation).then().statusCode(200);
        Api.moved("SALE", y, location, 120);
        Api.moved("SALE", z, location, 30);
        Api.moved("SALE", noCost, location, 900);
        // Units that came back or were lost are no consumption.
        Api.moved("LOSS", z, location, 500);

        JsonPath recomputed = given().post("/api/v1/counting/abc/recompute").then().statusCode(200).extract().jsonPath();
        assertThat(recomputed.getInt("skus")).isGreaterThanOrEqualTo(4);
        assertThat(recomputed.getInt("computed.A") + recomputed.getInt("computed.B") + recomputed.getInt("computed.C"))
                .isEqualTo(recomputed.getInt("skus"));
        assertThat(recomputed.getInt("aPercent")).isEqualTo(80);
        assertThat(recomputed.getInt("cPercent")).isEqualTo(5);

        // x 850 M (A: nothing above it), y 120 M (85 % above it: B), z 30 M (97 % above it: C), no cost: C.
        JsonPath xClass = given().get("/api/v1/counting/abc/" + x).then().statusCode(200).extract().jsonPath();
        assertThat(xClass.getString("abcClass")).isEqualTo("A");
        assertThat(xClass.getLong("consumedUnits")).isEqualTo(850);
        assertThat(xClass.getDouble("consumptionValue")).isEqualTo(850_000_000d);
        given().get("/api/v1/counting/abc/" + y).then().statusCode(200).body("abcClass", equalTo("B"))
                .body("consumedUnits", equalTo(120));
        given().get("/api/v1/counting/abc/" + z).then().statusCode(200).body("abcClass", equalTo("C"))
                .body("consumedUnits", equalTo(30));
        given().get("/api/v1/counting/abc/" + noCost).then().statusCode(200).body("abcClass", equalTo("C"))
                .body("consumedUnits", equalTo(900));

        // Pinned by hand: the class stays through a recompute, until unpinned.
        pin(z, "A").then().statusCode(200).body("abcClass", equalTo("A")).body("computedClass", equalTo("C"))
                .body("manualClass", equalTo("A")).body("setBy", equalTo("test-admin"));
        given().post("/api/v1/counting/abc/recompute").then().statusCode(200);
        given().get("/api/v1/counting/abc/" + z).then().statusCode(200).body("abcClass", equalTo("A"))
                .body("computedClass", equalTo("C"));
        List<String> classA = given().queryParam("class", "A").queryParam("limit", 10000).get("/api/v1/counting/abc")
                .then().statusCode(200).extract().jsonPath().getList("sku", String.class);
        assertThat(classA).contains(x, z).doesNotContain(y, noCost);
        given().delete("/api/v1/counting/abc/" + z).then().statusCode(204);
        given().get("/api/v1/counting/abc/" + z).then().statusCode(200).body("abcClass", equalTo("C"))
                .body("manualClass", nullValue());

        // The proposal takes the class in force.
        JsonPath proposal = propose(location);
        Map<String, String> classes = new HashMap<>();
        List<Map<String, Object>> tasks = proposal.getList("tasks");
        tasks.forEach(t -> classes.put((String) t.get("sku"), (String) t.get("abcClass")));
        assertThat(classes).containsEntry(x, "A").containsEntry(y, "B").containsEntry(z, "C").containsEntry(noCost, "C");
    }

    @Test
    void accuracyIsReportedPerClassAndPerLocationPerMonth() {
        String location = Api.location();
        String a = Counting.item(null);
        String b = Counting.item("2.50");
        String c = Counting.item("2.50");
        pin(a, "A").then().statusCode(200);
        pin(b, "B").then().statusCode(200);
        pin(c, "C").then().statusCode(200);
        for (String sku : List.of(a, b, c)) {
            Api.moved("RECEIPT", sku, location, 10);
        }
        propose(location);
        assertThat(counted(taskOf(a, location), 10)).isEqualTo("AWAITING_APPROVAL");
        assertThat(counted(taskOf(b, location), 9)).isEqualTo("AWAITING_APPROVAL");
        String cTask = taskOf(c, location);
        assertThat(counted(cTask, 4)).isEqualTo("RECOUNT_REQUESTED");
        assertThat(counted(cTask, 4)).isEqualTo("AWAITING_APPROVAL");
        for (String sku : List.of(a, b, c)) {
            approve(taskOf(sku, location)).then().statusCode(200);
        }
        // A count still awaiting approval is not in the report yet.
        String pending = Counting.item(null);
        Api.moved("RECEIPT", pending, location, 3);
        propose(location);
        counted(taskOf(pending, location), 1);

        String month = LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
        JsonPath byClass = given().queryParam("by", "class").queryParam("location", location)
                .get("/api/v1/counting/accuracy").then().statusCode(200).extract().jsonPath();
        assertThat(byClass.getString("by")).isEqualTo("class");
        assertThat(byClass.getLong("tolerance.units")).isZero();
        assertThat(byClass.getList("periods.month", String.class)).containsOnly(month);
        assertThat(byClass.getList("periods.group", String.class)).containsExactly("A", "B", "C");
        assertThat(byClass.getList("periods.counted", Integer.class)).containsExactly(1, 1, 1);
        assertThat(byClass.getList("periods.accurate", Integer.class)).containsExactly(1, 0, 0);
        assertThat(byClass.getList("periods.accuracyPercent", Float.class)).containsExactly(100.0f, 0.0f, 0.0f);
        assertThat(byClass.getList("periods.unitsDiscrepancy", Integer.class)).containsExactly(0, 1, 6);
        assertThat(byClass.getList("periods.valueDiscrepancy", Float.class)).containsExactly(0.0f, 2.5f, 15.0f);

        JsonPath byLocation = given().queryParam("by", "location").queryParam("location", location)
                .get("/api/v1/counting/accuracy").then().statusCode(200).extract().jsonPath();
        assertThat(byLocation.getList("periods.group", String.class)).containsExactly(location);
        assertThat(byLocation.getInt("periods[0].counted")).isEqualTo(3);
        assertThat(byLocation.getInt("periods[0].accurate")).isEqualTo(1);
        assertThat(byLocation.getFloat("periods[0].accuracyPercent")).isEqualTo(33.3f);
        assertThat(byLocation.getLong("periods[0].unitsDiscrepancy")).isEqualTo(7);
        assertThat(byLocation.getFloat("periods[0].valueDiscrepancy")).isEqualTo(17.5f);

        // Over every location, this one is among the groups; a window before any count is empty.
        assertThat(given().queryParam("by", "location").get("/api/v1/counting/accuracy").then().statusCode(200)
                .extract().jsonPath().getList("periods.group", String.class)).contains(location);
        LocalDate lastMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusDays(1);
        given().queryParam("to", lastMonth.toString()).queryParam("location", location)
                .get("/api/v1/counting/accuracy").then().statusCode(200).body("periods.size()", equalTo(0));
    }
}
