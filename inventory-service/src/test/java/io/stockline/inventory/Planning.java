package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.stockline.inventory.planning.domain.DemandDay;

/**
 * Planning as the tests set it up: suppliers with terms, and sales history in the ledger. The API stamps every
 * movement now and the ledger refuses updates, so past days are written in SQL: movements with the deltas the API
 * would have recorded, and the balance as their sum (the audit checks both).
 */
final class Planning {

    static final String PLANNING = "/api/v1/planning";

    private Planning() {
    }

    /** A supplier in EUR with these terms; its code. */
    static String supplier(int leadTimeDays, long minimum, long multiple) {
        String code = Api.unique("PSUP");
        Map<String, Object> body = new HashMap<>(Purchasing.supplierBody(code, false));
        body.put("leadTimeDays", leadTimeDays);
        body.put("minimumOrderQuantity", minimum);
        body.put("orderMultiple", multiple);
        given().contentType(ContentType.JSON).body(body).post("/api/v1/suppliers").then().statusCode(201);
        return code;
    }

    static void sells(String supplier, String sku, String unitCost) {
        given().contentType(ContentType.JSON).body(Map.of("unitCost", unitCost, "packSize", 1))
                .put("/api/v1/suppliers/" + supplier + "/items/" + sku).then().statusCode(200);
    }

    /** The day the tests and the service call today (UTC, the configured zone). */
    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** What the ledger gets: a receipt the day before the sales, the sales up to yesterday, and extras. */
    record History(long[] sales, long leftOver, long returnedTenDaysAgo, long transferredThirtyDaysAgo) {

        LocalDate receivedOn() {
            return today().minusDays(sales.length + 1L);
        }

        long received() {
            long sum = leftOver + transferredThirtyDaysAgo;
            for (long sold : sales) {
                sum += sold;
            }
            return sum;
        }

        /**
         * The days the service should read, oldest first: no stock (stockout) up to the receipt's day, then the sales;
         * promotion days as given (days ago, from 1).
         */
        List<DemandDay> demand(int historyDays, int promotionFromDaysAgo, int promotionToDaysAgo) {
            List<DemandDay> days = new ArrayList<>();
            for (int ago = historyDays; ago >= 1; ago--) {
                LocalDate day = today().minusDays(ago);
                boolean promotion = ago <= promotionFromDaysAgo && ago >= promotionToDaysAgo;
                if (ago > sales.length) {
                    days.add(new DemandDay(day, 0, true, promotion));
                } else {
                    days.add(new DemandDay(day, sales[sales.length - ago], false, promotion));
                }
            }
            return days;
        }
    }

    /** One past movement: RECEIPT, SALE, RETURN or TRANSFER_OUT of {@code quantity} units, {@code daysAgo} days ago. */
    record Move(int daysAgo, String type, long quantity) {
    }

    /** Writes the history of the SKU at the location, and its balance, in one transaction. */
    static void write(String jdbcUrl, String user, String password, String sku, String location, History history)
            throws SQLException {
        List<Move> moves = new ArrayList<>();
        moves.add(new Move(history.sales().length + 1, "RECEIPT", history.received()));
        for (int i = 0; i < history.sales().length; i++) {
            int ago = history.sales().length - i;
            if (ago == 30 && history.transferredThirtyDaysAgo() > 0) {
                moves.add(new Move(ago, "TRANSFER_OUT", history.transferredThirtyDaysAgo()));
            }
            if (ago == 10 && history.returnedTenDaysAgo() > 0) {
                moves.add(new Move(ago, "RETURN", history.returnedTenDaysAgo()));
            }
            if (history.sales()[i] > 0) {
                moves.add(new Move(ago, "SALE", history.sales()[i]));
            }
        }
        write(jdbcUrl, user, password, sku, location, moves);
    }

    /** Writes the moves (oldest first) of the SKU at the location, and its balance, in one transaction. */
    static void write(String jdbcUrl, String user, String password, String sku, String location, List<Move> moves)
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

    /** About ten a day for the days given, oldest first (8 to 12, so the spread is not zero). */
    static long[] aboutTenADay(int days) {
        long[] sales = new long[days];
        for (int i = 0; i < days; i++) {
            sales[i] = 8 + (i * 7) % 5;
        }
        return sales;
    }
}
