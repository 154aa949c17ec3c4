package io.stockline.inventory.transfers.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.transfers.domain.TransferStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/**
 * Transfers and their lines (tables transfer, transfer_line; their receipts: DocumentReceiptRepository). The objects
 * are plain rows: a change to one is stored only by {@link #update} or {@link #updateLine}, in the caller's
 * transaction.
 */
@ApplicationScoped
public class TransferRepository {

    private static final String TRANSFER = """
            SELECT number, from_location, to_location, status, created_by, created_at, shipped_at, closed_at
            FROM transfer""";

    private static final String LINE = "SELECT id, number, line, sku, quantity, received, lost FROM transfer_line";

    public Uni<String> nextNumber() {
        return NativeSql.of("SELECT nextval('transfer_number_seq')").column(Long.class)
                .map(n -> "TR-%06d".formatted(n.get(0)));
    }

    /** The transfer, or null. */
    public Uni<Transfer> findById(String number) {
        return NativeSql.of(TRANSFER + " WHERE number = :number").set("number", number)
                .first(TransferRepository::transfer);
    }

    /** The transfer locked until the transaction ends, so two steps on it queue up. */
    public Uni<Transfer> lock(String number) {
        return NativeSql.of(TRANSFER + " WHERE number = :number FOR UPDATE").set("number", number)
                .first(TransferRepository::transfer);
    }

    /** Inserts the transfer; created_at comes from the database and is set on it. */
    public Uni<Transfer> persist(Transfer transfer) {
        return NativeSql.of("""
                INSERT INTO transfer (number, from_location, to_location, status, created_by, shipped_at, closed_at)
                VALUES (:number, :from, :to, :status, :createdBy, :shippedAt, :closedAt)
                RETURNING created_at""")
                .set("number", transfer.number).set("from", transfer.from).set("to", transfer.to)
                .set("status", transfer.status.name()).set("createdBy", transfer.createdBy)
                .set("shippedAt", transfer.shippedAt).set("closedAt", transfer.closedAt)
                .rows()
                .map(rows -> {
                    transfer.createdAt = Rows.time(rows.get(0)[0]);
                    return transfer;
                });
    }

    /** Stores what a step changes: the status and when it shipped or closed (the rest is set once, at creation). */
    public Uni<Void> update(Transfer transfer) {
        return NativeSql.of("""
                UPDATE transfer SET status = :status, shipped_at = :shippedAt, closed_at = :closedAt
                WHERE number = :number""")
                .set("number", transfer.number).set("status", transfer.status.name())
                .set("shippedAt", transfer.shippedAt).set("closedAt", transfer.closedAt)
                .update()
                .replaceWithVoid();
    }

    public Uni<List<TransferLine>> lines(String number) {
        return NativeSql.of(LINE + " WHERE number = :number ORDER BY line").set("number", number)
                .list(TransferRepository::line);
    }

    /** Inserts the line; its id comes from the database and is set on it. */
    public Uni<Void> persistLine(TransferLine line) {
        return NativeSql.of("""
                INSERT INTO transfer_line (number, line, sku, quantity, received, lost)
                VALUES (:number, :line, :sku, :quantity, :received, :lost)
                RETURNING id""")
                .set("number", line.number).set("line", line.line).set("sku", line.sku)
                .set("quantity", line.quantity).set("received", line.received).set("lost", line.lost)
                .column(Long.class)
                .invoke(ids -> line.id = ids.get(0))
                .replaceWithVoid();
    }

    /** Stores what a receipt or a close changes on the line: received and lost. */
    public Uni<Void> updateLine(TransferLine line) {
        return NativeSql.of("UPDATE transfer_line SET received = :received, lost = :lost WHERE id = :id")
                .set("id", line.id).set("received", line.received).set("lost", line.lost)
                .update()
                .replaceWithVoid();
    }

    /** The latest transfers first (by created_at, then number). */
    public Uni<List<Transfer>> recent(int limit) {
        return NativeSql.of(TRANSFER + " ORDER BY created_at DESC, number DESC LIMIT :limit")
                .set("limit", (long) limit)
                .list(TransferRepository::transfer);
    }

    private static Transfer transfer(Object[] row) {
        Transfer transfer = new Transfer();
        transfer.number = Rows.text(row[0]);
        transfer.from = Rows.text(row[1]);
        transfer.to = Rows.text(row[2]);
        transfer.status = TransferStatus.valueOf(Rows.text(row[3]));
        transfer.createdBy = Rows.text(row[4]);
        transfer.createdAt = Rows.time(row[5]);
        transfer.shippedAt = Rows.time(row[6]);
        transfer.closedAt = Rows.time(row[7]);
        return transfer;
    }

    private static TransferLine line(Object[] row) {
        TransferLine line = new TransferLine();
        line.id = Rows.longValue(row[0]);
        line.number = Rows.text(row[1]);
        line.line = Rows.intOrNull(row[2]);
        line.sku = Rows.text(row[3]);
        line.quantity = Rows.longValue(row[4]);
        line.received = Rows.longValue(row[5]);
        line.lost = Rows.longValue(row[6]);
        return line;
    }
}
