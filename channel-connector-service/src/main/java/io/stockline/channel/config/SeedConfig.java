package io.stockline.channel.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stockline.channel.domain.Buffer;
import io.stockline.channel.domain.ChannelType;

/**
 * Channels declared in configuration ({@code stockline.channels.seed.<id>.*}), created at startup when no
 * channel of that id exists; one that exists is left as the API last set it.
 */
@ConfigMapping(prefix = "stockline.channels")
public interface SeedConfig {

    Map<String, Seed> seed();

    interface Seed {
        ChannelType type();

        String endpoint();

        /** The secret reference: values come from {@code stockline.credentials.<ref>.<key>}. */
        String credentials();

        Map<String, String> options();

        Optional<List<String>> locations();

        @WithDefault("0")
        long buffer();

        @WithDefault("UNITS")
        Buffer.Unit bufferUnit();

        @WithDefault("100")
        int percentage();

        Optional<Long> maxQuantity();

        @WithDefault("0")
        long zeroOutThreshold();

        @WithDefault("true")
        boolean enabled();
    }
}
