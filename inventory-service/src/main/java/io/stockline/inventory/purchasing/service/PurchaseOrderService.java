package io.stockline.inventory.purchasing.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.purchasing.domain.PurchaseOrderStatus;
import io.stockline.inventory.purchasing.domain.PurchaseOrderView;
import io.stockline.inventory.purchasing.domain.ReceiptView;
import io.stockline.inventory.purchasing.repository.LeadTimeRepository;
import io.stockline.inventory.purchasing.repository.PurchaseOrder;
import io.stockline.inventory.purchasing.repository.PurchaseOrderLine;
import io.stockline.inventory.purchasing.repository.PurchaseOrderRepository;
import io.stockline.inventory.purchasing.repository.Supplier;
import io.stockline.inventory.purchasing.repository.SupplierItemRepository;
import io.stockline.inventory.purchasing.repository.SupplierRepository;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.DocumentReceipt;
import io.stockline.inventory.repository.DocumentReceiptRepository;
import io.stockline.inventory.repository.DocumentReceiptRepository.Document;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.service.Idempotency;
import io.stockline.inventory.service.RequestFingerprint;
import io.stockline.inventory.service.StockLedger;
import io.stockline.inventory.service.StockRules;
import io.stockline.platform.problem.RuleViolation;

/**
 * Purchase orders from draft to closed. Every step that changes what is expected or on hand goes through
 * {@link StockLedger} with the order's number as reference, in the step's one transaction, with the order
 * row locked so two steps on one order queue up.
 */
@ApplicationScoped
public class PurchaseOrderService {

    public record Received(ReceiptView receipt, PurchaseOrderView order, boolean replayed) {
    }

    private static final TypeReference<List<ReceiptView.Line>> RECEIPT_LINES = new TypeReference<>() {
    };

    private final PurchaseOrderRepository orders;
    private final DocumentReceiptRepository receipts;
    private final SupplierRepository suppliers;
    private final SupplierItemRepository supplierItems;
    private final LeadTimeRepository leadTimes;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final StockLedger ledger;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    public PurchaseOrderService(PurchaseOrderRepository orders, DocumentReceiptRepository receipts,
            SupplierRepository suppliers, SupplierItemRepository supplierItems, LeadTimeRepository leadTimes,
            ItemRepository items, LocationRepository locations, StockLedger ledger, Idempotency idempotency,
            ObjectMapper json) {
        this.orders = orders;
        this.receipts = receipts;
        this.suppliers = suppliers;
        this.supplierItems = supplierItems;
        this.leadTimes = leadTimes;
        this.items = items;
        this.locations = locations;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.json = json;
    }

    // ---- drafting ----

