package io.stockline.inventory.availability.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Is it in stock, and when does it come back?": the units available now (per location), else the open supply taken
 * earliest first until the quantity asked for is covered, else the next order of the planning feature's reorder
 * policy, else (no policy, or one whose forecast never brings stock down to its reorder point) a new order from the
 * quickest supplier.
 */
public final class Availability {

    /** Ten years: a policy's next order further out than that is not shown as a supply. */
    static final double ORDER_HORIZON_DAYS = 3650;

    /** Units available now at one location. */
    public record AtLocation(String location, long available) {
    }

    /**
     * The reorder policy planning keeps for the item at one location: it orders from {@code supplier} when available
     * there is at or under {@code reorderPoint}; demand runs at {@code dailyForecast} units a day; the order takes
     * {@code leadTimeDays} (measured over the supplier's receipts when {@code leadTimeMeasured}, else its nominal days).
     */
    public record Policy(String location, String supplier, long reorderPoint, double dailyForecast,
            double leadTimeDays, boolean leadTimeMeasured) {
    }

    /** A supply used in the answer, with the day it is due (never before today) and the units due by then. */
    public record Due(Supply supply, LocalDate on, boolean late, long cumulative) {
    }

    /**
     * The answer: available now; when that is short, the day the quantity should be there ({@code expectedOn}, null
     * when unknown) and the units there by that day ({@code expectedQuantity}: available now plus the supply due).
     */
    public record Answer(long quantity, long available, boolean inStock, List<AtLocation> locations,
            LocalDate expectedOn, long expectedQuantity, Confidence confidence, List<Due> supply) {
    }

    private Availability() {
    }

    /**
     * @param stock      what is available now at each location in scope (locations with none may be left out)
     * @param open       open purchase order lines and transfers in transit to the locations in scope
     * @param suppliers  the suppliers that sell the item, with their lead time (quantity 0)
     */
    public static Answer answer(long quantity, List<AtLocation> stock, List<Supply> open, List<Supply> suppliers,
            LocalDate today) {
        return answer(quantity, stock, open, suppliers, List.of(), today);
    }

    /**
     * @param stock      what is available now at each location in scope (locations with none may be left out)
     * @param open       open purchase order lines and transfers in transit to the locations in scope
     * @param suppliers  the suppliers that sell the item, with their lead time (quantity 0)
     * @param policies   the reorder policies of the item at the locations in scope
     */
    public static Answer answer(long quantity, List<AtLocation> stock, List<Supply> open, List<Supply> suppliers,
            List<Policy> policies, LocalDate today) {
        List<AtLocation> held = stock.stream().filter(s -> s.available() > 0)
                .sorted(Comparator.comparingLong(AtLocation::available).reversed().thenComparing(AtLocation::location))
                .toList();
        long available = held.stream().mapToLong(AtLocation::available).sum();
        if (available >= quantity) {
            return new Answer(quantity, available, true, held, today, available, Confidence.HIGH, List.of());
        }
        List<Supply> earliestFirst = open.stream().filter(s -> s.quantity() > 0)
                .sorted(Comparator.comparing(Supply::date).thenComparing(Supply::reference)).toList();
        List<Due> used = new ArrayList<>();
        long cumulative = available;
        boolean measured = true;
        for (Supply supply : earliestFirst) {
            cumulative += supply.quantity();
            LocalDate date = supply.date();
            // An order that is late is still expected; it cannot come before today.
            boolean late = date.isBefore(today);
            used.add(new Due(supply, late ? today : date, late, cumulative));
            measured &= supply.basis().measured();
            if (cumulative >= quantity) {
                Due last = used.get(used.size() - 1);
                return new Answer(quantity, available, false, held, last.on(), cumulative,
                        measured ? Confidence.MEDIUM : Confidence.LOW, used);
            }
        }
        // Not enough on the way: the rest comes with the policy's next order, the earliest of the locations in scope.
        Supply next = nextPolicyOrder(policies, stock, quantity - cumulative, today);
        if (next != null) {
            LocalDate on = next.date();
            LocalDate lastOpen = used.isEmpty() ? on : used.get(used.size() - 1).on();
            used.add(new Due(next, on, false, quantity));
            return new Answer(quantity, available, false, held, on.isBefore(lastOpen) ? lastOpen : on, quantity,
                    measured && next.basis().measured() ? Confidence.MEDIUM : Confidence.LOW, used);
        }
        // No policy orders: the rest needs a new order from the supplier that can deliver first.
        Supply quickest = suppliers.stream()
                .min(Comparator.comparing((Supply s) -> today.plusDays((long) Math.ceil(s.days() == null ? 0 : s.days())))
                        .thenComparing(Supply::reference))
                .orElse(null);
        if (quickest == null) {
            return new Answer(quantity, available, false, held, null, cumulative, Confidence.UNKNOWN, used);
        }
        Supply reorder = new Supply(Supply.Source.SUPPLIER, quickest.reference(), null, quantity - cumulative, null,
                today, quickest.days(), quickest.basis());
        LocalDate on = reorder.date();
        LocalDate lastOpen = used.isEmpty() ? on : used.get(used.size() - 1).on();
        LocalDate expected = on.isBefore(lastOpen) ? lastOpen : on;
        used.add(new Due(reorder, on, false, quantity));
        return new Answer(quantity, available, false, held, expected, quantity, Confidence.LOW, used);
    }

    /**
     * The order each policy places next, as a supply of the {@code missing} units: today when available at its
     * location is at or under the reorder point, else after the days the forecast demand takes to bring it down
     * there (rounded up); due after the lead time. A policy forecasting no demand above its reorder point never
     * orders by itself and gives none. The earliest due wins (measured before nominal, then by location).
     */
    static Supply nextPolicyOrder(List<Policy> policies, List<AtLocation> stock, long missing, LocalDate today) {
        Supply earliest = null;
        for (Policy policy : policies) {
            long there = stock.stream().filter(s -> s.location().equals(policy.location()))
                    .mapToLong(AtLocation::available).sum();
            LocalDate ordersOn;
            if (there <= policy.reorderPoint()) {
                ordersOn = today;
            } else if (policy.dailyForecast() > 0
                    && (there - policy.reorderPoint()) / policy.dailyForecast() <= ORDER_HORIZON_DAYS) {
                // A hair under a whole day is that day, not the next (floating point division).
                ordersOn = today.plusDays((long) Math.ceil((there - policy.reorderPoint()) / policy.dailyForecast()
                        - 1e-9));
            } else {
                // No demand, or so little (a forecast left a hair above zero) that the order falls beyond any date
                // worth naming, or beyond the calendar's range: as good as never by itself.
                continue;
            }
            Supply order = new Supply(Supply.Source.REORDER_POLICY, policy.supplier(), policy.location(), missing,
                    null, ordersOn, policy.leadTimeDays(), policy.leadTimeMeasured() ? Supply.Basis.MEASURED_LEAD_TIME
                            : Supply.Basis.SUPPLIER_LEAD_TIME);
            if (earliest == null || before(order, earliest)) {
                earliest = order;
            }
        }
        return earliest;
    }

    private static boolean before(Supply a, Supply b) {
        return Comparator.comparing(Supply::date)
                .thenComparing((Supply s) -> !s.basis().measured())
                .thenComparing(Supply::location).compare(a, b) < 0;
    }
}
