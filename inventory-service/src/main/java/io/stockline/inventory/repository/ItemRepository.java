package io.stockline.inventory.repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.ItemStatus;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class ItemRepository {

    /** An item's columns and its barcodes (an array), as {@link #item} reads them; {@code i} is the item's alias. */
    private static final String ITEM = "i.sku, i.name, i.kind, i.status, i.product, i.options, i.lot_tracked,"
            + " i.backorder_allowed, i.unit_cost, i.revision, i.created_at,"
            + " ARRAY(SELECT b.barcode FROM item_barcode b WHERE b.sku = i.sku)";

    public Uni<Item> findById(String sku) {
        return one(NativeSql.of("SELECT " + ITEM + " FROM item i WHERE i.sku = :sku").set("sku", sku));
    }

    /** What bulk work needs to know of an item, read without loading entities. */
    public record Facts(String sku, String name, ItemKind kind, boolean lotTracked, boolean backorderAllowed,
            BigDecimal unitCost) {
    }

    public Uni<List<Item>> findByProduct(String product) {
        return all(NativeSql.of("SELECT " + ITEM + " FROM item i WHERE i.product = :product ORDER BY i.sku")
                .set("product", product));
    }

    public Uni<Item> findVariant(String product, String optionsJson) {
        return one(NativeSql.of("SELECT " + ITEM + " FROM item i WHERE i.product = :product AND i.options = :options")
                .set("product", product).set("options", optionsJson));
    }

    /** Inserts the item and its barcodes; {@code createdAt} is the database's. */
    public Uni<Item> persist(Item item) {
        return NativeSql.of("""
                INSERT INTO item (sku, name, kind, status, product, options, lot_tracked, backorder_allowed, unit_cost,
                                  revision)
                VALUES (:sku, :name, :kind, :status, :product, :options, :lotTracked, :backorder, :unitCost,
                        :revision)
                RETURNING created_at""")
                .set("sku", item.sku).set("name", item.name).set("kind", item.kind.name())
                .set("status", item.status.name()).set("product", item.product).set("options", item.optionsJson)
                .set("lotTracked", item.lotTracked).set("backorder", item.backorderAllowed)
                .set("unitCost", item.unitCost).set("revision", item.revision)
                .column()
                .invoke(created -> item.createdAt = Rows.time(created.get(0)))
                .chain(() -> item.barcodes.isEmpty() ? Uni.createFrom().item(0) : NativeSql.of("""
                        INSERT INTO item_barcode (barcode, sku) SELECT unnest(CAST(:barcodes AS text[])), :sku""")
                        .set("barcodes", item.barcodes.toArray(String[]::new)).set("sku", item.sku)
                        .update())
                .replaceWith(item);
    }

    /**
     * Gives the item {@code status} with the next revision, in one statement, and answers that revision; null when the
     * item had the status already. The revision is counted in SQL, not read before: two requests racing to change the
     * same item announce the change once, and neither writes a revision the other has used.
     */
    public Uni<Long> changeStatus(String sku, ItemStatus status) {
        return NativeSql.of("""
                UPDATE item SET status = :status, revision = revision + 1 WHERE sku = :sku AND status <> :status
                RETURNING revision""")
                .set("status", status.name()).set("sku", sku)
                .first(row -> Rows.longValue(row[0]));
    }

    /**
     * Items whose SKU starts with :prefix, whose name contains :infix (both ignoring case) or that carry :barcode;
     * prefix matches first, then by SKU, at most :limit. Each arm is a query of its own so that each reads its own
     * index (V17: item_sku_lower_prefix, item_name_trigrams; item_barcode's key): one condition ORed over the three
     * made PostgreSQL read every item. An arm keeps only its first :limit by SKU, which is all the answer can take
     * from it; for a short text, which trigrams cannot narrow, that lets PostgreSQL walk the SKU order and stop early.
     */
    public static final String SEARCH = """
            SELECT %s FROM item i
            WHERE i.sku IN ((SELECT sku FROM item WHERE lower(sku) LIKE :prefix ESCAPE '!' ORDER BY sku LIMIT :limit)
                            UNION ALL
                            (SELECT sku FROM item WHERE lower(name) LIKE :infix ESCAPE '!' ORDER BY sku LIMIT :limit)
                            UNION ALL
                            SELECT sku FROM item_barcode WHERE barcode = :barcode)
            ORDER BY CASE WHEN lower(i.sku) LIKE :prefix ESCAPE '!' THEN 0 ELSE 1 END, i.sku
            LIMIT :limit""".formatted(ITEM);

    /** What a person typed as {@link #SEARCH}'s patterns: its own %, _ and ! are text, not wildcards. */
    public record SearchTerms(String prefix, String infix, String barcode) {
        public static SearchTerms of(String text) {
            String literal = text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            return new SearchTerms(literal + "%", "%" + literal + "%", text);
        }
    }

    /**
     * Items whose SKU starts with {@code text}, whose name contains it (both ignoring case) or that carry it as a
     * barcode; SKU matches first, then by SKU, at most {@code limit}. Runs inside the caller's transaction.
     */
    public Uni<List<Item>> search(String text, int limit) {
        SearchTerms terms = SearchTerms.of(text);
        // The statement is prepared once per connection, and after five runs PostgreSQL may keep a plan made without
        // the text. Without the text it cannot pick an index: that plan walks every item in each arm (0.2-0.6 s on
        // 100,000 items against 0.3 ms, BENCHMARKS.md), and a few short texts no item has make it stick. Planning
        // each search for its own text costs about a millisecond.
        return NativeSql.of("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)").rows()
                .chain(() -> all(NativeSql.of(SEARCH)
                        .set("prefix", terms.prefix())
                        .set("infix", terms.infix())
                        .set("barcode", terms.barcode())
                        .set("limit", limit)));
    }

    /** The item one of {@code forms} (a code and its equivalent GTIN lengths, see Gtin.forms) belongs to. */
    public Uni<Item> findByBarcode(List<String> forms) {
        return one(NativeSql.of("SELECT " + ITEM + " FROM item i WHERE i.sku = (SELECT b.sku FROM item_barcode b"
                + " WHERE b.barcode = ANY(CAST(:forms AS text[])) LIMIT 1)")
                .set("forms", forms.toArray(String[]::new)));
    }

    /** The facts of those of the SKUs that exist, by SKU, in one statement. */
    public Uni<Map<String, Facts>> facts(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of("""
                SELECT sku, name, kind, lot_tracked, backorder_allowed, unit_cost FROM item
                WHERE sku = ANY(CAST(:skus AS text[]))""")
                .set("skus", skus.toArray(String[]::new))
                .rows()
                .map(rows -> {
                    Map<String, Facts> facts = new HashMap<>(rows.size() * 2);
                    for (Object[] row : rows) {
                        facts.put((String) row[0], new Facts((String) row[0], (String) row[1],
                                ItemKind.valueOf((String) row[2]), (Boolean) row[3], (Boolean) row[4],
                                (BigDecimal) row[5]));
                    }
                    return facts;
                });
    }

    /**
     * Inserts new items (no barcodes, components or variant options) in one statement; an item another request
     * created meanwhile is left as it is. Returns the SKUs inserted.
     */
    public Uni<Set<String>> insertAll(List<Item> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int size = items.size();
        String[] skus = new String[size];
        String[] names = new String[size];
        String[] kinds = new String[size];
        String[] statuses = new String[size];
        Boolean[] lotTracked = new Boolean[size];
        Boolean[] backorder = new Boolean[size];
        BigDecimal[] unitCosts = new BigDecimal[size];
        Long[] revisions = new Long[size];
        for (int i = 0; i < size; i++) {
            Item item = items.get(i);
            skus[i] = item.sku;
            names[i] = item.name;
            kinds[i] = item.kind.name();
            statuses[i] = item.status.name();
            lotTracked[i] = item.lotTracked;
            backorder[i] = item.backorderAllowed;
            unitCosts[i] = item.unitCost;
            revisions[i] = item.revision;
        }
        return NativeSql.of("""
                INSERT INTO item (sku, name, kind, status, lot_tracked, backorder_allowed, unit_cost, revision)
                SELECT * FROM unnest(CAST(:skus AS text[]), CAST(:names AS text[]), CAST(:kinds AS text[]),
                                     CAST(:statuses AS text[]), CAST(:lotTracked AS boolean[]),
                                     CAST(:backorder AS boolean[]), CAST(:unitCosts AS numeric[]),
                                     CAST(:revisions AS bigint[]))
                ON CONFLICT (sku) DO NOTHING
                RETURNING sku""")
                .set("skus", skus).set("names", names).set("kinds", kinds)
                .set("statuses", statuses).set("lotTracked", lotTracked)
                .set("backorder", backorder).set("unitCosts", unitCosts)
                .set("revisions", revisions)
                .column(String.class)
                .map(HashSet::new);
    }

    private static Uni<Item> one(NativeSql query) {
        return query.first(ItemRepository::item);
    }

    private static Uni<List<Item>> all(NativeSql query) {
        return query.list(ItemRepository::item);
    }

    private static Item item(Object[] row) {
        Item item = new Item();
        item.sku = (String) row[0];
        item.name = (String) row[1];
        item.kind = ItemKind.valueOf((String) row[2]);
        item.status = ItemStatus.valueOf((String) row[3]);
        item.product = (String) row[4];
        item.optionsJson = (String) row[5];
        item.lotTracked = Rows.bool(row[6]);
        item.backorderAllowed = Rows.bool(row[7]);
        item.unitCost = (BigDecimal) row[8];
        item.revision = Rows.longValue(row[9]);
        item.createdAt = Rows.time(row[10]);
        item.barcodes = new ArrayList<>(Arrays.asList((String[]) row[11]));
        return item;
    }
}
