package io.stockline.inventory.reporting.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stock valued two ways from the ledger, one pass per SKU in ledger order: the moving average cost (each receipt
 * re-averages the cost of the units owned; anything else leaves it as it is) and FIFO layers (each arrival is a layer;
 * units leaving take the oldest layers first). A receipt against a purchase order costs its line's unit cost, any
 * other arrival the item's unit cost, else the current average. Units owned are on hand plus in transit, so transfers
 * between locations change neither; the caller leaves transfer movements out.
 */
public final class Costing {

    /** Scale of unit costs while computing; money is rounded to cents only when shown. */
    static final int SCALE = 6;

    /** Scale of sums of money while computing. */
    public static final int SCALE_MONEY = 6;

    /**
     * One movement that changed the units owned of a standard item: {@code delta} is its change to on hand plus in
     * transit; {@code receiptCost} the purchase order line's unit cost of a receipt against an order (else null).
     */
    public record Movement(String sku, String location, String type, long delta, OffsetDateTime at,
            BigDecimal receiptCost, BigDecimal itemCost) {
    }

    /** Units still held from one arrival, at its unit cost. */
    public record Layer(long quantity, BigDecimal unitCost, LocalDate receivedOn) {

        public BigDecimal value() {
            return unitCost.multiply(BigDecimal.valueOf(quantity));
        }
    }

    /**
     * A SKU's costs now: units owned, the moving average unit cost, the FIFO layers (oldest first), and the cost of
     * the units sold (SALE and COMMIT) in the window asked for, at the moving average of the moment they left.
     */
    public record SkuCost(String sku, long owned, BigDecimal movingAverageCost, List<Layer> layers, long unitsSold,
            BigDecimal costOfGoodsSold) {
    }

    private Costing() {
    }

    /**
     * @param movements every movement of the SKUs that changed units owned, in ledger order per SKU
     * @param from      the window's start (included) for the cost of goods sold
     * @param until     its end (excluded)
     * @param location  only sales at this location count in the cost of goods sold (null: every location)
     */
    public static Map<String, SkuCost> costs(List<Movement> movements, OffsetDateTime from, OffsetDateTime until,
            String location) {
        Map<String, Running> running = new LinkedHashMap<>();
        for (Movement m : movements) {
            running.computeIfAbsent(m.sku(), Running::new).apply(m, from, until, location);
        }
        Map<String, SkuCost> costs = new LinkedHashMap<>();
        running.forEach((sku, r) -> costs.put(sku, r.result()));
        return costs;
    }

    /** The layers that hold {@code units}, newest first: what is left after the oldest left first. */
    public static List<Layer> newest(List<Layer> oldestFirst, long units) {
        List<Layer> held = new ArrayList<>();
        long left = units;
        for (int i = oldestFirst.size() - 1; i >= 0 && left > 0; i--) {
            Layer layer = oldestFirst.get(i);
            long take = Math.min(left, layer.quantity());
            held.add(new Layer(take, layer.unitCost(), layer.receivedOn()));
            left -= take;
        }
        return held;
    }

    public static BigDecimal value(List<Layer> layers) {
        return layers.stream().map(Layer::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static final class Running {
        private final String sku;
        private long owned;
        private BigDecimal average = BigDecimal.ZERO;
        private final Deque<Layer> layers = new ArrayDeque<>();
        private long sold;
        private BigDecimal cogs = BigDecimal.ZERO;

        Running(String sku) {
            this.sku = sku;
        }

        void apply(Movement m, OffsetDateTime from, OffsetDateTime until, String location) {
            if (m.delta() > 0) {
                BigDecimal cost = m.receiptCost() != null ? m.receiptCost()
                        : m.itemCost() != null ? m.itemCost() : average;
                if (m.type().equals("RECEIPT") || owned <= 0) {
                    // Re-average: (owned x average + arriving x cost) / (owned + arriving).
                    BigDecimal total = average.multiply(BigDecimal.valueOf(Math.max(owned, 0)))
                            .add(cost.multiply(BigDecimal.valueOf(m.delta())));
                    average = total.divide(BigDecimal.valueOf(Math.max(owned, 0) + m.delta()), SCALE,
                            RoundingMode.HALF_UP);
                } else {
                    // A return, a count or an adjustment up comes back at the cost the units already carry.
                    cost = average;
                }
                layers.addLast(new Layer(m.delta(), cost, m.at().toLocalDate()));
                owned += m.delta();
                return;
            }
            long leaving = -m.delta();
            owned -= leaving;
            boolean sale = m.type().equals("SALE") || m.type().equals("COMMIT");
            if (sale && !m.at().isBefore(from) && m.at().isBefore(until)
                    && (location == null || location.equals(m.location()))) {
                sold += leaving;
                cogs = cogs.add(average.multiply(BigDecimal.valueOf(leaving)));
            }
            while (leaving > 0 && !layers.isEmpty()) {
                Layer oldest = layers.pollFirst();
                if (oldest.quantity() > leaving) {
                    layers.addFirst(new Layer(oldest.quantity() - leaving, oldest.unitCost(), oldest.receivedOn()));
                    leaving = 0;
                } else {
                    leaving -= oldest.quantity();
                }
            }
        }

        SkuCost result() {
            return new SkuCost(sku, owned, average, List.copyOf(layers), sold, cogs);
        }
    }
}
