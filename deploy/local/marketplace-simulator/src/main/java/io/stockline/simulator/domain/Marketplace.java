package io.stockline.simulator.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The marketplaces the simulator stands in for; each lives under {@code /<pathName>}. */
public enum Marketplace {
    SHOPIFY, AMAZON, EBAY, WOOCOMMERCE, WEBHOOK, BIGCOMMERCE;

    public String pathName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Marketplace> fromName(String name) {
        return name == null ? Optional.empty()
                : Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(name.trim())).findFirst();
    }

    /**
     * Whether a listing of this marketplace is known by its id within a scope: the Shopify location, the Amazon
     * seller, the webhook path ("" for /webhook itself). the BigCommerce location id (the simulator
     * serves one BigCommerce catalog to every store hash). eBay SKUs and WooCommerce product ids stand alone.
     */
    public boolean scoped() {
        return this == SHOPIFY || this == AMAZON || this == WEBHOOK || this == BIGCOMMERCE;
    }

    /** Whether a listing cannot be named without a scope. */
    public boolean needsScope() {
        return this == SHOPIFY || this == AMAZON || this == BIGCOMMERCE;
    }
}
