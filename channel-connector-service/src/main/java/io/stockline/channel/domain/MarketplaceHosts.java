package io.stockline.channel.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The hosts each marketplace serves its API from, https only: an endpoint anywhere else would receive the channel's
 * credentials. Shopify shops live at {@code <shop>.myshopify.com}; Amazon SP-API at its three regional hosts and
 * their sandboxes; eBay at its API and sandbox hosts; BigCommerce at {@code api.bigcommerce.com}. WooCommerce and webhooks are the seller's own site: any https
 * host (the platform's address guard still keeps them out of the deployment). A host the deployment allows by name
 * (a simulator, a test double) is checked by the caller before this.
 */
public final class MarketplaceHosts {

    static final Set<String> AMAZON = Set.of("sellingpartnerapi-na.amazon.com", "sellingpartnerapi-eu.amazon.com",
            "sellingpartnerapi-fe.amazon.com", "sandbox.sellingpartnerapi-na.amazon.com",
            "sandbox.sellingpartnerapi-eu.amazon.com", "sandbox.sellingpartnerapi-fe.amazon.com");
    static final Set<String> EBAY = Set.of("api.ebay.com", "api.sandbox.ebay.com");
    static final String SHOPIFY_SUFFIX = ".myshopify.com";
    /** BigCommerce serves every store's REST Management API from one host; the store is the path's {@code /stores/{hash}}. */
    static final String BIGCOMMERCE = "api.bigcommerce.com";

    private MarketplaceHosts() {
    }

    /** Why {@code endpoint} is not one of {@code type}'s API hosts, or empty when it is. */
    public static Optional<String> refusal(ChannelType type, URI endpoint) {
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            return Optional.of("a " + type + " endpoint must be https");
        }
        if (endpoint.getPort() != -1 && endpoint.getPort() != 443) {
            return Optional.of("a " + type + " endpoint is on the https port (443)");
        }
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return switch (type) {
            case SHOPIFY -> host.endsWith(SHOPIFY_SUFFIX) && host.length() > SHOPIFY_SUFFIX.length()
                    && !host.substring(0, host.length() - SHOPIFY_SUFFIX.length()).contains(".") ? Optional.empty()
                    : Optional.of("a Shopify endpoint is https://<shop>.myshopify.com");
            case AMAZON -> AMAZON.contains(host) ? Optional.empty()
                    : Optional.of("an Amazon endpoint is one of the SP-API hosts " + new java.util.TreeSet<>(AMAZON));
            case EBAY -> EBAY.contains(host) ? Optional.empty()
                    : Optional.of("an eBay endpoint is one of " + new java.util.TreeSet<>(EBAY));
            case BIGCOMMERCE -> BIGCOMMERCE.equals(host) ? Optional.empty()
                    : Optional.of("a BigCommerce endpoint is https://" + BIGCOMMERCE);
            case WOOCOMMERCE, WEBHOOK -> Optional.empty();
        };
    }
}
