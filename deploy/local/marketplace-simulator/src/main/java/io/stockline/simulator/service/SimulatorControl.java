package io.stockline.simulator.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.stockline.simulator.config.SimulatorConfig;
import io.stockline.simulator.domain.FaultPlan;
import io.stockline.simulator.domain.Listing;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.simulator.domain.Marketplace;

/** What the control API does: shows and seeds listings, sets faults and settings, and resets everything. */
@ApplicationScoped
public class SimulatorControl {

    private final ListingStore store;
    private final CallStats stats;
    private final FaultInjector faults;
    private final RateLimits limits;
    private final AccessTokens tokens;
    private final SimulatorSettings settings;
    private final ShopifyService shopify;
    private final AmazonService amazon;
    private final WooCommerceService woocommerce;
    private final BigCommerceService bigcommerce;
    private final EbayService ebay;
    private final SimulatorConfig config;

    public SimulatorControl(ListingStore store, CallStats stats, FaultInjector faults, RateLimits limits, AccessTokens tokens,
            SimulatorSettings settings, ShopifyService shopify, AmazonService amazon, WooCommerceService woocommerce,
            BigCommerceService bigcommerce, EbayService ebay, SimulatorConfig config) {
        this.bigcommerce = bigcommerce;
        this.ebay = ebay;
        this.store = store;
        this.stats = stats;
        this.faults = faults;
        this.limits = limits;
        this.tokens = tokens;
        this.settings = settings;
        this.shopify = shopify;
        this.amazon = amazon;
        this.woocommerce = woocommerce;
        this.config = config;
    }

    public List<Listing> listings(Optional<Marketplace> marketplace, Optional<String> scope, Optional<String> listingId) {
        return store.list(marketplace, scope, listingId);
    }

    public Listing seed(ListingKey key, String sku, long quantity) {
        Log.infof("seeding %s listing %s/%s with %d", key.marketplace().pathName(), key.scope(), key.listingId(), quantity);
        return store.write(key, sku, quantity);
    }

    /** The seller's own fields of an Amazon listing's fulfillment_availability (handling time, restock date...). */
    public void seedAmazonFulfillment(ListingKey key, Map<String, Object> fields) {
        amazon.seedFulfillment(key, fields);
    }

    /** Seeds offers on an eBay SKU (the listing id), beside its inventory item. */
    public void seedOffers(String sku, List<EbayService.Offer> offers) {
        Log.infof("seeding ebay offers %s on %s", offers, sku);
        ebay.seedOffers(sku, offers);
    }

    public List<EbayService.Offer> offers(String sku) {
        return ebay.offersOf(sku);
    }

    public int revisionsToday(String sku) {
        return ebay.revisionsToday(sku);
    }

    public CallStats.Snapshot stats() {
        return stats.snapshot();
    }

    public void injectFaults(FaultPlan plan) {
        FaultPlan withTimeout = plan.timeoutMillis() > 0 ? plan
                : new FaultPlan(plan.failureRate(), plan.kinds(), plan.delayMillis(), config.faultTimeout().toMillis(),
                        plan.applyBeforeTimeout(), plan.marketplaces(), plan.seed());
        Log.infof("fault plan: %s", withTimeout);
        faults.plan(withTimeout);
    }

    public FaultPlan faults() {
        return faults.current();
    }

    public void clearFaults() {
        faults.clear();
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public void revokeTokens() {
        tokens.revokeAll();
    }

    /** Forgets listings, counts, faults, tokens, idempotency keys and rate-limit buckets; settings go back to configuration. */
    public void reset() {
        store.clear();
        stats.reset();
        faults.clear();
        limits.reset();
        tokens.revokeAll();
        settings.reset();
        shopify.reset();
        amazon.reset();
        woocommerce.reset();
        bigcommerce.reset();
        ebay.reset();
        Log.info("simulator reset");
    }
}
