package io.stockline.channel.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;

class MarketplaceHostsTest {

    private static boolean accepted(ChannelType type, String endpoint) {
        return MarketplaceHosts.refusal(type, URI.create(endpoint)).isEmpty();
    }

    @Test
    void eachMarketplaceIsCalledOnlyAtItsOwnHttpsHosts() {
        assertThat(accepted(ChannelType.SHOPIFY, "https://my-shop.myshopify.com")).isTrue();
        assertThat(accepted(ChannelType.SHOPIFY, "https://MY-SHOP.myshopify.com:443/")).isTrue();
        assertThat(accepted(ChannelType.SHOPIFY, "https://myshopify.com")).isFalse();
        assertThat(accepted(ChannelType.SHOPIFY, "https://.myshopify.com")).isFalse();
        assertThat(accepted(ChannelType.SHOPIFY, "https://evil.example/my-shop.myshopify.com")).isFalse();
        assertThat(accepted(ChannelType.SHOPIFY, "https://my-shop.myshopify.com.evil.example")).isFalse();
        assertThat(accepted(ChannelType.SHOPIFY, "http://my-shop.myshopify.com")).isFalse();

        for (String host : new String[] { "sellingpartnerapi-na.amazon.com", "sellingpartnerapi-eu.amazon.com",
                "sellingpartnerapi-fe.amazon.com", "sandbox.sellingpartnerapi-na.amazon.com",
                "sandbox.sellingpartnerapi-eu.amazon.com", "sandbox.sellingpartnerapi-fe.amazon.com" }) {
            assertThat(accepted(ChannelType.AMAZON, "https://" + host)).as(host).isTrue();
            assertThat(accepted(ChannelType.EBAY, "https://" + host)).as(host).isFalse();
        }
        assertThat(accepted(ChannelType.AMAZON, "https://api.amazon.com")).isFalse();
        assertThat(accepted(ChannelType.AMAZON, "https://sellingpartnerapi-na.amazon.com:8443")).isFalse();

        assertThat(accepted(ChannelType.EBAY, "https://api.ebay.com")).isTrue();
        assertThat(accepted(ChannelType.EBAY, "https://api.sandbox.ebay.com")).isTrue();
        assertThat(accepted(ChannelType.EBAY, "http://api.ebay.com")).isFalse();
        assertThat(accepted(ChannelType.EBAY, "https://api.ebay.com.evil.example")).isFalse();

        assertThat(accepted(ChannelType.BIGCOMMERCE, "https://api.bigcommerce.com")).isTrue();
        assertThat(accepted(ChannelType.BIGCOMMERCE, "https://API.BigCommerce.com:443/")).isTrue();
        assertThat(accepted(ChannelType.BIGCOMMERCE, "http://api.bigcommerce.com")).isFalse();
        assertThat(accepted(ChannelType.BIGCOMMERCE, "https://store-abc123.mybigcommerce.com")).isFalse();
        assertThat(accepted(ChannelType.BIGCOMMERCE, "https://api.bigcommerce.com.evil.example")).isFalse();

        assertThat(accepted(ChannelType.WOOCOMMERCE, "https://shop.example")).isTrue();
        assertThat(accepted(ChannelType.WOOCOMMERCE, "http://shop.example")).isFalse();
        assertThat(accepted(ChannelType.WEBHOOK, "https://erp.example/hooks")).isTrue();
        assertThat(accepted(ChannelType.WEBHOOK, "http://erp.example/hooks")).isFalse();
    }
}
