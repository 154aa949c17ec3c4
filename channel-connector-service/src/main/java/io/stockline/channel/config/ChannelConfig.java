package io.stockline.channel.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The channel this instance feeds, until channels are managed through the API. */
@ConfigMapping(prefix = "stockline.channel")
public interface ChannelConfig {

    /** The channel's name, as it appears in sync state and pushes. */
    @WithDefault("webshop")
    String name();

    /** Units held back from the channel. */
    @WithDefault("0")
    long buffer();

    /** A SKU the channel still does not hold the right number of is pushed again after this long. */
    @WithDefault("10s")
    Duration retryAfter();

    /** The locations whose stock the channel sells; all when empty. */
    Optional<List<String>> locations();
}
