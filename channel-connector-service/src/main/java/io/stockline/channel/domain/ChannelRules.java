package io.stockline.channel.domain;

/**
 * What a channel may sell of a SKU: the available stock of the locations that feed it, less a buffer
 * held back so that a late sync never oversells, never below zero.
 */
public record ChannelRules(String channel, long buffer) {

    public ChannelRules {
        if (buffer < 0) {
            throw new IllegalArgumentException("buffer must not be negative: " + buffer);
        }
    }

    public long quantityFor(long available) {
        return Math.max(0, available - buffer);
    }
}
