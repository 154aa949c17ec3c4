package io.stockline.channel.connector;

/**
 * The rate limit a marketplace's API documents for one seller: {@code burst} permits at most, restored at
 * {@code perSecond}. For Shopify the permits are GraphQL cost points; for the others, requests. The dispatcher
 * starts each channel from it, and the marketplace's own {@link RateSignal}s correct it.
 */
public record DocumentedLimit(double burst, double perSecond) {

    public DocumentedLimit {
        if (burst <= 0 || perSecond <= 0) {
            throw new IllegalArgumentException("burst and perSecond must be positive");
        }
    }
}
