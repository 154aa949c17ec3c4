package io.stockline.inventory.lots.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.LotRepository;
import io.stockline.inventory.repository.LotRepository.DueLot;
import io.stockline.inventory.repository.LotRepository.HeldLot;
import io.stockline.inventory.repository.LotRepository.LotMovement;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.service.StockLedger;
import io.stockline.platform.problem.RuleViolation;

/** Lots of lot-tracked items: where each is, what moved it (a recall), and taking expired lots out of available. */
@ApplicationScoped
public class LotService {

    /** A recall's answer: where the lot is now, every movement of it, and the orders it shipped to. */
    @Schema(name = "LotRecall")
    public record Recall(String sku, String lot, LocalDate expiresOn, long onHand, List<HeldLot> held,
            List<LotMovement> movements, List<LotMovement> shipped) {
    }

    /** What the expiry of one lot at one location did: units taken out of available, units still held for orders. */
    @Schema(name = "ExpiredLot")
    public record Expired(String sku, String location, String lot, LocalDate expiresOn, long units, long heldForOrders) {
    }

    static final String EXPIRY_ACTOR = "system:lot-expiry";

    private final ItemRepository items;
    private final LotRepository lots;
    private final StockRepository stock;
    private final StockLedger ledger;

    public LotService(ItemRepository items, LotRepository lots, StockRepository stock, StockLedger ledger) {
        this.items = items;
        this.lots = lots;
        this.stock = stock;
        this.ledger = ledger;
    }

    @WithConnection
    public Uni<List<HeldLot>> held(String sku) {
        return lotTracked(sku).chain(() -> lots.held(sku));
    }

    @WithConnection
    public Uni<Recall> recall(String sku, String lot) {
        return lotTracked(sku).chain(() -> lots.heldOfLot(sku, lot)).chain(held -> {
            if (held.isEmpty()) {
                throw RuleViolation.unknownPath("lot", "item " + sku + " never held lot " + lot);
            }
            return lots.movementsOf(sku, lot).map(movements -> new Recall(sku, lot, held.get(0).expiresOn(),
                    held.stream().mapToLong(HeldLot::onHand).sum(),
                    held.stream().filter(h -> h.onHand() > 0).toList(), movements,
                    movements.stream().filter(m -> m.type().equals(MovementType.COMMIT.name())
                            || m.type().equals(MovementType.SALE.name())).toList()));
        });
    }

    @WithConnection
    public Uni<List<DueLot>> dueToExpire(LocalDate today, DueLot after, int limit) {
        return lots.dueToExpire(today, after, limit);
    }

    /**
     * Takes the lot's unexpired units out of available into quality control (EXPIRY), as many as are available:
     * units already held for orders stay held (the orders were promised them before the date) and are reported.
     */
    @WithTransaction
    public Uni<Expired> expire(DueLot due) {
        return stock.lock(due.sku(), due.location())
                .chain(level -> lots.lock(due.sku(), due.location(), due.lot()).chain(lot -> {
                    long unexpired = lot == null ? 0 : lot.onHand() - lot.expired();
                    long available = level == null ? 0 : Math.max(0, level.state().available());
                    long units = Math.min(unexpired, available);
                    Expired outcome = new Expired(due.sku(), due.location(), due.lot(), due.expiresOn(), units,
                            unexpired - units);
                    if (units == 0) {
                        return Uni.createFrom().item(outcome);
                    }
                    StockLedger.Entry entry = new StockLedger.Entry(MovementType.EXPIRY, due.sku(), due.location(),
                            units, MovementType.EXPIRY.delta(units), "lot " + due.lot() + " expired on " + due.expiresOn(),
                            due.lot(), EXPIRY_ACTOR, null, null, due.lot(), due.expiresOn(), true);
                    return ledger.record(entry, false, "quantity")
                            .chain(() -> lots.markExpired(due.sku(), due.location(), due.lot(), units))
                            .map(marked -> {
                                if (!marked) {
                                    throw new IllegalStateException("lot " + due.lot() + " changed under its lock");
                                }
                                return outcome;
                            });
                }));
    }

    private Uni<Item> lotTracked(String sku) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "no item " + sku))
                .invoke(item -> {
                    if (!item.lotTracked) {
                        throw RuleViolation.unprocessable("sku", "item " + sku + " is not lot-tracked").in(RuleViolation.In.PATH);
                    }
                });
    }
}
