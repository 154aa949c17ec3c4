package io.stockline.channel.domain;

import io.stockline.channel.connector.ChannelType;

/** The listing a SKU is pushed to when the channel has no mapping for it. */
public final class Listings {

    private Listings() {
    }

    /**
     * The SKU itself, for every type: the seller SKU on Amazon (Listings Items API), the inventory item SKU on
     * eBay (Inventory API), the product SKU on WooCommerce, the variant SKU on Shopify (which the connector
     * resolves to an inventory item), and the {@code listingId} field of a webhook update.
     */
    public static String defaultListingId(ChannelType type, String sku) {
        return sku;
    }
}
