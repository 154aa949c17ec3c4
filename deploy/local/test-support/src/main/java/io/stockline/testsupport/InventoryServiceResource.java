package io.stockline.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real inventory-service, from its built jar, on the real broker and a database of its own, for a @QuarkusTest of
 * a service that calls it: the service's rest client {@code inventory} is pointed at it. Name it with
 * {@code restrictToAnnotatedClass = true}, so only that class pays for the process. A module adds configuration of its
 * own by extending it ({@link #extraConfig}). Needs inventory-service/target/quarkus-app: the module depends on
 * inventory-service (pom-typed, test scope) so the reactor packages it first.
 */
public class InventoryServiceResource implements QuarkusTestResourceLifecycleManager {

    private static ServiceProcess inventory;
    private static String database;

    /** The running inventory-service, for a test that calls it directly. */
    public static ServiceProcess process() {
        return inventory;
    }

    /** Its base address, {@code http://127.0.0.1:<port>}. */
    public static String url() {
        return inventory.url("");
    }

    /** What the service under test needs beside inventory's address. */
    protected Map<String, String> extraConfig() {
        return Map.of();
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.get();
        database = infrastructure.createDatabase("real_inventory");
        inventory = ServiceProcess.start("inventory-service", StocklineTestResource.serviceConfig(infrastructure, database,
                "realinv" + Infrastructure.shortId() + "."));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.rest-client.inventory.url", inventory.url(""));
        config.putAll(extraConfig());
        return config;
    }

    @Override
    public void stop() {
        if (inventory != null) {
            inventory.close();
            inventory = null;
        }
        if (database != null) {
            Infrastructure.get().dropDatabase(database);
            database = null;
        }
    }
}