    @WithTransaction
    public Uni<PurchaseOrderView> create(PurchaseOrderRequest request, String actor) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).sku())) {
                throw RuleViolation.unprocessable("lines[%d].sku".formatted(i), "each SKU once per order");
            }
        }
        return suppliers.findById(request.supplier())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("supplier", "no supplier " + request.supplier()))
                .call(() -> locations.findById(request.location())
                        .onItem().ifNull().failWith(() -> RuleViolation.notFound("location", "no location " + request.location()))
                        .invoke(location -> StockRules.requireOwnStock(location, "location")))
                .chain(supplier -> checkLines(request, supplier, 0, new ArrayList<>())
                        .chain(costs -> orders.nextNumber().chain(number -> {
                            PurchaseOrder order = new PurchaseOrder();
                            order.number = number;
                            order.supplier = supplier.code;
                            order.location = request.location();
                            order.status = PurchaseOrderStatus.DRAFT;
                            order.currency = supplier.currency;
                            order.expectedOn = request.expectedOn();
                            order.createdBy = actor;
                            List<PurchaseOrderLine> lines = new ArrayList<>();
                            for (int i = 0; i < request.lines().size(); i++) {
                                PurchaseOrderLine line = new PurchaseOrderLine();
                                line.number = number;
                                line.line = i + 1;
                                line.sku = request.lines().get(i).sku();
                                line.quantity = request.lines().get(i).quantity();
                                line.unitCost = costs.get(i);
                                lines.add(line);
                            }
                            Uni<Void> chain = orders.persist(order).replaceWithVoid();
                            for (PurchaseOrderLine line : lines) {
                                chain = chain.chain(() -> orders.persistLine(line));
                            }
                            return chain.map(ignored -> view(order, lines));
                        })));
    }

    /** Each line names a stocked item in the supplier's quantities, and has a price: its own or the supplier item's. */
    private Uni<List<java.math.BigDecimal>> checkLines(PurchaseOrderRequest request, Supplier supplier, int i,
            List<java.math.BigDecimal> costs) {
        if (i == request.lines().size()) {
            return Uni.createFrom().item(costs);
        }
        PurchaseOrderRequest.Line line = request.lines().get(i);
        String field = "lines[%d].".formatted(i);
        if (line.quantity() < supplier.minimumOrderQuantity) {
            throw RuleViolation.unprocessable(field + "quantity",
                    "supplier %s sells at least %d".formatted(supplier.code, supplier.minimumOrderQuantity));
        }
        if (line.quantity() % supplier.orderMultiple != 0) {
            throw RuleViolation.unprocessable(field + "quantity",
                    "supplier %s sells in multiples of %d".formatted(supplier.code, supplier.orderMultiple));
        }
        return items.findById(line.sku())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound(field + "sku", "no item " + line.sku()))
                .chain(item -> {
                    if (item.kind != ItemKind.STANDARD) {
                        throw RuleViolation.unprocessable(field + "sku", "a " + item.kind + " item holds no stock to order");
                    }
                    return supplierItems.find(supplier.code, line.sku());
                })
                .chain(supplierItem -> {
                    java.math.BigDecimal cost = line.unitCost() != null ? line.unitCost()
                            : supplierItem == null ? null : supplierItem.unitCost;
                    if (cost == null) {
                        throw RuleViolation.unprocessable(field + "unitCost",
                                "give a unit cost, or set one on the supplier item");
                    }
                    costs.add(cost);
                    return checkLines(request, supplier, i + 1, costs);
                });
    }

    // ---- steps ----

    /** DRAFT -> SENT: every line's quantity becomes incoming at the order's location. */
    @WithTransaction
    public Uni<PurchaseOrderView> send(String number, String actor) {
        return locked(number).chain(order -> {
            if (!order.status.canSend()) {
                throw wrongStatus(order, "send");
            }
            return orders.lines(number).chain(lines -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (PurchaseOrderLine line : lines) {
                    chain = chain.chain(() -> record(MovementType.PURCHASE_ORDERED, order, line, line.quantity,
                            MovementType.PURCHASE_ORDERED.delta(line.quantity), "purchase order sent", actor));
                }
                return chain.chain(() -> {
                    order.status = PurchaseOrderStatus.SENT;
                    order.sentAt = OffsetDateTime.now();
                    return orders.update(order);
                }).map(ignored -> view(order, lines));
            });
        });
    }

    /** Closes the order: what never arrived is recorded as the supplier's shortage, and no longer incoming. */
    @WithTransaction
    public Uni<PurchaseOrderView> close(String number, String actor) {
        return locked(number).chain(order -> {
            if (!order.status.canClose()) {
                throw wrongStatus(order, "close");
            }
            return orders.lines(number).chain(lines -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (PurchaseOrderLine line : lines) {
                    long outstanding = line.outstanding();
                    if (outstanding > 0) {
                        chain = chain.chain(() -> record(MovementType.SHORTAGE, order, line, outstanding,
                                MovementType.SHORTAGE.delta(outstanding), "supplier shortage", actor));
                    }
                }
                return chain.chain(() -> {
                    order.status = PurchaseOrderStatus.CLOSED;
                    order.closedAt = OffsetDateTime.now();
                    return orders.update(order);
                }).map(ignored -> view(order, lines));
            });
        });
    }

    /** Cancels a draft, or a sent order before anything arrived (its incoming is cleared). */
    @WithTransaction
    public Uni<PurchaseOrderView> cancel(String number, String actor) {
        return locked(number).chain(order -> {
            if (!order.status.canCancel()) {
                throw wrongStatus(order, "cancel");
            }
            boolean wasSent = order.status == PurchaseOrderStatus.SENT;
            return orders.lines(number).chain(lines -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                if (wasSent) {
                    for (PurchaseOrderLine line : lines) {
                        chain = chain.chain(() -> record(MovementType.PURCHASE_CANCELLED, order, line, line.quantity,
                                MovementType.PURCHASE_CANCELLED.delta(line.quantity), "purchase order cancelled", actor));
                    }
                }
                return chain.chain(() -> {
                    order.status = PurchaseOrderStatus.CANCELLED;
                    order.closedAt = OffsetDateTime.now();
                    return orders.update(order);
                }).map(ignored -> view(order, lines));
            });
        });
    }

    /**
     * Records what arrived, once per Idempotency-Key: good units on hand and available, damaged ones on hand and
     * damaged, incoming down by the part that was expected. More than ordered is refused unless the supplier
     * allows it.
     */
    @WithTransaction
    public Uni<Received> receive(String number, ReceiptRequest request, String idempotencyKey, String actor) {
        String requestHash = RequestFingerprint.of(json, Map.of("number", number, "receipt", request));
        return idempotency.once(KeyLocks.Scope.PURCHASE_RECEIPT_KEY, actor, idempotencyKey, requestHash,
                () -> receipts.findByIdempotencyKey(Document.PURCHASE_ORDER, actor, idempotencyKey), r -> r.requestHash, r -> new Outcome(r, true),
                () -> firstReceipt(number, request, idempotencyKey, requestHash, actor).map(r -> new Outcome(r, false)))
                .chain(outcome -> orders.findById(outcome.receipt().number).chain(order -> orders.lines(order.number)
                        .map(lines -> new Received(receiptView(outcome.receipt()), view(order, lines), outcome.replayed()))));
    }

    private record Outcome(DocumentReceipt receipt, boolean replayed) {
    }

    private Uni<DocumentReceipt> firstReceipt(String number, ReceiptRequest request, String idempotencyKey,
            String requestHash, String actor) {
        return locked(number).chain(order -> {
            if (!order.status.canReceive()) {
                throw wrongStatus(order, "receive against");
            }
            return suppliers.findById(order.supplier).chain(supplier -> orders.lines(number).chain(lines -> {
                Map<String, PurchaseOrderLine> bySku = new HashMap<>();
                lines.forEach(line -> bySku.put(line.sku, line));
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < request.lines().size(); i++) {
                    ReceiptRequest.Line arrived = request.lines().get(i);
                    String field = "lines[%d].".formatted(i);
                    PurchaseOrderLine ordered = bySku.get(arrived.sku());
                    if (ordered == null) {
                        throw RuleViolation.unprocessable(field + "sku", arrived.sku() + " is not on " + number);
                    }
                    if (!seen.add(arrived.sku())) {
                        throw RuleViolation.unprocessable(field + "sku", "each SKU once per receipt");
                    }
                    if (arrived.damagedUnits() > arrived.quantity()) {
                        throw RuleViolation.unprocessable(field + "damaged", "at most the quantity that arrived");
                    }
                    if (!supplier.allowOverReceipt && ordered.received + arrived.quantity() > ordered.quantity) {
                        throw RuleViolation.conflict(field + "quantity", "%d of %s ordered, %d received already: %d more is an over-receipt, which supplier %s does not allow"
                                .formatted(ordered.quantity, arrived.sku(), ordered.received, arrived.quantity(), supplier.code))
                                .titled("Over-receipt");
                    }
                }
                List<ReceiptView.Line> recorded = new ArrayList<>();
                double leadDays = Duration.between(order.sentAt, OffsetDateTime.now()).toMillis() / 86_400_000.0;
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = 0; i < request.lines().size(); i++) {
                    ReceiptRequest.Line arrived = request.lines().get(i);
                    PurchaseOrderLine ordered = bySku.get(arrived.sku());
                    String field = "lines[%d].".formatted(i);
                    chain = chain.chain(() -> items.findById(arrived.sku()).chain(item -> {
                        requireLotFits(arrived, item, field);
                        long damaged = arrived.damagedUnits();
                        long expected = Math.min(arrived.quantity(), ordered.outstanding());
                        StockLedger.Entry entry = new StockLedger.Entry(MovementType.RECEIPT, arrived.sku(),
                                order.location, arrived.quantity(),
                                MovementType.purchaseReceipt(arrived.quantity() - damaged, damaged, expected),
                                damaged > 0 ? "received, %d damaged".formatted(damaged) : "received", order.number,
                                actor, null, null, arrived.lot(), arrived.expiresOn(), !item.lotTracked);
                        ordered.received += arrived.quantity();
                        ordered.damaged += damaged;
                        recorded.add(new ReceiptView.Line(arrived.sku(), arrived.quantity(), damaged, arrived.lot(),
                                arrived.expiresOn(), money(arrived.unitCost() != null ? arrived.unitCost() : ordered.unitCost)));
                        // the line's new counts written now: receive() reads the lines back after this
                        return orders.updateLine(ordered)
                                .chain(() -> ledger.record(entry, false, field + "quantity"))
                                .chain(() -> leadTimes.record(order.supplier, arrived.sku(), leadDays));
                    }));
                }
                return chain.chain(() -> {
                    order.status = lines.stream().allMatch(line -> line.received >= line.quantity)
                            ? PurchaseOrderStatus.RECEIVED : PurchaseOrderStatus.PARTIALLY_RECEIVED;
                    DocumentReceipt receipt = new DocumentReceipt();
                    receipt.number = number;
                    receipt.idempotencyKey = idempotencyKey;
                    receipt.requestHash = requestHash;
                    receipt.actor = actor;
                    receipt.lines = write(recorded);
                    // receivedAt is the database's (DEFAULT now()), put on the receipt by persist
                    return orders.update(order).chain(() -> receipts.persist(Document.PURCHASE_ORDER, receipt));
                });
            }));
        });
    }

    private static void requireLotFits(ReceiptRequest.Line arrived, Item item, String field) {
        if (item.lotTracked) {
            if (arrived.lot() == null || arrived.lot().isBlank()) {
                throw RuleViolation.unprocessable(field + "lot", "item " + item.sku + " is lot-tracked: name the lot that arrives");
            }
        } else if (arrived.lot() != null) {
            throw RuleViolation.unprocessable(field + "lot", "item " + item.sku + " is not lot-tracked");
        } else if (arrived.expiresOn() != null) {
            throw RuleViolation.unprocessable(field + "expiresOn", "item " + item.sku + " is not lot-tracked");
        }
    }

    private Uni<Void> record(MovementType type, PurchaseOrder order, PurchaseOrderLine line, long quantity,
            io.stockline.inventory.domain.StockState delta, String reason, String actor) {
        StockLedger.Entry entry = new StockLedger.Entry(type, line.sku, order.location, quantity, delta, reason,
                order.number, actor, null, null, null, null, true);
        return ledger.record(entry, false, "lines[%d].quantity".formatted(line.line - 1)).replaceWithVoid();
    }

    // ---- reading ----

    @WithConnection
    public Uni<PurchaseOrderView> get(String number) {
        return orders.findById(number)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("number", "no purchase order " + number))
                .chain(order -> orders.lines(number).map(lines -> view(order, lines)));
    }

    @WithConnection
    public Uni<List<PurchaseOrderView>> list(PurchaseOrderStatus status, String supplier, int page, int limit) {
        return orders.search(status, supplier, page, limit).chain(found -> {
            List<PurchaseOrderView> views = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PurchaseOrder order : found) {
                chain = chain.chain(() -> orders.lines(order.number).invoke(lines -> views.add(view(order, lines))))
                        .replaceWithVoid();
            }
            return chain.map(ignored -> views);
        });
    }

    @WithConnection
    public Uni<List<ReceiptView>> receipts(String number) {
        return orders.findById(number)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("number", "no purchase order " + number))
                .chain(() -> receipts.of(Document.PURCHASE_ORDER, number))
                .map(all -> all.stream().map(this::receiptView).toList());
    }

    private Uni<PurchaseOrder> locked(String number) {
        return orders.lock(number)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("number", "no purchase order " + number));
    }

    private static RuleViolation wrongStatus(PurchaseOrder order, String step) {
        return RuleViolation.conflict("status", "cannot %s %s: it is %s".formatted(step, order.number, order.status))
                .in(RuleViolation.In.PATH);
    }

    static PurchaseOrderView view(PurchaseOrder order, List<PurchaseOrderLine> lines) {
        boolean open = order.status != PurchaseOrderStatus.CLOSED && order.status != PurchaseOrderStatus.CANCELLED;
        return new PurchaseOrderView(order.number, order.supplier, order.location, order.status, order.currency,
                order.expectedOn, order.createdBy, order.createdAt, order.sentAt, order.closedAt,
                lines.stream().map(line -> new PurchaseOrderView.Line(line.line, line.sku, line.quantity, money(line.unitCost),
                        line.received, line.damaged, open ? line.outstanding() : 0)).toList());
    }

    /** Money as the database keeps it (4 decimals), so an answer reads the same before and after storage. */
    static java.math.BigDecimal money(java.math.BigDecimal amount) {
        return amount == null ? null : amount.setScale(4, java.math.RoundingMode.HALF_EVEN);
    }

    private ReceiptView receiptView(DocumentReceipt receipt) {
        try {
            return new ReceiptView(receipt.id, receipt.number, receipt.receivedAt, receipt.actor,
                    json.readValue(receipt.lines, RECEIPT_LINES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("receipt " + receipt.id + " holds unreadable lines", e);
        }
    }

    private String write(List<ReceiptView.Line> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
