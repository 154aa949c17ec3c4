package io.stockline.inventory.transfers.service;

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
import io.stockline.inventory.transfers.domain.TransferReceiptView;
import io.stockline.inventory.transfers.domain.TransferStatus;
import io.stockline.inventory.transfers.domain.TransferView;
import io.stockline.inventory.transfers.repository.Transfer;
import io.stockline.inventory.transfers.repository.TransferLine;
import io.stockline.inventory.transfers.repository.TransferRepository;
import io.stockline.platform.problem.RuleViolation;

/**
 * Transfers as documents: shipping is a TRANSFER_OUT per line at the source (units in transit there), each
 * receipt a TRANSFER_IN (out of transit at the source, on hand at the destination), and closing writes what
 * never arrived off as LOST_IN_TRANSIT. Every movement names the transfer as its reference.
 */
@ApplicationScoped
public class TransferService {

    public record Received(TransferReceiptView receipt, TransferView transfer, boolean replayed) {
    }

    private record Outcome(DocumentReceipt receipt, boolean replayed) {
    }

    private static final TypeReference<List<TransferReceiptView.Line>> RECEIPT_LINES = new TypeReference<>() {
    };

    private final TransferRepository transfers;
    private final DocumentReceiptRepository receipts;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final StockLedger ledger;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    public TransferService(TransferRepository transfers, DocumentReceiptRepository receipts, ItemRepository items,
            LocationRepository locations, StockLedger ledger, Idempotency idempotency, ObjectMapper json) {
        this.transfers = transfers;
        this.receipts = receipts;
        this.items = items;
        this.locations = locations;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.json = json;
    }

