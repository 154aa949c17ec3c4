package io.stockline.inventory;

import static io.restassured.RestAssured.given;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.stockline.inventory.planning.domain.DemandDay;
import io.stockline.testsupport.LedgerHistory;

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

    /** Writes the history of the SKU at the location, and its balance, in one transaction. */
    static void write(String jdbcUrl, String user, String password, String sku, String location, History history)
            throws SQLException {
        List<LedgerHistory.Move> moves = new ArrayList<>();
        moves.add(new LedgerHistory.Move(history.sales().length + 1, "RECEIPT", history.received()));
        for (int i = 0; i < history.sales().length; i++) {
            int ago = history.sales().length - i;
            if (ago == 30 && history.transferredThirtyDaysAgo() > 0) {
                moves.add(new LedgerHistory.Move(ago, "TRANSFER_OUT", history.transferredThirtyDaysAgo()));
            }
            if (ago == 10 && history.returnedTenDaysAgo() > 0) {
                moves.add(new LedgerHistory.Move(ago, "RETURN", history.returnedTenDaysAgo()));
            }
            if (history.sales()[i] > 0) {
                moves.add(new LedgerHistory.Move(ago, "SALE", history.sales()[i]));
            }
        }
        LedgerHistory.write(jdbcUrl, user, password, sku, location, moves);
    }

    /** Writes the moves (oldest first) of the SKU at the location, and its balance, in one transaction. */
    static void write(String jdbcUrl, String user, String password, String sku, String location,
            List<LedgerHistory.Move> moves) throws SQLException {
        LedgerHistory.write(jdbcUrl, user, password, sku, location, moves);
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
