package io.stockline.channel.domain;

/** The listing a SKU is pushed to when the channel has no mapping for it. */
public final class Listings {

    private Listings() {
    }

    /**
     * The SKU itself where the marketplace keys listings by the seller's SKU: the seller SKU on Amazon (Listings
     * Items API), the inventory item SKU on eBay (Inventory API), the {@code listingId} of a webhook update.
     * Shopify (inventory item GIDs), WooCommerce (product ids) and BigCommerce (variant ids) key them by ids of
     * their own: a SKU without a stored mapping has no listing there yet (null); the worker looks it up by SKU
     * ({@link #needsLookup}) and stores what it found, or refuses the SKU visibly instead of guessing.
     */
    public static String defaultListingId(ChannelType type, String sku) {
        return needsLookup(type) ? null : sku;
    }

    /** Whether a SKU without a stored mapping is looked up on the marketplace by SKU before it is pushed. */
    public static boolean needsLookup(ChannelType type) {
        return switch (type) {
            case SHOPIFY, WOOCOMMERCE, BIGCOMMERCE -> true;
            default -> false;
        };
    }

    public static final String UNMAPPED = "no listing mapped for this SKU: import sku,listingId for the channel";
}
