package io.stockline.inventory.planning.service;

import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stockline.inventory.counting.domain.AbcClass;

/**
 * {@code stockline.planning.*}: the service level of each ABC class (an item's own overrides it), how many days of
 * ledger the forecasts read, the zone whose midnight ends a day, and the cron of the refresh ("off" switches it off).
 */
@ConfigMapping(prefix = "stockline.planning")
public interface PlanningConfig {

    ServiceLevel serviceLevel();

    /** Days of history before today (today is not over, so it is left out). */
    @WithDefault("365")
    int historyDays();

    @WithDefault("UTC")
    ZoneId zone();

    /** Cron of the scheduled refresh of every SKU x location. Read by the scheduler. */
    @WithDefault("0 0 3 * * ?")
    String refresh();

    interface ServiceLevel {
        @WithDefault("0.98")
        double a();

        @WithDefault("0.95")
        double b();

        @WithDefault("0.90")
        double c();

        default double of(AbcClass abcClass) {
            return switch (abcClass) {
                case A -> a();
                case B -> b();
                case C -> c();
            };
        }
    }
}
