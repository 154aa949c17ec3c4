package io.stockline.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** The receipts of purchase orders and of transfers: two tables of one shape, so one set of statements. */
@ApplicationScoped
public class DocumentReceiptRepository {

    /** Whose receipts, and the table that holds them. */
    public enum Document {
        PURCHASE_ORDER("purchase_receipt"), TRANSFER("transfer_receipt");

        private final String table;

        Document(String table) {
            this.table = table;
        }
    }

    private static final String COLUMNS = "id, number, idempotency_key, request_hash, lines, actor, received_at";

    /** Inserts the receipt; the database sets its id and {@code receivedAt}, which this puts on the object. */
    public Uni<DocumentReceipt> persist(Document document, DocumentReceipt receipt) {
        return NativeSql.of("INSERT INTO " + document.table + " (number, idempotency_key, request_hash, lines, actor)"
                + " VALUES (:number, :idempotencyKey, :requestHash, :lines, :actor) RETURNING id, received_at")
                .set("number", receipt.number).set("idempotencyKey", receipt.idempotencyKey)
                .set("requestHash", receipt.requestHash).set("lines", receipt.lines).set("actor", receipt.actor)
                .rows()
                .map(rows -> {
                    receipt.id = Rows.longValue(rows.get(0)[0]);
                    receipt.receivedAt = Rows.time(rows.get(0)[1]);
                    return receipt;
                });
    }

    /** The receipt the caller ({@code actor}) booked under the key: keys are scoped per caller. */
    public Uni<DocumentReceipt> findByIdempotencyKey(Document document, String actor, String key) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM " + document.table
                + " WHERE actor = :actor AND idempotency_key = :key")
                .set("actor", actor).set("key", key)
                .first(DocumentReceiptRepository::toReceipt);
    }

    /** The document's receipts, oldest first. */
    public Uni<List<DocumentReceipt>> of(Document document, String number) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM " + document.table + " WHERE number = :number ORDER BY id")
                .set("number", number)
                .list(DocumentReceiptRepository::toReceipt);
    }

    private static DocumentReceipt toReceipt(Object[] row) {
        DocumentReceipt receipt = new DocumentReceipt();
        receipt.id = Rows.longValue(row[0]);
        receipt.number = Rows.text(row[1]);
        receipt.idempotencyKey = Rows.text(row[2]);
        receipt.requestHash = Rows.text(row[3]);
        receipt.lines = Rows.text(row[4]);
        receipt.actor = Rows.text(row[5]);
        receipt.receivedAt = Rows.time(row[6]);
        return receipt;
    }
}
