package io.stockline.inventory.purchasing.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Suppliers, in SQL. What it returns is plain data, written only by the inserts here. */
@ApplicationScoped
public class SupplierRepository {

    private static final String COLUMNS = "code, name, contact, currency, lead_time_days, minimum_order_quantity, "
            + "order_multiple, allow_over_receipt, created_at";

    /** The supplier, or null when there is none. */
    public Uni<Supplier> findById(String code) {
        return byCode(code, "");
    }

    /**
     * The supplier, its row locked until the transaction ends, or null when there is none. {@code FOR NO KEY UPDATE}:
     * it waits for another such lock, not for rows that merely reference the supplier being inserted.
     */
    public Uni<Supplier> lockById(String code) {
        return byCode(code, " FOR NO KEY UPDATE");
    }

    private static Uni<Supplier> byCode(String code, String lock) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM supplier WHERE code = :code" + lock)
                .set("code", code)
                .first(SupplierRepository::toSupplier);
    }

    /** Every supplier, by code. */
    public Uni<List<Supplier>> listAll() {
        return NativeSql.of("SELECT " + COLUMNS + " FROM supplier ORDER BY code")
                .list(SupplierRepository::toSupplier);
    }

    /** Those of the suppliers that exist, read in one statement. */
    public Uni<List<Supplier>> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return NativeSql.of("SELECT " + COLUMNS + " FROM supplier WHERE code = ANY(CAST(:codes AS text[]))")
                .set("codes", codes.toArray(String[]::new))
                .list(SupplierRepository::toSupplier);
    }

    /** Inserts the supplier; the database sets {@code createdAt}, which this puts on the object. */
    public Uni<Supplier> persist(Supplier supplier) {
        return NativeSql.of("""
                INSERT INTO supplier (code, name, contact, currency, lead_time_days, minimum_order_quantity,
                                      order_multiple, allow_over_receipt)
                VALUES (:code, :name, :contact, :currency, :leadTimeDays, :minimumOrderQuantity, :orderMultiple,
                        :allowOverReceipt)
                RETURNING created_at""")
                .set("code", supplier.code).set("name", supplier.name).set("contact", supplier.contact)
                .set("currency", supplier.currency).set("leadTimeDays", supplier.leadTimeDays)
                .set("minimumOrderQuantity", supplier.minimumOrderQuantity)
                .set("orderMultiple", supplier.orderMultiple).set("allowOverReceipt", supplier.allowOverReceipt)
                .rows()
                .map(rows -> {
                    supplier.createdAt = Rows.time(rows.get(0)[0]);
                    return supplier;
                });
    }

    /**
     * Inserts new suppliers in one statement; one another request created meanwhile is left as it is. Returns the
     * codes inserted.
     */
    public Uni<Set<String>> insertAll(List<Supplier> suppliers) {
        if (suppliers.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int size = suppliers.size();
        String[] codes = new String[size];
        String[] names = new String[size];
        String[] contacts = new String[size];
        String[] currencies = new String[size];
        Integer[] leadTimes = new Integer[size];
        Long[] minimums = new Long[size];
        Long[] multiples = new Long[size];
        Boolean[] overReceipt = new Boolean[size];
        for (int i = 0; i < size; i++) {
            Supplier s = suppliers.get(i);
            codes[i] = s.code;
            names[i] = s.name;
            contacts[i] = s.contact;
            currencies[i] = s.currency;
            leadTimes[i] = s.leadTimeDays;
            minimums[i] = s.minimumOrderQuantity;
            multiples[i] = s.orderMultiple;
            overReceipt[i] = s.allowOverReceipt;
        }
        return NativeSql.of("""
                INSERT INTO supplier (code, name, contact, currency, lead_time_days, minimum_order_quantity,
                                      order_multiple, allow_over_receipt)
                SELECT * FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:contacts AS text[]),
                                     CAST(:currencies AS text[]), CAST(:leadTimes AS integer[]),
                                     CAST(:minimums AS bigint[]), CAST(:multiples AS bigint[]),
                                     CAST(:overReceipt AS boolean[]))
                ON CONFLICT (code) DO NOTHING
                RETURNING code""")
                .set("codes", codes).set("names", names).set("contacts", contacts)
                .set("currencies", currencies).set("leadTimes", leadTimes)
                .set("minimums", minimums).set("multiples", multiples)
                .set("overReceipt", overReceipt)
                .column(String.class)
                .map(HashSet::new);
    }

    private static Supplier toSupplier(Object[] row) {
        Supplier supplier = new Supplier();
        supplier.code = Rows.text(row[0]);
        supplier.name = Rows.text(row[1]);
        supplier.contact = Rows.text(row[2]);
        supplier.currency = Rows.text(row[3]);
        supplier.leadTimeDays = Rows.intOrNull(row[4]);
        supplier.minimumOrderQuantity = Rows.longValue(row[5]);
        supplier.orderMultiple = Rows.longValue(row[6]);
        supplier.allowOverReceipt = Rows.bool(row[7]);
        supplier.createdAt = Rows.time(row[8]);
        return supplier;
    }
}
