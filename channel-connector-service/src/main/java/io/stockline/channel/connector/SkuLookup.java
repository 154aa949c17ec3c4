package io.stockline.channel.connector;

/**
 * What a marketplace said about one SKU when asked for the listing that carries it: exactly one listing
 * ({@code FOUND}, its id), none ({@code MISSING}), or more than one ({@code AMBIGUOUS}: which one the seller means is
 * theirs to say, by importing the mapping; it is never guessed). {@code detail} says why, for the pair's last error.
 */
public record SkuLookup(String sku, Result result, String listingId, String detail) {

    public enum Result {
        FOUND, MISSING, AMBIGUOUS
    }

    public static SkuLookup found(String sku, String listingId) {
        return new SkuLookup(sku, Result.FOUND, listingId, null);
    }

    public static SkuLookup missing(String sku, String detail) {
        return new SkuLookup(sku, Result.MISSING, null, detail);
    }

    public static SkuLookup ambiguous(String sku, String detail) {
        return new SkuLookup(sku, Result.AMBIGUOUS, null, detail);
    }
}
