package io.stockline.inventory.reporting.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Stock by age of its FIFO layer: 0-30, 31-90, 91-180 and over 180 days since it arrived. */
public final class Aging {

    /** Units and value in each bucket. */
    public record Buckets(long units0to30, BigDecimal value0to30, long units31to90, BigDecimal value31to90,
            long units91to180, BigDecimal value91to180, long unitsOver180, BigDecimal valueOver180) {

        static Buckets empty() {
            return new Buckets(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
        }

        public Buckets plus(Buckets o) {
            return new Buckets(units0to30 + o.units0to30, value0to30.add(o.value0to30), units31to90 + o.units31to90,
                    value31to90.add(o.value31to90), units91to180 + o.units91to180, value91to180.add(o.value91to180),
                    unitsOver180 + o.unitsOver180, valueOver180.add(o.valueOver180));
        }
    }

    private Aging() {
    }

    public static Buckets of(List<Costing.Layer> layers, LocalDate asOf) {
        Buckets b = Buckets.empty();
        for (Costing.Layer layer : layers) {
            long age = ChronoUnit.DAYS.between(layer.receivedOn(), asOf);
            long u = layer.quantity();
            BigDecimal v = layer.value();
            Buckets one;
            if (age <= 30) {
                one = new Buckets(u, v, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
            } else if (age <= 90) {
                one = new Buckets(0, BigDecimal.ZERO, u, v, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO);
            } else if (age <= 180) {
                one = new Buckets(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, u, v, 0, BigDecimal.ZERO);
            } else {
                one = new Buckets(0, BigDecimal.ZERO, 0, BigDecimal.ZERO, 0, BigDecimal.ZERO, u, v);
            }
            b = b.plus(one);
        }
        return b;
    }
}
