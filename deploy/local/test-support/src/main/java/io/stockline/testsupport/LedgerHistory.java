package io.stockline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Past days of inventory-service's ledger, for tests of what reads history (planning, reports). The API stamps every
 * movement now and the ledger refuses updates, so past days are written in SQL, straight into inventory's database:
 * movements with the deltas the API would have recorded, and the balance as their sum (its audit checks both).
 */
public final class LedgerHistory {

    /** One past movement: RECEIPT, SALE, RETURN or TRANSFER_OUT of {@code quantity} units, {@code daysAgo} days ago. */
    public record Move(int daysAgo, String type, long quantity) {
    }

    private LedgerHistory() {
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Writes the moves (oldest first) of the SKU at the location, and its balance, in one transaction. */
    public static void write(String jdbcUrl, String user, String password, String sku, String location, List<Move> moves)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            int version = 0;
            for (Move move : moves) {
                long q = move.quantity();
                LocalDate day = today().minusDays(move.daysAgo());
                version = switch (move.type()) {
                    case "RECEIPT", "SALE" -> movement(connection, move.type(), sku, location, q,
                            move.type().equals("SALE") ? -q : q, 0, 0, day, version + 1);
                    case "RETURN" -> movement(connection, "RETURN", sku, location, q, 0, q, 0, day, version + 1);
                    case "TRANSFER_OUT" -> movement(connection, "TRANSFER_OUT", sku, location, q, -q, 0, q, day,
                            version + 1);
                    default -> throw new IllegalArgumentException(move.type());
                };
            }
            try (PreparedStatement balance = connection.prepareStatement("""
                    INSERT INTO stock_level (sku, location, on_hand, available, quality_control, in_transit, version)
                    SELECT sku, location, sum(d_on_hand), sum(d_available), sum(d_quality_control), sum(d_in_transit),
                           count(*)
                    FROM movement WHERE sku = ? AND location = ? GROUP BY sku, location""")) {
                balance.setString(1, sku);
                balance.setString(2, location);
                balance.executeUpdate();
            }
            connection.commit();
        }
    }

    /** One movement of q units whose deltas to on hand are given by type: available, quality control, in transit. */
    private static int movement(Connection connection, String type, String sku, String location, long quantity,
            long available, long qualityControl, long inTransit, LocalDate day, int version) throws SQLException {
        long onHand = switch (type) {
            case "RECEIPT", "RETURN" -> quantity;
            default -> -quantity;
        };
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO movement (type, sku, location, quantity, d_on_hand, d_available, d_committed, d_reserved,
                                      d_damaged, d_quality_control, d_safety_stock, d_incoming, d_in_transit, reason,
                                      actor, resulting_version, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, ?, 0, 0, ?, 'planning test history', 'test', ?,
                        (CAST(? AS date) + time '12:00') AT TIME ZONE 'UTC')""")) {
            insert.setString(1, type);
            insert.setString(2, sku);
            insert.setString(3, location);
            insert.setLong(4, quantity);
            insert.setLong(5, onHand);
            insert.setLong(6, available);
            insert.setLong(7, qualityControl);
            insert.setLong(8, inTransit);
            insert.setLong(9, version);
            insert.setObject(10, day);
            insert.executeUpdate();
        }
        return version;
    }
}
