package io.stockline.channel.connector;

/** The marketplaces (and the generic webhook) a channel can be. */
public enum ChannelType {
    SHOPIFY, AMAZON, EBAY, WOOCOMMERCE, WEBHOOK
}
