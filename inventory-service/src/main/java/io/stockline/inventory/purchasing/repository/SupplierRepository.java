package io.stockline.inventory.purchasing.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SupplierRepository implements PanacheRepositoryBase<Supplier, String> {

    /** Those of the suppliers that exist, read in one statement as detached rows (not managed by the session). */
    public Uni<List<Supplier>> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                SELECT code, name, contact, currency, lead_time_days, minimum_order_quantity, order_multiple,
                       allow_over_receipt
                FROM supplier WHERE code = ANY(CAST(:codes AS text[]))""", Object[].class)
                .setParameter("codes", codes.toArray(String[]::new))
                .getResultList())
                .map(rows -> {
                    List<Supplier> found = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        Supplier s = new Supplier();
                        s.code = (String) row[0];
                        s.name = (String) row[1];
                        s.contact = (String) row[2];
                        s.currency = (String) row[3];
                        s.leadTimeDays = ((Number) row[4]).intValue();
                        s.minimumOrderQuantity = ((Number) row[5]).longValue();
                        s.orderMultiple = ((Number) row[6]).longValue();
                        s.allowOverReceipt = (Boolean) row[7];
                        found.add(s);
                    }
                    return found;
                });
    }

    /** Inserts new suppliers in one statement; one another request created meanwhile is left as it is. Returns the codes inserted. */
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
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO supplier (code, name, contact, currency, lead_time_days, minimum_order_quantity,
                                      order_multiple, allow_over_receipt)
                SELECT * FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:contacts AS text[]),
                                     CAST(:currencies AS text[]), CAST(:leadTimes AS integer[]),
                                     CAST(:minimums AS bigint[]), CAST(:multiples AS bigint[]),
                                     CAST(:overReceipt AS boolean[]))
                ON CONFLICT (code) DO NOTHING
                RETURNING code""", String.class)
                .setParameter("codes", codes).setParameter("names", names).setParameter("contacts", contacts)
                .setParameter("currencies", currencies).setParameter("leadTimes", leadTimes)
                .setParameter("minimums", minimums).setParameter("multiples", multiples)
                .setParameter("overReceipt", overReceipt)
                .getResultList())
                .map(HashSet::new);
    }
}
