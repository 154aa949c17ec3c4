package io.stockline.inventory.purchasing.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.purchasing.domain.SupplierItemView;
import io.stockline.inventory.purchasing.domain.SupplierView;
import io.stockline.inventory.purchasing.repository.LeadTimeRepository;
import io.stockline.inventory.purchasing.repository.Supplier;
import io.stockline.inventory.purchasing.repository.SupplierItem;
import io.stockline.inventory.purchasing.repository.SupplierItemRepository;
import io.stockline.inventory.purchasing.repository.SupplierRepository;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.platform.problem.RuleViolation;

/** Suppliers, what each sells us, and the lead times measured from their deliveries. */
@ApplicationScoped
public class SupplierService {

    private final SupplierRepository suppliers;
    private final SupplierItemRepository supplierItems;
    private final LeadTimeRepository leadTimes;
    private final ItemRepository items;
    private final KeyLocks locks;

    public SupplierService(SupplierRepository suppliers, SupplierItemRepository supplierItems,
            LeadTimeRepository leadTimes, ItemRepository items, KeyLocks locks) {
        this.suppliers = suppliers;
        this.supplierItems = supplierItems;
        this.leadTimes = leadTimes;
        this.items = items;
        this.locks = locks;
    }

    static SupplierView view(Supplier s) {
        return new SupplierView(s.code, s.name, s.contact, s.currency, s.leadTimeDays, s.minimumOrderQuantity,
                s.orderMultiple, s.allowOverReceipt);
    }

    @WithTransaction
    public Uni<SupplierView> create(SupplierRequest request) {
        return locks.lock(KeyLocks.Scope.SUPPLIER_CODE, request.code())
                .chain(() -> suppliers.findById(request.code()))
                .chain(existing -> {
                    if (existing != null) {
                        throw RuleViolation.conflict("code", "supplier " + request.code() + " exists");
                    }
                    return suppliers.persist(request.newSupplier()).map(SupplierService::view);
                });
    }

    @WithConnection
    public Uni<List<SupplierView>> list() {
        return suppliers.listAll().map(all -> all.stream().map(SupplierService::view).toList());
    }

    @WithConnection
    public Uni<SupplierView> get(String code) {
        return existing(code).map(SupplierService::view);
    }

    private Uni<Supplier> existing(String code) {
        return suppliers.findById(code)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("code", "no supplier " + code));
    }

    /** Creates or replaces what the supplier sells us of the SKU. */
    @WithTransaction
    public Uni<SupplierItemView> putItem(String code, String sku, SupplierItemRequest request) {
        return existing(code)
                .chain(() -> items.findById(sku))
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "no item " + sku))
                .chain(() -> {
                    SupplierItem item = new SupplierItem();
                    item.supplier = code;
                    item.sku = sku;
                    item.supplierSku = request.supplierSku();
                    item.unitCost = request.unitCost();
                    item.packSize = request.packSize() == null ? 1 : request.packSize();
                    return supplierItems.put(item);
                })
                .chain(item -> leadTimes.ofSupplier(code).map(times -> view(item, times.get(sku))));
    }

    private static SupplierItemView view(SupplierItem i, io.stockline.inventory.purchasing.domain.LeadTime leadTime) {
        return new SupplierItemView(i.supplier, i.sku, i.supplierSku, PurchaseOrderService.money(i.unitCost), i.packSize, leadTime);
    }

    @WithConnection
    public Uni<List<SupplierItemView>> items(String code) {
        return existing(code).chain(() -> supplierItems.ofSupplier(code))
                .chain(list -> leadTimes.ofSupplier(code)
                        .map(times -> list.stream().map(i -> view(i, times.get(i.sku))).toList()));
    }

    @WithConnection
    public Uni<SupplierItemView> item(String code, String sku) {
        return existing(code).chain(() -> supplierItems.find(code, sku))
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "supplier " + code + " sells no " + sku))
                .chain(i -> leadTimes.ofSupplier(code).map(times -> view(i, times.get(sku))));
    }
}
