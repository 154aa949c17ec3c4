package io.stockline.allocation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stockline.testsupport.InventoryServiceResource;

/**
 * inventory-service as a real process for a @QuarkusTest of allocation that names it, with holds gathered into batches
 * of up to {@link #MAX_BATCH} within 50 ms (the tests whose inventory is a WireMock stub of the single call keep
 * batching off).
 */
public class RealInventory extends InventoryServiceResource {

    public static final int MAX_BATCH = 100;

    @Override
    protected Map<String, String> extraConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        for (String profile : new String[] {"", "%test."}) {
            config.put(profile + "stockline.allocation.hold-batch.max-size", Integer.toString(MAX_BATCH));
            config.put(profile + "stockline.allocation.hold-batch.window", "PT0.05S");
        }
        return config;
    }
}
