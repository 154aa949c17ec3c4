package io.stockline.channel.connector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;

/**
 * Speaks one marketplace's documented API: builds the request, authenticates (refreshing tokens on 401),
 * and maps the answer to outcomes per listing or to a {@link MarketplaceException}. It makes one call per
 * {@link #push}, and hands back what the marketplace said about its limits ({@link Reply#rate()},
 * {@link MarketplaceException#rateSignal()}) rather than acting on it: batching, pacing, waiting, retries and the
 * circuit breaker belong to the dispatcher ({@code io.stockline.channel.dispatch}).
 */
public interface MarketplaceConnector {

    ChannelType type();

    /** The most listings one call may carry, as the API documents. */
    int maxBatchSize();

    /** Sets the quantities of at most {@link #maxBatchSize()} listings in one call. */
    Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates);

    /** Whether {@link #read} can read quantities back from this marketplace. */
    boolean canReadBack();

    /**
     * The quantities the marketplace holds now, by listing id; listings it does not know are absent; a listing whose
     * own figures disagree (eBay: the inventory item and an offer) maps to null: drifted, its quantity unknown.
     */
    Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds);

    /**
     * {@link #read} with the errors the marketplace reports against each listing's quantity, to confirm an update it
     * only queued ({@link ListingOutcome.Status#ACCEPTED}); listings it does not know are absent. Without such
     * reports, the quantities alone.
     */
    default Uni<Reply<Map<String, HeldListing>>> readWithIssues(ChannelAccess channel, List<String> listingIds) {
        return read(channel, listingIds).map(reply -> reply.map(held -> {
            Map<String, HeldListing> found = new HashMap<>();
            held.forEach((listing, quantity) -> found.put(listing, HeldListing.of(quantity)));
            return found;
        }));
    }

    /** The most listing ids one {@link #read} may carry. */
    default int maxReadBatchSize() {
        return maxBatchSize();
    }

    /** The documented limit of the API, before the channel's options and the server's own signals adjust it. */
    default DocumentedLimit rateLimit() {
        return new DocumentedLimit(5, 5);
    }

    /**
     * The bucket a call of {@code kind} draws from when the marketplace limits it beyond the channel (per seller,
     * per operation); null (the default): the channel's own bucket of {@link #rateLimit()}.
     */
    default RateBucket rateBucket(ChannelAccess channel, CallKind kind) {
        return null;
    }

    /** What one push call costs against {@link #rateLimit()}: one request, or Shopify's GraphQL points. */
    default double callCost(int listings) {
        return 1;
    }

    /**
     * What pushing {@code updates} in one call costs against {@link #rateLimit()}: {@link #callCost(int)}, unless the
     * connector makes calls of its own first (eBay asks getOffers for SKUs whose offers it does not know).
     */
    default double callCost(ChannelAccess channel, List<ListingUpdate> updates) {
        return callCost(updates.size());
    }

    /**
     * How often the marketplace lets one listing be revised a day, when it caps it (eBay); the worker counts revisions
     * per listing and holds a listing's pushes before the cap.
     */
    default java.util.Optional<RevisionCap> revisionCap() {
        return java.util.Optional.empty();
    }

    /** What one read call of {@code listings} ids costs against {@link #rateLimit()}. */
    default double readCost(int listings) {
        return callCost(listings);
    }

    /** Whether {@link #lookup} can find a SKU's listing on this marketplace. */
    default boolean canLookUp() {
        return false;
    }

    /**
     * The listing carrying each SKU, asked of the marketplace in one call: every SKU asked comes back, FOUND (one
     * listing), MISSING or AMBIGUOUS (more than one: never guessed). At most {@link #maxLookupBatchSize()} SKUs.
     */
    default Uni<Reply<Map<String, SkuLookup>>> lookup(ChannelAccess channel, List<String> skus) {
        return Uni.createFrom().failure(new MarketplaceException.PermanentFailure(type() + " listings cannot be looked up by SKU"));
    }

    /** The most SKUs one {@link #lookup} may carry. */
    default int maxLookupBatchSize() {
        return 50;
    }

    /** What one lookup call of {@code skus} SKUs costs against {@link #rateLimit()}. */
    default double lookupCost(int skus) {
        return 1;
    }
}
