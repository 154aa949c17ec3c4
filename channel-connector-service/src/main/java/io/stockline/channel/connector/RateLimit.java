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
        return new RateLimit(Double.parseDouble(channel.option("rateBurst", Double.toString(burst))),
                Double.parseDouble(channel.option("ratePerSecond", Double.toString(perSecond))));
    }
}
