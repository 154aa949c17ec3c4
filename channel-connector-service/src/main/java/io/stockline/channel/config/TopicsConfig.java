package io.stockline.channel.config;

import io.smallrye.config.ConfigMapping;

/** {@code stockline.topics.*}: the topics of DESIGN.md by name (tests put them under a prefix of their own). */
@ConfigMapping(prefix = "stockline.topics")
public interface TopicsConfig {

    String stockChanged();

    String items();

    String locations();

    String orders();

    String allocations();

    String alerts();

    /** Where this service's sync status goes (through the outbox). */
    String syncStatus();
}
