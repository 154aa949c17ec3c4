package io.stockline.allocation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;

/**
 * inventory-service as a real process (its built jar, on a database of its own) for a @QuarkusTest of allocation,
 * whose rest client is pointed at it (only for the class that names it), and which gathers holds into batches of up to 100 within 50 ms (the tests
 * whose inventory is a WireMock stub of the single call keep batching off). Needs inventory-service/target/quarkus-app.
 */
public class RealInventory implements QuarkusTestResourceLifecycleManager {

    public static final int MAX_BATCH = 100;
    private static final Infrastructure infrastructure = Infrastructure.get();
    private static ServiceProcess inventory;
    private static String database;

    public static ServiceProcess process() {
        return inventory;
    }

    @Override
    public Map<String, String> start() {
        database = infrastructure.createDatabase("holds_inventory");
        inventory = ServiceProcess.launch("inventory-service", new LinkedHashMap<>(StocklineTestResource.serviceConfig(
                infrastructure, database, "holds" + Infrastructure.shortId() + ".")));
        inventory.awaitReady();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.rest-client.inventory.url", inventory.url(""));
        for (String profile : new String[] {"", "%test."}) {
            config.put(profile + "stockline.allocation.hold-batch.max-size", Integer.toString(MAX_BATCH));
            config.put(profile + "stockline.allocation.hold-batch.window", "PT0.05S");
        }
        return config;
    }

    @Override
    public void stop() {
        if (inventory != null) {
            inventory.close();
        }
        if (database != null) {
            infrastructure.dropDatabase(database);
        }
    }
}
