package io.stockline.channel.connector;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;

/**
 * Speaks one marketplace's documented API: builds the request, authenticates (refreshing tokens on 401),
 * and maps the answer to outcomes per listing or to a {@link MarketplaceException}. It makes one call per
 * {@link #push}; batching, rate limiting, waiting, retries and the circuit breaker belong to {@link ChannelDispatcher}.
 */
public interface MarketplaceConnector {

    ChannelType type();

    /** The most listings one call may carry, as the API documents. */
    int maxBatchSize();

    /** Sets the quantities of at most {@link #maxBatchSize()} listings in one call. */
    Uni<List<ListingOutcome>> push(ChannelAccess channel, List<ListingUpdate> updates);

    /** Whether {@link #read} can read quantities back from this marketplace. */
    boolean canReadBack();

    /** The quantities the marketplace holds now, by listing id; listings it does not know are absent. */
    Uni<Map<String, Long>> read(ChannelAccess channel, List<String> listingIds);

    /** The most listing ids one {@link #read} may carry. */
    default int maxReadBatchSize() {
        return maxBatchSize();
    }

    /** The documented limit of the API, before the channel's options and the server's own signals adjust it. */
    default RateLimit rateLimit() {
        return new RateLimit(5, 5);
    }

    /** What one push call costs against {@link #rateLimit()}: one request, or Shopify's GraphQL points. */
    default double callCost(int listings) {
        return 1;
    }

    /** What one read call of {@code listings} ids costs against {@link #rateLimit()}. */
    default double readCost(int listings) {
        return callCost(listings);
    }
}
