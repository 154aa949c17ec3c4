package io.stockline.channel.connector;

/**
 * One quantity to set on a marketplace listing. {@code lastPushedQuantity} is what Stockline last saw the
 * marketplace accept (null when unknown), for APIs that compare and set; {@code idempotencyKey} is stable for
 * the same (channel, SKU, version), so a retried call is not applied twice.
 */
public record ListingUpdate(String sku, String listingId, long quantity, Long lastPushedQuantity, String idempotencyKey) {
}
