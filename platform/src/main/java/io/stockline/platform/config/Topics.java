package io.stockline.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code stockline.topics.*}: the names of the topics of deploy/asyncapi.yaml, one place for every service (tests and
 * deployments put them under a prefix of their own). Dead-letter topics are {@code <topic>.dlq}.
 */
@ConfigMapping(prefix = "stockline.topics")
public interface Topics {

    /** Every change of a SKU's stock at a location; key SKU. inventory → channel-connector, allocation, alert. */
    @WithDefault("inventory.stock-changed")
    String stockChanged();

    /** Item facts (status, kind, lot tracking); key SKU, compacted. inventory → channel-connector. */
    @WithDefault("inventory.items")
    String items();

    /** Location facts (coordinates, priority, countries); key location code, compacted. inventory → allocation. */
    @WithDefault("inventory.locations")
    String locations();

    /** Orders placed, cancelled, shipped; key order id. order systems → allocation. */
    @WithDefault("orders")
    String orders();

    /** Allocation decisions; key order id. allocation → order systems. */
    @WithDefault("allocations")
    String allocations();

    /** Alerts opened and resolved; key SKU (channel id for sync). alert → anyone. */
    @WithDefault("alerts")
    String alerts();

    /** Each channel's sync status; key channel id. channel-connector → alert. */
    @WithDefault("channel.sync-status")
    String syncStatus();
}
