package io.stockline.inventory.lots;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import io.stockline.testsupport.Infrastructure;

/**
 * First-expired-first-out in the database function that moves lots (move_lots, V10), on the real PostgreSQL with the
 * service's own migrations: for random arrivals of lots and random departures, no unit of a later-expiring lot leaves
 * while an earlier-expiring lot at that location still has stock, the ledger (movement_lot) records exactly what each
 * departure took, and no lot's on hand goes below zero.
 */
class FefoPropertyTest {

    private static String database;
    private static Connection db;

    /** An arrival of {@code quantity} units of {@code lot} expiring {@code days} from today, or a departure (lot null). */
    record Step(String lot, int days, int quantity) {
        boolean arrival() {
            return lot != null;
        }
    }

    @BeforeContainer
    static void schema() throws SQLException {
        Infrastructure infrastructure = Infrastructure.get();
        database = infrastructure.createDatabase("fefo");
        String url = infrastructure.jdbcUrl(database);
        Flyway.configure().dataSource(url, infrastructure.pgUser(), infrastructure.pgPassword())
                .locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, infrastructure.pgUser(), infrastructure.pgPassword());
        try (var statement = db.createStatement()) {
            statement.execute("INSERT INTO location (code, name, type) VALUES ('FEFO', 'Property', 'WAREHOUSE')");
        }
    }

    @AfterContainer
    static void drop() throws SQLException {
        if (db != null) {
            db.close();
        }
        if (database != null) {
            Infrastructure.get().dropDatabase(database);
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> arrival = Combinators.combine(Arbitraries.of("L1", "L2", "L3", "L4", "L5", "L6"),
                Arbitraries.integers().between(1, 400), Arbitraries.integers().between(1, 25)).as(Step::new);
        Arbitrary<Step> departure = Arbitraries.integers().between(1, 40).map(quantity -> new Step(null, 0, quantity));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, arrival), net.jqwik.api.Tuple.of(2, departure))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 60)
    void departuresTakeTheFirstToExpireAndNoLotGoesNegative(@ForAll("steps") List<Step> steps) throws SQLException {
        String sku = "FEFO-" + UUID.randomUUID().toString().substring(0, 12);
        try (PreparedStatement item = db.prepareStatement("INSERT INTO item (sku, name, lot_tracked) VALUES (?, 'p', true)")) {
            item.setString(1, sku);
            item.executeUpdate();
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, LocalDate> expiry = new HashMap<>();
        long total = 0;
        for (Step step : steps) {
            if (step.arrival()) {
                // a lot keeps the expiry it arrived with first (a later arrival of it does not move its date here)
                LocalDate expiresOn = expiry.computeIfAbsent(step.lot(), lot -> today.plusDays(step.days()));
                move(sku, step.lot(), expiresOn, step.quantity());
                total += step.quantity();
                continue;
            }
            long quantity = Math.min(step.quantity(), total);
            if (quantity == 0) {
                continue;
            }
            Map<String, Long> before = lots(sku);
            long movement = move(sku, null, null, -quantity);
            total -= quantity;
            Map<String, Long> after = lots(sku);
            Map<String, Long> taken = taken(movement);

            assertThat(taken.values().stream().mapToLong(Long::longValue).sum()).as("the ledger names every unit taken")
                    .isEqualTo(-quantity);
            for (String lot : before.keySet()) {
                assertThat(before.get(lot) + taken.getOrDefault(lot, 0L)).as("lot %s: before plus what the ledger says", lot)
                        .isEqualTo(after.getOrDefault(lot, 0L));
            }
            for (String lot : taken.keySet()) {
                for (String earlier : before.keySet()) {
                    if (expiry.get(earlier).isBefore(expiry.get(lot))) {
                        assertThat(after.getOrDefault(earlier, 0L))
                                .as("%s (expires %s) was taken while %s (expires %s) still held stock", lot,
                                        expiry.get(lot), earlier, expiry.get(earlier))
                                .isZero();
                    }
                }
            }
        }
        Map<String, Long> held = lots(sku);
        assertThat(held.values()).allSatisfy(units -> assertThat(units).isNotNegative());
        assertThat(held.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    }

    private static long move(String sku, String lot, LocalDate expiresOn, long quantity) throws SQLException {
        long movement;
        try (PreparedStatement insert = db.prepareStatement("""
                INSERT INTO movement (type, sku, location, quantity, d_on_hand, d_available, d_committed, d_reserved,
                    d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit, actor, resulting_version)
                VALUES (?, ?, 'FEFO', ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 'property', 1) RETURNING id""")) {
            insert.setString(1, quantity > 0 ? "RECEIPT" : "SALE");
            insert.setString(2, sku);
            insert.setLong(3, Math.abs(quantity));
            insert.setLong(4, quantity);
            insert.setLong(5, quantity);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                movement = row.getLong(1);
            }
        }
        try (PreparedStatement call = db.prepareStatement("SELECT * FROM move_lots(?, ?, 'FEFO', ?, ?, ?, true)")) {
            call.setLong(1, movement);
            call.setString(2, sku);
            call.setString(3, lot);
            call.setDate(4, expiresOn == null ? null : Date.valueOf(expiresOn));
            call.setLong(5, quantity);
            call.executeQuery().close();
        }
        return movement;
    }

    private static Map<String, Long> lots(String sku) throws SQLException {
        Map<String, Long> lots = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT lot, on_hand FROM lot_balance WHERE sku = ?")) {
            query.setString(1, sku);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    lots.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return lots;
    }

    private static Map<String, Long> taken(long movement) throws SQLException {
        Map<String, Long> taken = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement("SELECT lot, quantity FROM movement_lot WHERE movement_id = ?")) {
            query.setLong(1, movement);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    taken.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return taken;
    }
}
