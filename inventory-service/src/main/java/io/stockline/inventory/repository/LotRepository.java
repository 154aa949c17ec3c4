package io.stockline.inventory.repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.LotQuantity;
import io.stockline.platform.sql.NativeSql;

/** The lots of lot-tracked items, changed with on hand by the database function move_lots (V10). */
@ApplicationScoped
public class LotRepository {

    /**
     * Applies an on-hand change to the item's lots at the location in the caller's transaction, recording under the
     * movement which lots it moved (database function move_lots, V10); returns the lots held afterwards, or null when
     * the item is not lot-tracked. {@code fromAvailable}: the units leave sellable stock, so lots that have not
     * expired go first; otherwise expired units go first.
     */
    public Uni<List<LotQuantity>> moveLots(long movementId, String sku, String location, String lot,
            LocalDate expiresOn, long onHandChange, boolean fromAvailable) {
        return NativeSql.of("""
                SELECT lot, expires_on, on_hand
                FROM move_lots(:movement, :sku, :location, :lot, :expiresOn, :quantity, :fromAvailable)""")
                .set("movement", movementId).set("sku", sku).set("location", location)
                .set("lot", lot).set("expiresOn", expiresOn).set("quantity", onHandChange)
                .set("fromAvailable", fromAvailable)
                .rows()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    List<LotQuantity> lots = new ArrayList<>();
                    for (Object[] row : rows) {
                        if (row[0] != null) {
                            lots.add(new LotQuantity((String) row[0], toDate(row[1]), ((Number) row[2]).longValue()));
                        }
                    }
                    return lots;
                });
    }

    public Uni<List<LotQuantity>> lots(String sku, String location) {
        return NativeSql.of("""
                SELECT lot, expires_on, on_hand FROM lot_balance
                WHERE sku = :sku AND location = :location AND on_hand > 0
                ORDER BY expires_on NULLS LAST, lot""")
                .set("sku", sku).set("location", location)
                .list(row -> new LotQuantity((String) row[0], toDate(row[1]), ((Number) row[2]).longValue()));
    }

    /** A lot of an item at one location: units on hand, and how many of them expired (out of available). */
    public record HeldLot(String location, String lot, LocalDate expiresOn, long onHand, long expired) {
    }

    /** One ledger entry's part in a lot: the movement, the signed change to the lot, and the order it shipped for. */
    public record LotMovement(long movementId, String type, String location, long quantity, String reference,
            String orderId, java.time.OffsetDateTime at) {
    }

    /** What one movement did to one lot: the signed change to its on hand. */
    public record MovedLot(String lot, long quantity) {
    }

    /** The lots each of the movements moved, by movement id (movements that moved none are absent). */
    public Uni<java.util.Map<Long, List<MovedLot>>> movedBy(List<Long> movementIds) {
        if (movementIds.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return NativeSql.of("""
                SELECT movement_id, lot, quantity FROM movement_lot WHERE movement_id = ANY(CAST(:ids AS bigint[]))
                ORDER BY movement_id, lot""")
                .set("ids", movementIds.toArray(Long[]::new)).rows()
                .map(rows -> {
                    java.util.Map<Long, List<MovedLot>> moved = new java.util.HashMap<>();
                    for (Object[] row : rows) {
                        moved.computeIfAbsent(((Number) row[0]).longValue(), id -> new ArrayList<>())
                                .add(new MovedLot((String) row[1], ((Number) row[2]).longValue()));
                    }
                    return moved;
                });
    }

    /** Every lot of the item held anywhere, soonest to expire first. */
    public Uni<List<HeldLot>> held(String sku) {
        return heldWhere("b.sku = :sku AND b.on_hand > 0", sku, null);
    }

    /** Where one lot is, including places it was emptied from (on hand 0), so a recall sees every row. */
    public Uni<List<HeldLot>> heldOfLot(String sku, String lot) {
        return heldWhere("b.sku = :sku AND b.lot = :lot", sku, lot);
    }

    private Uni<List<HeldLot>> heldWhere(String where, String sku, String lot) {
        NativeSql query = NativeSql.of("SELECT b.location, b.lot, b.expires_on, b.on_hand, b.expired"
                + " FROM lot_balance b WHERE " + where + " ORDER BY b.expires_on NULLS LAST, b.lot, b.location")
                .set("sku", sku);
        if (lot != null) {
            query.set("lot", lot);
        }
        return query.list(row -> new HeldLot((String) row[0], (String) row[1],
                toDate(row[2]), ((Number) row[3]).longValue(), ((Number) row[4]).longValue()));
    }

    /** Every ledger entry that moved the lot, oldest first, with the order behind each committed reservation. */
    public Uni<List<LotMovement>> movementsOf(String sku, String lot) {
        return NativeSql.of("""
                SELECT m.id, m.type, ml.location, ml.quantity, m.reference, r.order_id, m.created_at
                FROM movement_lot ml
                JOIN movement m ON m.id = ml.movement_id
                LEFT JOIN reservation r ON m.type = 'COMMIT' AND r.id::text = m.reference
                WHERE ml.sku = :sku AND ml.lot = :lot
                ORDER BY m.id""")
                .set("sku", sku).set("lot", lot)
                .list(row -> new LotMovement(((Number) row[0]).longValue(), (String) row[1],
                        (String) row[2], ((Number) row[3]).longValue(), (String) row[4], (String) row[5],
                        MovementRepository.toOffsetDateTime(row[6])));
    }

    /** A lot at a location whose expiry date has come. */
    public record DueLot(String sku, String location, String lot, LocalDate expiresOn) {
    }

    /**
     * Lots whose expiry date is {@code today} or past with units not yet taken out of available, in (date, SKU,
     * location, lot) order after {@code after} (null: from the first), up to {@code limit}.
     */
    public Uni<List<DueLot>> dueToExpire(LocalDate today, DueLot after, int limit) {
        return NativeSql.of("""
                SELECT sku, location, lot, expires_on FROM lot_balance
                WHERE expires_on <= :today AND on_hand > expired
                  AND (CAST(:afterDate AS date) IS NULL
                       OR (expires_on, sku, location, lot) > (CAST(:afterDate AS date), :afterSku, :afterLocation, :afterLot))
                ORDER BY expires_on, sku, location, lot LIMIT :limit""")
                .set("today", today).set("limit", limit)
                .set("afterDate", after == null ? null : after.expiresOn())
                .set("afterSku", after == null ? null : after.sku())
                .set("afterLocation", after == null ? null : after.location())
                .set("afterLot", after == null ? null : after.lot())
                .list(row -> new DueLot((String) row[0], (String) row[1], (String) row[2],
                        toDate(row[3])));
    }

    /** The lot's row, locked for the caller's transaction (null when there is none). */
    public Uni<HeldLot> lock(String sku, String location, String lot) {
        return NativeSql.of("""
                SELECT location, lot, expires_on, on_hand, expired FROM lot_balance
                WHERE sku = :sku AND location = :location AND lot = :lot FOR UPDATE""")
                .set("sku", sku).set("location", location).set("lot", lot)
                .first(row -> new HeldLot((String) row[0], (String) row[1],
                        toDate(row[2]), ((Number) row[3]).longValue(),
                        ((Number) row[4]).longValue()));
    }

    /** Counts {@code units} more of the lot as expired; false (nothing changed) if that would pass its on hand. */
    public Uni<Boolean> markExpired(String sku, String location, String lot, long units) {
        return NativeSql.of("""
                UPDATE lot_balance SET expired = expired + :units
                WHERE sku = :sku AND location = :location AND lot = :lot AND expired + :units <= on_hand""")
                .set("units", units).set("sku", sku).set("location", location)
                .set("lot", lot).update()
                .map(updated -> updated == 1);
    }

    /** One on-hand change of many, for {@link #applyOnHandChanges}. */
    public record LotChange(long movementId, String sku, String location, String lot, LocalDate expiresOn,
            long onHandChange) {
    }

    /**
     * {@link #moveLots} for many (SKU, location) pairs in one statement, one change per pair; returns the
     * lots held afterwards by {@link #key} of the pair, absent for items that are not lot-tracked.
     */
    public Uni<Map<String, List<LotQuantity>>> applyOnHandChanges(List<LotChange> changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        int size = changes.size();
        Long[] movementIds = new Long[size];
        String[] skus = new String[size];
        String[] locations = new String[size];
        String[] lots = new String[size];
        String[] expiries = new String[size];
        Long[] quantities = new Long[size];
        for (int i = 0; i < size; i++) {
            LotChange change = changes.get(i);
            movementIds[i] = change.movementId();
            skus[i] = change.sku();
            locations[i] = change.location();
            lots[i] = change.lot();
            expiries[i] = change.expiresOn() == null ? null : change.expiresOn().toString();
            quantities[i] = change.onHandChange();
        }
        return NativeSql.of("""
                SELECT c.sku, c.location, l.lot, l.expires_on, l.on_hand
                FROM unnest(CAST(:movements AS bigint[]), CAST(:skus AS text[]), CAST(:locations AS text[]),
                            CAST(:lots AS text[]), CAST(:expiries AS text[]), CAST(:quantities AS bigint[])) WITH ORDINALITY
                     AS c(movement, sku, location, lot, expires_on, quantity, n)
                CROSS JOIN LATERAL move_lots(c.movement, c.sku, c.location, c.lot, CAST(c.expires_on AS date),
                                             c.quantity, true) l
                ORDER BY c.n""")
                .set("movements", movementIds).set("skus", skus).set("locations", locations).set("lots", lots)
                .set("expiries", expiries).set("quantities", quantities)
                .rows()
                .map(rows -> {
                    Map<String, List<LotQuantity>> held = new HashMap<>();
                    for (Object[] row : rows) {
                        List<LotQuantity> lotsHeld = held.computeIfAbsent(key((String) row[0], (String) row[1]),
                                k -> new ArrayList<>());
                        if (row[2] != null) {
                            lotsHeld.add(new LotQuantity((String) row[2], toDate(row[3]), ((Number) row[4]).longValue()));
                        }
                    }
                    return held;
                });
    }

    /** The key of a (SKU, location) pair in the answer of {@link #applyOnHandChanges}. */
    public static String key(String sku, String location) {
        return sku + '\u0000' + location;
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
