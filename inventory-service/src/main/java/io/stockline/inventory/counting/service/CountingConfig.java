package io.stockline.inventory.counting.service;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.AbcThresholds;
import io.stockline.inventory.counting.domain.CountIntervals;
import io.stockline.inventory.counting.domain.Tolerance;

/** {@code stockline.counting.*}: ABC thresholds, the count schedule, when a count asks for a recount, accuracy. */
@ConfigMapping(prefix = "stockline.counting")
public interface CountingConfig {

    Abc abc();

    Schedule schedule();

    Recount recount();

    AccuracyTolerance accuracy();

    interface Abc {
        /** Cumulative share of consumption value that makes A (80) and B (the next 15); C is the rest (5). */
        @WithDefault("80")
        int aPercent();

        @WithDefault("15")
        int bPercent();

        /** The consumption window, in months back from now. */
        @WithDefault("12")
        int months();

        /** Cron of the scheduled recompute (quarkus-scheduler; "off" switches it off). Read by the scheduler. */
        @WithDefault("0 0 2 * * ?")
        String cron();

        default AbcThresholds thresholds() {
            return new AbcThresholds(aPercent(), bPercent());
        }
    }

    interface Schedule {
        @WithDefault("1")
        int aMonths();

        @WithDefault("3")
        int bMonths();

        @WithDefault("6")
        int cMonths();

        /** A SKU due within this many days is proposed now. */
        @WithDefault("7")
        int horizonDays();

        /** Cron of the scheduled proposal at every location ("off" switches it off). Read by the scheduler. */
        @WithDefault("0 30 2 * * ?")
        String cron();

        default CountIntervals intervals() {
            return new CountIntervals(aMonths(), bMonths(), cMonths());
        }
    }

    /**
     * A first count further from the system than this asks for a recount: more than {@code units} units off and more
     * than {@code percent} % of the system's quantity off. {@code per-class.<A|B|C>.units/percent} tighten or loosen
     * it for one class.
     */
    interface Recount {
        @WithDefault("2")
        long units();

        @WithDefault("5")
        int percent();

        @WithName("per-class")
        Map<String, Limit> perClass();

        default Tolerance tolerance(AbcClass abcClass) {
            Limit limit = perClass().get(abcClass.name());
            return limit == null ? new Tolerance(units(), percent()) : new Tolerance(limit.units(), limit.percent());
        }
    }

    interface Limit {
        @WithDefault("0")
        long units();

        @WithDefault("0")
        int percent();
    }

    /** A count is accurate when within this of the system (exact by default). */
    interface AccuracyTolerance {
        @WithDefault("0")
        long units();

        @WithDefault("0")
        int percent();

        default Tolerance tolerance() {
            return new Tolerance(units(), percent());
        }
    }
}
