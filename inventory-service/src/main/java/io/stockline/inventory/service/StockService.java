package io.stockline.inventory.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.StockRepository;

/** Reads balances. */
@ApplicationScoped
public class StockService {

    private final StockRepository stock;
    private final ItemRepository items;
    private final BundleAvailability bundleAvailability;
    private final BundleRepository bundles;

    public StockService(StockRepository stock, ItemRepository items, BundleAvailability bundleAvailability,
            BundleRepository bundles) {
        this.stock = stock;
        this.items = items;
        this.bundleAvailability = bundleAvailability;
        this.bundles = bundles;
    }

    @WithConnection
    public Uni<List<StockLevel>> levels(String sku) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(item -> item.kind == ItemKind.BUNDLE ? bundleLevels(sku) : stock.findBySku(sku));
    }

    /** A bundle's "stock" is what its components make, per location: sellable, held nowhere. */
    private Uni<List<StockLevel>> bundleLevels(String sku) {
        return bundleAvailability.of(sku).chain(availability -> bundles.versions(sku).map(versions ->
                availability.perLocation().entrySet().stream()
                        .map(e -> new StockLevel(sku, e.getKey(),
                                new StockState(e.getValue(), e.getValue(), 0, 0, 0, 0, 0, 0, 0),
                                versions.getOrDefault(e.getKey(), 0L)))
                        .toList()));
    }
}