    @WithTransaction
    public Uni<TransferView> create(TransferRequest request, String actor) {
        if (request.from().equals(request.to())) {
            throw RuleViolation.unprocessable("to", "a transfer goes to another location");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).sku())) {
                throw RuleViolation.unprocessable("lines[%d].sku".formatted(i), "each SKU once per transfer");
            }
        }
        return locations.findById(request.from())
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("from", "no location " + request.from()))
                .invoke(from -> StockRules.requireOwnStock(from, "from"))
                .chain(() -> locations.findById(request.to()))
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("to", "no location " + request.to()))
                .invoke(to -> StockRules.requireOwnStock(to, "to"))
                .chain(() -> checkItems(request, 0))
                .chain(() -> transfers.nextNumber())
                .chain(number -> {
                    Transfer transfer = new Transfer();
                    transfer.number = number;
                    transfer.from = request.from();
                    transfer.to = request.to();
                    transfer.status = TransferStatus.DRAFT;
                    transfer.createdBy = actor;
                    List<TransferLine> lines = new ArrayList<>();
                    for (int i = 0; i < request.lines().size(); i++) {
                        TransferLine line = new TransferLine();
                        line.number = number;
                        line.line = i + 1;
                        line.sku = request.lines().get(i).sku();
                        line.quantity = request.lines().get(i).quantity();
                        lines.add(line);
                    }
                    Uni<Void> chain = transfers.persist(transfer).replaceWithVoid();
                    for (TransferLine line : lines) {
                        chain = chain.chain(() -> transfers.persistLine(line));
                    }
                    return chain.map(ignored -> view(transfer, lines));
                });
    }

    private Uni<Void> checkItems(TransferRequest request, int i) {
        if (i == request.lines().size()) {
            return Uni.createFrom().voidItem();
        }
        String sku = request.lines().get(i).sku();
        String field = "lines[%d].sku".formatted(i);
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound(field, "no item " + sku))
                .chain(item -> {
                    if (item.kind != ItemKind.STANDARD) {
                        throw RuleViolation.unprocessable(field, "a " + item.kind + " item holds no stock to transfer");
                    }
                    return checkItems(request, i + 1);
                });
    }

    /** DRAFT -> SHIPPED: every line leaves the source and is in transit there, all lines or none. */
    @WithTransaction
    public Uni<TransferView> ship(String number, String actor) {
        return locked(number).chain(transfer -> {
            if (!transfer.status.canShip()) {
                throw wrongStatus(transfer, "ship");
            }
            return transfers.lines(number).chain(lines -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (TransferLine line : lines) {
                    chain = chain.chain(() -> items.findById(line.sku).chain(item -> {
                        StockLedger.Entry entry = new StockLedger.Entry(MovementType.TRANSFER_OUT, line.sku,
                                transfer.from, line.quantity, MovementType.TRANSFER_OUT.delta(line.quantity),
                                "shipped to " + transfer.to, number, actor, null, null, null, null, !item.lotTracked);
                        return ledger.record(entry, false, "lines[%d].quantity".formatted(line.line - 1)).replaceWithVoid();
                    }));
                }
                return chain.chain(() -> {
                    transfer.status = TransferStatus.SHIPPED;
                    transfer.shippedAt = OffsetDateTime.now();
                    return transfers.update(transfer).map(ignored -> view(transfer, lines));
                });
            });
        });
    }

    /** What arrived, once per Idempotency-Key; more than is still in transit is refused. */
    @WithTransaction
    public Uni<Received> receive(String number, TransferReceiptRequest request, String idempotencyKey, String actor) {
        String requestHash = RequestFingerprint.of(json, Map.of("number", number, "receipt", request));
        return idempotency.once(KeyLocks.Scope.TRANSFER_RECEIPT_KEY, actor, idempotencyKey, requestHash,
                () -> receipts.findByIdempotencyKey(Document.TRANSFER, actor, idempotencyKey), r -> r.requestHash, r -> new Outcome(r, true),
                () -> firstReceipt(number, request, idempotencyKey, requestHash, actor).map(r -> new Outcome(r, false)))
                .chain(outcome -> transfers.findById(outcome.receipt().number).chain(transfer -> transfers
                        .lines(transfer.number)
                        .map(lines -> new Received(receiptView(outcome.receipt()), view(transfer, lines),
                                outcome.replayed()))));
    }

    private Uni<DocumentReceipt> firstReceipt(String number, TransferReceiptRequest request, String idempotencyKey,
            String requestHash, String actor) {
        return locked(number).chain(transfer -> {
            if (!transfer.status.canReceive()) {
                throw wrongStatus(transfer, "receive");
            }
            return transfers.lines(number).chain(lines -> {
                Map<String, TransferLine> bySku = new HashMap<>();
                lines.forEach(line -> bySku.put(line.sku, line));
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < request.lines().size(); i++) {
                    TransferReceiptRequest.Line arrived = request.lines().get(i);
                    String field = "lines[%d].".formatted(i);
                    TransferLine shipped = bySku.get(arrived.sku());
                    if (shipped == null) {
                        throw RuleViolation.unprocessable(field + "sku", arrived.sku() + " is not on " + number);
                    }
                    if (!seen.add(arrived.sku())) {
                        throw RuleViolation.unprocessable(field + "sku", "each SKU once per receipt");
                    }
                    if (arrived.quantity() > shipped.inTransit()) {
                        throw RuleViolation.conflict(field + "quantity", "only %d of %s are still in transit on %s"
                                .formatted(shipped.inTransit(), arrived.sku(), number));
                    }
                }
                List<TransferReceiptView.Line> recorded = new ArrayList<>();
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (int i = 0; i < request.lines().size(); i++) {
                    TransferReceiptRequest.Line arrived = request.lines().get(i);
                    TransferLine shipped = bySku.get(arrived.sku());
                    String field = "lines[%d].".formatted(i);
                    chain = chain.chain(() -> items.findById(arrived.sku()).chain(item -> {
                        if (item.lotTracked && (arrived.lot() == null || arrived.lot().isBlank())) {
                            throw RuleViolation.unprocessable(field + "lot", "item " + item.sku + " is lot-tracked: name the lot that arrives");
                        }
                        if (!item.lotTracked && (arrived.lot() != null || arrived.expiresOn() != null)) {
                            throw RuleViolation.unprocessable(field + (arrived.lot() != null ? "lot" : "expiresOn"),
                                    "item " + item.sku + " is not lot-tracked");
                        }
                        long quantity = arrived.quantity();
                        shipped.received += quantity;
                        recorded.add(new TransferReceiptView.Line(arrived.sku(), quantity, arrived.lot(), arrived.expiresOn()));
                        StockLedger.Entry out = new StockLedger.Entry(MovementType.TRANSFER_IN, arrived.sku(),
                                transfer.from, quantity, MovementType.TRANSFER_IN.delta(quantity),
                                "arrived at " + transfer.to, number, actor, null, null, arrived.lot(), arrived.expiresOn(),
                                !item.lotTracked);
                        // stored before the movements: whatever reads transfer_line later in this transaction sees it
                        return transfers.updateLine(shipped)
                                .chain(() -> ledger.record(out, false, field + "quantity"))
                                .chain(() -> ledger.record(out.at(transfer.to, MovementType.arrival(quantity)),
                                        item.backorderAllowed, field + "quantity"))
                                .replaceWithVoid();
                    }));
                }
                return chain.chain(() -> {
                    transfer.status = lines.stream().allMatch(line -> line.inTransit() == 0)
                            ? TransferStatus.RECEIVED : TransferStatus.PARTIALLY_RECEIVED;
                    DocumentReceipt receipt = new DocumentReceipt();
                    receipt.number = number;
                    receipt.idempotencyKey = idempotencyKey;
                    receipt.requestHash = requestHash;
                    receipt.actor = actor;
                    receipt.lines = write(recorded);
                    // receive() reads the transfer and its lines back once this is done: they must be stored
                    return transfers.update(transfer)
                            .chain(() -> receipts.persist(Document.TRANSFER, receipt))
                            .replaceWith(receipt);
                });
            });
        });
    }

    /** Closes the transfer: what is still in transit never arrived and is written off as lost in transit. */
    @WithTransaction
    public Uni<TransferView> close(String number, String actor) {
        return locked(number).chain(transfer -> {
            if (!transfer.status.canClose()) {
                throw wrongStatus(transfer, "close");
            }
            return transfers.lines(number).chain(lines -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (TransferLine line : lines) {
                    long missing = line.inTransit();
                    if (missing > 0) {
                        StockLedger.Entry entry = new StockLedger.Entry(MovementType.LOST_IN_TRANSIT, line.sku,
                                transfer.from, missing, MovementType.LOST_IN_TRANSIT.delta(missing),
                                "lost in transit to " + transfer.to, number, actor, null, null, null, null, true);
                        line.lost += missing;
                        chain = chain.chain(() -> transfers.updateLine(line))
                                .chain(() -> ledger.record(entry, false, "lines[%d].quantity".formatted(line.line - 1))
                                        .replaceWithVoid());
                    }
                }
                return chain.chain(() -> {
                    transfer.status = TransferStatus.CLOSED;
                    transfer.closedAt = OffsetDateTime.now();
                    return transfers.update(transfer).map(ignored -> view(transfer, lines));
                });
            });
        });
    }

    /** A draft may be cancelled; once shipped, a transfer ends by its receipts and its close. */
    @WithTransaction
    public Uni<TransferView> cancel(String number) {
        return locked(number).chain(transfer -> {
            if (!transfer.status.canCancel()) {
                throw wrongStatus(transfer, "cancel");
            }
            transfer.status = TransferStatus.CANCELLED;
            transfer.closedAt = OffsetDateTime.now();
            return transfers.update(transfer)
                    .chain(() -> transfers.lines(number))
                    .map(lines -> view(transfer, lines));
        });
    }

    @WithConnection
    public Uni<TransferView> get(String number) {
        return transfers.findById(number)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("number", "no transfer " + number))
                .chain(transfer -> transfers.lines(number).map(lines -> view(transfer, lines)));
    }

    @WithConnection
    public Uni<List<TransferView>> recent(int limit) {
        return transfers.recent(limit).chain(found -> {
            List<TransferView> views = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Transfer transfer : found) {
                chain = chain.chain(() -> transfers.lines(transfer.number).invoke(lines -> views.add(view(transfer, lines))))
                        .replaceWithVoid();
            }
            return chain.map(ignored -> views);
        });
    }

    private Uni<Transfer> locked(String number) {
        return transfers.lock(number)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("number", "no transfer " + number));
    }

    private static RuleViolation wrongStatus(Transfer transfer, String step) {
        return RuleViolation.conflict("status", "cannot %s %s: it is %s".formatted(step, transfer.number, transfer.status))
                .in(RuleViolation.In.PATH);
    }

    static TransferView view(Transfer t, List<TransferLine> lines) {
        boolean shipped = t.status != TransferStatus.DRAFT && t.status != TransferStatus.CANCELLED;
        return new TransferView(t.number, t.from, t.to, t.status, t.createdBy, t.createdAt, t.shippedAt, t.closedAt,
                lines.stream().map(l -> new TransferView.Line(l.line, l.sku, l.quantity, l.received, l.lost,
                        shipped ? l.inTransit() : 0)).toList());
    }

    private TransferReceiptView receiptView(DocumentReceipt receipt) {
        try {
            return new TransferReceiptView(receipt.id, receipt.number, receipt.receivedAt, receipt.actor,
                    json.readValue(receipt.lines, RECEIPT_LINES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("transfer receipt " + receipt.id + " holds unreadable lines", e);
        }
    }

    private String write(List<TransferReceiptView.Line> lines) {
        try {
            return json.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
