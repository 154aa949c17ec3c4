package io.stockline.inventory.holds.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.service.StockLedger;
import io.stockline.platform.problem.RuleViolation;

/**
 * Manual holds ({@code reserved}) and safety stock per SKU and location, set to a target by admins. The balance
 * is locked, the difference is one ledger entry (HOLD / HOLD_RELEASE, SAFETY_STOCK), so setting the same target
 * twice changes nothing the second time.
 */
@ApplicationScoped
public class HoldService {

    public enum Kind {
        HOLD, SAFETY_STOCK
    }

    private final StockLedger ledger;
    private final StockRepository stock;
    private final ItemRepository items;
    private final LocationRepository locations;

    public HoldService(StockLedger ledger, StockRepository stock, ItemRepository items, LocationRepository locations) {
        this.ledger = ledger;
        this.stock = stock;
        this.items = items;
        this.locations = locations;
    }

    @WithTransaction
    public Uni<StockLevel> set(Kind kind, String sku, String location, TargetRequest request, String actor) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "no item " + sku))
                .call(() -> locations.findById(location)
                        .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("code", "no location " + location))
                        .invoke(found -> {
                            if (!found.type.holdsOwnStock()) {
                                throw RuleViolation.unprocessable("code", location + " holds no stock of ours")
                                        .in(RuleViolation.In.PATH);
                            }
                        }))
                .chain(item -> {
                    if (item.kind != ItemKind.STANDARD) {
                        throw RuleViolation.unprocessable("sku", "a " + item.kind + " item holds no stock of its own")
                                .in(RuleViolation.In.PATH);
                    }
                    return stock.lock(sku, location);
                })
                .chain(current -> {
                    StockState state = current.state();
                    long now = kind == Kind.HOLD ? state.reserved() : state.safetyStock();
                    long change = request.quantity() - now;
                    if (change == 0) {
                        return Uni.createFrom().item(current);
                    }
                    MovementType type = kind == Kind.SAFETY_STOCK ? MovementType.SAFETY_STOCK
                            : change > 0 ? MovementType.HOLD : MovementType.HOLD_RELEASE;
                    long quantity = kind == Kind.SAFETY_STOCK ? change : Math.abs(change);
                    String reason = request.note() != null ? request.note()
                            : (kind == Kind.HOLD ? "manual hold set to " : "safety stock set to ") + request.quantity();
                    StockLedger.Entry entry = new StockLedger.Entry(type, sku, location, quantity, type.delta(quantity),
                            reason, null, actor, null, null, null, null, true);
                    // Setting units aside takes them from available, never below zero, even for a backorderable item.
                    return ledger.record(entry, false, "quantity").map(StockLedger.Result::level);
                });
    }
}
