package io.stockline.console;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.StocklineTestResource;

/**
 * The real inventory-service, from its built jar, on the real broker and a database of its own, for the console's
 * browser test; channel-connector-service and alert-service are not started (their pages are not in that test).
 */
public class InventoryProcess implements QuarkusTestResourceLifecycleManager {

    static String inventoryUrl;

    private ServiceProcess inventory;
    private String database;

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.get();
        database = infrastructure.createDatabase("console_inventory");
        String topicPrefix = "console" + Infrastructure.shortId() + ".";
        inventory = ServiceProcess.start("inventory-service",
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        inventoryUrl = inventory.url("");
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.rest-client.inventory.url", inventoryUrl);
        return config;
    }

    @Override
    public void stop() {
        if (inventory != null) {
            inventory.close();
        }
        if (database != null) {
            Infrastructure.get().dropDatabase(database);
        }
    }
}
