package io.stockline.channel.domain;

/** The marketplaces (and the generic webhook) a channel can be. */
public enum ChannelType {
    SHOPIFY, AMAZON, EBAY, WOOCOMMERCE, WEBHOOK, BIGCOMMERCE
}
