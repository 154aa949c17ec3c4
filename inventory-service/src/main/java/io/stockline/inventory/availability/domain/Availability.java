package io.stockline.inventory.availability.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Is it in stock, and when does it come back?": the units available now (per location), else the open supply taken
 * earliest first until the quantity asked for is covered, else a new order from the quickest supplier.
 */
public final class Availability {

    /** Units available now at one location. */
    public record AtLocation(String location, long available) {
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
        // Not enough on the way: the rest needs a new order from the supplier that can deliver first.
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
}
