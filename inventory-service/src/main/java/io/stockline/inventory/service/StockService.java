package io.stockline.inventory.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.RuleViolation;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.StockRepository;

/** Reads balances. */
@ApplicationScoped
public class StockService {

    private final StockRepository stock;
    private final ItemRepository items;

    public StockService(StockRepository stock, ItemRepository items) {
        this.stock = stock;
        this.items = items;
    }

    @WithSession
    public Uni<List<StockLevel>> levels(String sku) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(item -> stock.findBySku(sku));
    }
}
