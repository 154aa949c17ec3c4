package io.stockline.inventory.dropship.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.SupplierOrderRequest;
import io.stockline.inventory.dropship.domain.SupplierAvailabilityView;
import io.stockline.inventory.dropship.domain.SupplierOrderRequestView;
import io.stockline.inventory.purchasing.repository.Supplier;
import io.stockline.inventory.purchasing.repository.SupplierItemRepository;
import io.stockline.inventory.purchasing.repository.SupplierRepository;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.repository.SupplierOrderRequestRepository;
import io.stockline.inventory.service.CatalogService;
import io.stockline.inventory.service.StockLedger;
import io.stockline.platform.problem.RuleViolation;

/**
 * Dropship items hold no stock: what channels sell of one is what its suppliers say they can ship. Each supplier's
 * number sits at the supplier's SUPPLIER location as {@code available}, changed through the ledger like any stock,
 * so the change is a ledger row and an {@code inventory.stock-changed} event, and channels push it unchanged.
 */
@ApplicationScoped
public class DropshipService {

    private final SupplierRepository suppliers;
    private final SupplierItemRepository supplierItems;
    private final ItemRepository items;
    private final CatalogService catalog;
    private final StockRepository stock;
    private final StockLedger ledger;
    private final SupplierOrderRequestRepository requests;

    public DropshipService(SupplierRepository suppliers, SupplierItemRepository supplierItems, ItemRepository items,
            CatalogService catalog, StockRepository stock, StockLedger ledger, SupplierOrderRequestRepository requests) {
        this.suppliers = suppliers;
        this.supplierItems = supplierItems;
        this.items = items;
        this.catalog = catalog;
        this.stock = stock;
        this.ledger = ledger;
        this.requests = requests;
    }

    /** What setting a supplier's availability came to: the number shown now, and whether it changed. */
    public record AvailabilitySet(SupplierAvailabilityView view, boolean changed) {
    }

    /**
     * Sets what the supplier can ship of the SKU now. Units already requested by open reservations stay taken
     * (committed), so {@code available} becomes the number given. Setting the same number again records nothing.
     */
    @WithTransaction
    public Uni<SupplierAvailabilityView> setAvailability(String supplierCode, String sku, AvailabilityRequest request,
            String actor) {
        return set(supplierCode, sku, request.quantity(), request.note(), actor).map(AvailabilitySet::view);
    }

    /**
     * {@link #setAvailability} in the caller's transaction (an import applies a chunk of rows in one). Refusals are
     * RuleViolations raised before anything is written: {@code code} (no supplier) or {@code sku}.
     */
    public Uni<AvailabilitySet> set(String supplierCode, String sku, long target, String note, String actor) {
        return requireSupply(supplierCode, sku)
                .chain(supplier -> catalog.supplierLocation(supplierCode, supplier.name))
                .chain(location -> stock.lock(sku, location.code).chain(current -> {
                    long available = current.state().available();
                    if (target == available) {
                        return Uni.createFrom().item(new AvailabilitySet(view(supplierCode, current), false));
                    }
                    String reason = note != null ? note : "supplier availability set to " + target;
                    StockLedger.Entry entry = new StockLedger.Entry(MovementType.SUPPLIER_AVAILABILITY, sku,
                            location.code, target, MovementType.supplierAvailability(target, available), reason,
                            supplierCode, actor, null, null, null, null, true);
                    return ledger.record(entry, false, "quantity")
                            .map(result -> new AvailabilitySet(view(supplierCode, result.level()), true));
                }));
    }

    /**
     * The supplier, when it exists, the item is a DROPSHIP item and the supplier sells it; otherwise a RuleViolation
     * naming {@code code} or {@code sku}. Reads only, so a dry run can ask it.
     */
    public Uni<Supplier> requireSupply(String supplierCode, String sku) {
        return suppliers.findById(supplierCode)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("code", "no supplier " + supplierCode))
                .chain(supplier -> items.findById(sku)
                        .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "no item " + sku))
                        .invoke(item -> {
                            if (item.kind != ItemKind.DROPSHIP) {
                                throw RuleViolation.unprocessable("sku", sku + " is a " + item.kind
                                        + " item: only DROPSHIP items take their availability from a supplier")
                                        .in(RuleViolation.In.PATH);
                            }
                        })
                        .chain(() -> supplierItems.find(supplierCode, sku))
                        .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "supplier " + supplierCode
                                + " sells no " + sku + ": PUT /api/v1/suppliers/" + supplierCode + "/items/" + sku
                                + " first"))
                        .replaceWith(supplier));
    }

    /**
     * What {@link #set} would do, reading only (an import's dry run): {@link #requireSupply}'s refusals, then the 409
     * on {@code code} when another location holds the code of the supplier's location; otherwise whether it would
     * record a change (false: the supplier already shows {@code target}, or 0 is set where nothing is shown yet).
     */
    public Uni<Boolean> check(String supplierCode, String sku, long target) {
        return requireSupply(supplierCode, sku)
                .chain(() -> catalog.findSupplierLocation(supplierCode))
                .chain(location -> location == null ? Uni.createFrom().item(0L)
                        : stock.find(sku, location.code).map(level -> level == null ? 0L : level.state().available()))
                .map(available -> available != target);
    }

    private static SupplierAvailabilityView view(String supplier, StockLevel level) {
        return new SupplierAvailabilityView(supplier, level.sku(), level.location(), level.state().available(),
                level.state().committed(), level.version());
    }

    @WithConnection
    public Uni<List<SupplierOrderRequestView>> requests(SupplierOrderRequest.Status status, String supplier,
            String orderId, long after, int limit) {
        return requests.list(status, supplier, orderId, after, limit)
                .map(list -> list.stream().map(SupplierOrderRequestView::of).toList());
    }
}
