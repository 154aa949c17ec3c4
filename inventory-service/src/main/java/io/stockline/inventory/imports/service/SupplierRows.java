package io.stockline.inventory.imports.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;
import io.stockline.inventory.purchasing.repository.Supplier;
import io.stockline.inventory.purchasing.repository.SupplierRepository;
import io.stockline.inventory.purchasing.service.SupplierRequest;
import io.stockline.inventory.repository.KeyLocks;

/**
 * Suppliers: {@code code, name, currency, leadTimeDays, contact?, minimumOrderQuantity?, orderMultiple?,
 * allowOverReceipt?}, created as POST /suppliers creates them; an existing one is unchanged when the row says what
 * it holds, and refused otherwise.
 */
@ApplicationScoped
class SupplierRows implements RowKind<SupplierRequest> {

    private final SupplierRepository suppliers;
    private final KeyLocks locks;
    private final Validator validator;

    SupplierRows(SupplierRepository suppliers, Validator validator, KeyLocks locks) {
        this.locks = locks;
        this.suppliers = suppliers;
        this.validator = validator;
    }

    @Override
    public String name() {
        return "suppliers";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("code", "name", "currency", "leadTimeDays");
    }

    @Override
    public SupplierRequest read(Cells cells) {
        SupplierRequest request = new SupplierRequest(cells.text("code"), cells.text("name"), cells.text("contact"),
                cells.text("currency"), cells.integer("leadTimeDays"), cells.whole("minimumOrderQuantity"),
                cells.whole("orderMultiple"), cells.bool("allowOverReceipt"));
        Requests.validate(validator, request);
        return request;
    }

    @Override
    public String identity(SupplierRequest row) {
        return row.code();
    }

    @Override
    public String identityColumn() {
        return "code";
    }

    @Override
    public Uni<List<RowFate>> apply(List<Numbered<SupplierRequest>> chunk, Run run) {
        List<String> codes = chunk.stream().map(row -> row.value().code()).toList();
        return suppliers.findAll(codes).chain(found -> {
            Map<String, Supplier> existing = byCode(found);
            List<Supplier> created = new ArrayList<>();
            for (Numbered<SupplierRequest> row : chunk) {
                if (!existing.containsKey(row.value().code())) {
                    created.add(row.value().newSupplier());
                }
            }
            if (run.dryRun() || created.isEmpty()) {
                return Uni.createFrom().item(fates(chunk, existing, Set.of()));
            }
            // the locks POST /suppliers takes, so a request racing the import finds the supplier (409), never a 500
            return locks.lockAll(KeyLocks.Scope.SUPPLIER_CODE, created.stream().map(supplier -> supplier.code).toList())
                    .chain(() -> suppliers.insertAll(created)).chain(inserted -> {
                List<String> raced = created.stream().map(s -> s.code).filter(code -> !inserted.contains(code))
                        .toList();
                // A supplier another request created meanwhile is judged like one that existed before.
                return (raced.isEmpty() ? Uni.createFrom().item(existing)
                        : suppliers.findAll(raced).map(late -> {
                            Map<String, Supplier> all = new HashMap<>(existing);
                            all.putAll(byCode(late));
                            return all;
                        })).map(all -> fates(chunk, all, inserted));
            });
        });
    }

    private static Map<String, Supplier> byCode(List<Supplier> found) {
        Map<String, Supplier> map = new HashMap<>();
        found.forEach(s -> map.put(s.code, s));
        return map;
    }

    private static List<RowFate> fates(List<Numbered<SupplierRequest>> chunk, Map<String, Supplier> existing,
            Set<String> inserted) {
        List<RowFate> fates = new ArrayList<>(chunk.size());
        for (Numbered<SupplierRequest> row : chunk) {
            SupplierRequest request = row.value();
            Supplier current = inserted.contains(request.code()) ? null : existing.get(request.code());
            if (current == null) {
                fates.add(RowFate.APPLIED);
            } else if (same(current, request.newSupplier())) {
                fates.add(RowFate.UNCHANGED);
            } else {
                fates.add(RowFate.rejected("code", "supplier " + request.code()
                        + " exists with other values"));
            }
        }
        return fates;
    }

    private static boolean same(Supplier a, Supplier b) {
        return a.name.equals(b.name) && Objects.equals(a.contact, b.contact) && a.currency.equals(b.currency)
                && a.leadTimeDays == b.leadTimeDays && a.minimumOrderQuantity == b.minimumOrderQuantity
                && a.orderMultiple == b.orderMultiple && a.allowOverReceipt == b.allowOverReceipt;
    }
}
