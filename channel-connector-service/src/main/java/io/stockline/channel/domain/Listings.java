package io.stockline.channel.domain;

/** The listing a SKU is pushed to when the channel has no mapping for it. */
public final class Listings {

    private Listings() {
    }

    /**
     * The SKU itself where the marketplace keys listings by the seller's SKU: the seller SKU on Amazon (Listings
     * Items API), the inventory item SKU on eBay (Inventory API), the {@code listingId} of a webhook update.
     * Shopify (inventory item GIDs) and WooCommerce (product ids) key them by ids of their own: a SKU without
     * an imported mapping has no listing there (null), and its pushes are refused visibly instead of guessed.
     */
    public static String defaultListingId(ChannelType type, String sku) {
        return switch (type) {
            case SHOPIFY, WOOCOMMERCE -> null;
            default -> sku;
        };
    }

    public static final String UNMAPPED = "no listing mapped for this SKU: import sku,listingId for the channel";
}
