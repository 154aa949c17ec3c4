package io.stockline.inventory.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Movement;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.AuditRepository;
import io.stockline.inventory.repository.AuditRepository.Difference;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.LotRepository;
import io.stockline.inventory.repository.MovementRepository;

/** The ledger, and the proof that every balance is the sum of it. */
@ApplicationScoped
public class AuditService {

    public record Audit(boolean consistent, long checked, List<Difference> differences) {
    }

    private static final int MAX_DIFFERENCES = 1000;

    private final AuditRepository audit;
    private final MovementRepository movements;
    private final ItemRepository items;
    private final LotRepository lots;

    public AuditService(AuditRepository audit, MovementRepository movements, ItemRepository items, LotRepository lots) {
        this.lots = lots;
        this.audit = audit;
        this.movements = movements;
        this.items = items;
    }

    @WithConnection
    public Uni<Audit> audit() {
        return audit.countBalances().chain(checked -> audit.differences(MAX_DIFFERENCES)
                .chain(differences -> audit.lotDifferences(MAX_DIFFERENCES).map(lots -> {
                    List<Difference> all = new java.util.ArrayList<>(differences);
                    all.addAll(lots);
                    return new Audit(all.isEmpty(), checked, all);
                })));
    }

    /** A ledger entry and, for a lot-tracked item's change of on hand, the lots it moved. */
    public record LedgerEntry(Movement movement, List<LotRepository.MovedLot> lots) {
    }

    @WithConnection
    public Uni<List<LedgerEntry>> ledger(String sku, String location, long afterId, int limit) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(item -> movements.ledger(sku, location, afterId, limit))
                .chain(page -> lots.movedBy(page.stream().map(Movement::id).toList())
                        .map(moved -> page.stream().map(m -> new LedgerEntry(m, moved.get(m.id()))).toList()));
    }
}
