package io.stockline.inventory.imports.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.dropship.service.DropshipService;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;
import io.stockline.inventory.service.MovementRequest;
import io.stockline.platform.problem.RuleViolation;

/**
 * A dropship supplier's availability feed: {@code supplier, sku, quantity} (what the supplier can ship now), set as
 * {@code PUT /suppliers/{code}/items/{sku}/availability} sets it. Supplier feeds are a supplier's own list, a few
 * thousand rows, so each row goes through the same use case one after another within the chunk's transaction, where
 * a refusal is raised before anything is written; a number already shown is unchanged.
 */
@ApplicationScoped
class SupplierAvailabilityRows implements RowKind<SupplierAvailabilityRows.Availability> {

    record Availability(String supplier, String sku, long quantity) {
    }

    private final DropshipService dropship;

    SupplierAvailabilityRows(DropshipService dropship) {
        this.dropship = dropship;
    }

    @Override
    public String name() {
        return "supplier-availability";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("supplier", "sku", "quantity");
    }

    @Override
    public Availability read(Cells cells) {
        String supplier = cells.text("supplier");
        String sku = cells.text("sku");
        Long quantity = cells.whole("quantity");
        if (supplier == null) {
            throw RuleViolation.invalid("supplier", "must not be blank");
        }
        if (sku == null) {
            throw RuleViolation.invalid("sku", "must not be blank");
        }
        if (quantity == null) {
            throw RuleViolation.invalid("quantity", "must not be blank");
        }
        if (quantity < 0 || quantity > MovementRequest.MAX_QUANTITY) {
            throw RuleViolation.invalid("quantity", "must be between 0 and " + MovementRequest.MAX_QUANTITY);
        }
        return new Availability(supplier, sku, quantity);
    }

    @Override
    public String identity(Availability row) {
        return row.supplier() + '\u0000' + row.sku();
    }

    @Override
    public String identityColumn() {
        return "sku";
    }

    @Override
    public Uni<List<RowFate>> apply(List<Numbered<Availability>> chunk, Run run) {
        List<RowFate> fates = new ArrayList<>(chunk.size());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Numbered<Availability> numbered : chunk) {
            Availability row = numbered.value();
            chain = chain.chain(() -> (run.dryRun()
                    ? dropship.check(row.supplier(), row.sku(), row.quantity())
                            .map(changes -> changes ? RowFate.APPLIED : RowFate.UNCHANGED)
                    : dropship.set(row.supplier(), row.sku(), row.quantity(), "supplier availability import", run.actor())
                            .map(set -> set.changed() ? RowFate.APPLIED : RowFate.UNCHANGED))
                    .onFailure(RuleViolation.class).recoverWithItem(failure -> {
                        RuleViolation refusal = (RuleViolation) failure;
                        return RowFate.rejected("code".equals(refusal.field()) ? "supplier" : refusal.field(),
                                refusal.getMessage());
                    })
                    .invoke(fates::add).replaceWithVoid());
        }
        return chain.replaceWith(fates);
    }
}
