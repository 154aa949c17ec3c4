package io.stockline.channel.connector;

/**
 * A token bucket's shape: {@code burst} permits at most, refilled at {@code perSecond}. For Shopify the permits
 * are GraphQL cost points; for the others, requests.
 */
public record RateLimit(double burst, double perSecond) {

    public RateLimit {
        if (burst <= 0 || perSecond <= 0) {
            throw new IllegalArgumentException("burst and perSecond must be positive");
        }
    }

    /** This limit as the channel's options override it ({@code rateBurst}, {@code ratePerSecond}). */
    public RateLimit overriddenBy(ChannelAccess channel) {
        double overriddenBurst = channel.numberOption("rateBurst", burst);
        double overriddenRate = channel.numberOption("ratePerSecond", perSecond);
        if (overriddenBurst <= 0 || overriddenRate <= 0) {
            throw new MarketplaceException.PermanentFailure("channel " + channel.channelId() + ": rateBurst and ratePerSecond must be positive");
        }
        return new RateLimit(overriddenBurst, overriddenRate);
    }
}
