package io.stockline.inventory.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Movement;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.AuditRepository;
import io.stockline.inventory.repository.AuditRepository.Difference;
import io.stockline.inventory.repository.ItemRepository;
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

    public AuditService(AuditRepository audit, MovementRepository movements, ItemRepository items) {
        this.audit = audit;
        this.movements = movements;
        this.items = items;
    }

    @WithSession
    public Uni<Audit> audit() {
        return audit.countBalances().chain(checked -> audit.differences(MAX_DIFFERENCES)
                .map(differences -> new Audit(differences.isEmpty(), checked, differences)));
    }

    @WithSession
    public Uni<List<Movement>> ledger(String sku, String location, long afterId, int limit) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(item -> movements.ledger(sku, location, afterId, limit));
    }
}
