package io.stockline.channel.dispatch;

import io.stockline.channel.connector.ChannelAccess;
import io.stockline.channel.connector.DocumentedLimit;
import io.stockline.channel.connector.MarketplaceException;

/**
 * A channel's token bucket shape: {@code burst} permits at most, refilled at {@code perSecond}. For Shopify the
 * permits are GraphQL cost points; for the others, requests.
 */
record RateLimit(double burst, double perSecond) {

    RateLimit {
        if (burst <= 0 || perSecond <= 0) {
            throw new IllegalArgumentException("burst and perSecond must be positive");
        }
    }

    /** The marketplace's documented limit as the channel's options override it ({@code rateBurst}, {@code ratePerSecond}). */
    static RateLimit of(DocumentedLimit documented, ChannelAccess channel) {
        double burst = channel.numberOption("rateBurst", documented.burst());
        double perSecond = channel.numberOption("ratePerSecond", documented.perSecond());
        if (burst <= 0 || perSecond <= 0) {
            throw new MarketplaceException.PermanentFailure("channel " + channel.channelId() + ": rateBurst and ratePerSecond must be positive");
        }
        return new RateLimit(burst, perSecond);
    }
}
