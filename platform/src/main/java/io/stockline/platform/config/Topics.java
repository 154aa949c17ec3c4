package io.stockline.platform.config;

import io.smallrye.config.ConfigMapping;

/**
 * {@code stockline.topics.*}: the names of the topics of deploy/asyncapi.yaml, one place for every service (tests and
 * deployments put them under a prefix of their own). Their defaults are in the platform's
 * {@code META-INF/microprofile-config.properties}, so channel settings can name them as {@code ${stockline.topics.x}}.
 * Dead-letter topics are {@code <topic>.dlq}.
 */
@ConfigMapping(prefix = "stockline.topics")
public interface Topics {

    /** Every change of a SKU's stock at a location; key SKU. inventory → channel-connector, allocation, alert. */
    String stockChanged();

    /** Item facts (status, kind, lot tracking); key SKU, compacted. inventory → channel-connector. */
    String items();

    /** Location facts (coordinates, priority, countries); key location code, compacted. inventory → allocation. */
    String locations();

    /** Orders placed, cancelled, shipped; key order id. order systems → allocation. */
    String orders();

    /** Allocation decisions; key order id. allocation → order systems. */
    String allocations();

    /** Alerts opened and resolved; key SKU (channel id for sync). alert → anyone. */
    String alerts();

    /** Each channel's sync status; key channel id. channel-connector → alert. */
    String syncStatus();

    /** Each SKU's computed reorder point at a location; key {@code sku|location}, compacted. inventory → alert. */
    String reorderPoints();
}
