package io.stockline.simulator.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.config.SimulatorConfig;
import io.stockline.simulator.domain.LeakyBucket;
import io.stockline.simulator.domain.TokenBucket;

/**
 * The documented limits: Shopify's cost bucket per access token (app and store), Amazon's usage plan per seller and
 * operation, eBay's daily call quota, a WooCommerce host's requests a second (BigCommerce's window: its service).
 */
@ApplicationScoped
public class RateLimits {

    private final SimulatorConfig config;
    private final Map<String, LeakyBucket> shopify = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> amazon = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> woocommerce = new ConcurrentHashMap<>();
    private volatile DailyQuota ebayDay = new DailyQuota();

    public RateLimits(SimulatorConfig config) {
        this.config = config;
    }

    public LeakyBucket.Result shopifyCost(String accessToken, double cost) {
        long now = System.nanoTime();
        return shopify.computeIfAbsent(accessToken,
                token -> new LeakyBucket(config.shopify().bucketSize(), config.shopify().restoreRate(), now))
                .tryTake(cost, now);
    }

    /**
     * One usage plan per seller and operation, each at {@code simulator.amazon.rate} (5/s): getListingsItem bursts
     * {@code get-burst} (10), patchListingsItem and searchListingsItems {@code burst} (5), as the published model has it.
     */
    public boolean amazonCall(String sellerId, String operation) {
        long now = System.nanoTime();
        return amazon.computeIfAbsent(sellerId + "\n" + operation,
                key -> new TokenBucket(config.amazon().rate(),
                        "getListingsItem".equals(operation) ? config.amazon().getBurst() : config.amazon().burst(), now))
                .tryTake(now);
    }

    /**
     * Whether a call to a marketplace whose limit is not tied to its own operation's answer may go now: eBay's daily
     * call quota (per application: the simulator serves one), a WooCommerce host's requests a second (per store: it
     * serves one). True for the others, whose services keep their own limits.
     */
    public boolean allow(io.stockline.simulator.domain.Marketplace marketplace) {
        long now = System.nanoTime();
        return switch (marketplace) {
            case EBAY -> ebayDay.take(java.time.LocalDate.now(java.time.ZoneOffset.UTC), config.ebay().callsPerDay());
            case WOOCOMMERCE -> woocommerce.computeIfAbsent("store",
                    key -> new TokenBucket(config.woocommerce().rate(), config.woocommerce().burst(), now)).tryTake(now);
            default -> true;
        };
    }

    /** Calls counted against a daily quota, the count starting again each day. */
    static final class DailyQuota {

        private java.time.LocalDate day;
        private long used;

        synchronized boolean take(java.time.LocalDate today, long quota) {
            if (!today.equals(day)) {
                day = today;
                used = 0;
            }
            if (used >= quota) {
                return false;
            }
            used++;
            return true;
        }
    }

    /** The x-amzn-RateLimit-Limit header: the rate applied to the operation. */
    public String amazonLimitHeader() {
        return String.valueOf(config.amazon().rate());
    }

    public void reset() {
        shopify.clear();
        amazon.clear();
        woocommerce.clear();
        ebayDay = new DailyQuota();
    }
}
