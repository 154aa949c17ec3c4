package io.stockline.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code stockline.outbox.*}: how the relay publishes the outbox. */
@ConfigMapping(prefix = "stockline.outbox")
public interface OutboxConfig {

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** The safety net: the relay wakes on the outbox trigger's NOTIFY, and this often in case one was missed. */
    @WithDefault("1s")
    Duration pollInterval();

    /** False holds every event in the outbox (an operator draining a broker, a test of a crash before publishing). */
    @WithDefault("true")
    boolean relayEnabled();
}
