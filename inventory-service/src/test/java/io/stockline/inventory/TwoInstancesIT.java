package io.stockline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;

/** Two inventory-service processes on one database: the guard holds across instances, not just threads. */
class TwoInstancesIT {

    private static final int UNITS = 120;
    private static final int ORDERS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Infrastructure infrastructure = Infrastructure.get();
    private static String database;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startTwoInstances() {
        database = infrastructure.createDatabase("inventory_two");
        Map<String, String> config = StocklineTestResource.serviceConfig(infrastructure, database,
                "t" + Infrastructure.shortId() + ".");
        first = ServiceProcess.start("inventory-service", config);
        second = ServiceProcess.start("inventory-service", config);
    }

    @AfterAll
    static void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (database != null) {
            infrastructure.dropDatabase(database);
        }
    }

    @Test
    void fiveHundredOneUnitOrdersAgainst120UnitsSellExactly120AcrossTwoInstances() throws Exception {
        String location = "WH-" + UUID.randomUUID().toString().substring(0, 8);
        String sku = "FLASH-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessApi.createLocation(first, location);
        ProcessApi.createItem(first, sku);
        ProcessApi.expect(201, ProcessApi.move(first, "RECEIPT", sku, location, UNITS));

        ExecutorService callers = Executors.newFixedThreadPool(64);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            ServiceProcess instance = i % 2 == 0 ? first : second;
            String body = "{\"orderId\":\"order-" + i + "\",\"lines\":[{\"line\":1,\"sku\":\"" + sku
                    + "\",\"quantity\":1}]}";
            answers.add(callers.submit(() -> ProcessApi.post(instance, "/api/v1/reservations",
                    UUID.randomUUID().toString(), body)));
        }
        int held = 0;
        int refused = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get(2, TimeUnit.MINUTES);
            assertThat(status).as("every answer is a hold or a refusal").isIn(201, 409);
            if (status == 201) {
                held++;
            } else {
                refused++;
            }
        }
        callers.shutdown();

        assertThat(held).isEqualTo(UNITS);
        assertThat(refused).isEqualTo(ORDERS - UNITS);
        JsonNode stock = JSON.readTree(ProcessApi.get(second, "/api/v1/stock/" + sku));
        assertThat(stock.path("totals").path("available").asLong()).isZero();
        assertThat(stock.path("totals").path("committed").asLong()).isEqualTo(UNITS);
        assertThat(stock.path("totals").path("onHand").asLong()).isEqualTo(UNITS);
        JsonNode audit = JSON.readTree(ProcessApi.get(first, "/api/v1/audit"));
        assertThat(audit.path("consistent").asBoolean()).as(audit.toString()).isTrue();
    }
}
