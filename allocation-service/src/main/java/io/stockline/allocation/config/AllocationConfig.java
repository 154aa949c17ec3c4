package io.stockline.allocation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "stockline.allocation")
public interface AllocationConfig {

    /** Plans tried per order when inventory refuses (stock moved since the read model saw it). */
    @WithDefault("5")
    int maxAttempts();

    /** How long an unpaid order's hold lasts before inventory gives the units back. */
    @WithDefault("PT30M")
    Duration unpaidHold();

    /** How often backorders whose SKUs gained stock are planned again (the scheduler reads it, as "30s"). */
    @WithDefault("30s")
    String backorderRetryEvery();

    /**
     * How long a backorder taken up again may sit PENDING, its round unfinished (inventory away, the instance
     * killed), before the sweep resumes it.
     */
    @WithDefault("PT1M")
    Duration stalledRoundAfter();

    /**
     * Orders of different ids this instance works on at once (each order's own events still one after another, in
     * the order the topic holds them): an order spends most of its time waiting for inventory and the database, so
     * one at a time left both instances idle between holds.
     */
    @WithDefault("16")
    int ordersInFlight();

    /**
     * How the orders in flight share their local transactions: the first step of each new order (plan, store the plan),
     * the decision of each allocated one and the replan of each that ran short are gathered into groups, each group one
     * transaction (a replan group: one more, its fresh figures).
     */
    StepGroup stepGroup();

    interface StepGroup {

        /**
         * How long the first order of a group waits for others to join it. The orders of one poll reach each step
         * within a millisecond or two of each other; a group costs the database one commit and each statement one
         * round trip for all of them.
         */
        @WithDefault("PT0.002S")
        Duration window();

        /** Orders per group, sent at once when reached. 1 runs each order's step in a transaction of its own. */
        @WithDefault("32")
        int maxSize();

        /**
         * Groups of one step out at once; the orders that come meanwhile gather into the next group, which goes as one
         * comes back.
         */
        @WithDefault("2")
        int maxInFlight();
    }

    /** How the holds of the orders in flight are gathered into inventory's batch reservations. */
    HoldBatch holdBatch();

    interface HoldBatch {

        /**
         * How long the first hold of a batch waits for others to join it: the orders in flight ask for their holds
         * within a millisecond or two of each other, and one call holding them all costs inventory one commit
         * instead of one each.
         */
        @WithDefault("PT0.002S")
        Duration window();

        /**
         * Holds per batch call, sent at once when reached (inventory takes up to 500). 1 sends each hold alone, as
         * {@code POST /api/v1/reservations}.
         */
        @WithDefault("100")
        int maxSize();
    }
}
