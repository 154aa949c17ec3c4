package io.stockline.simulator.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.config.SimulatorConfig;
import io.stockline.simulator.domain.LeakyBucket;
import io.stockline.simulator.domain.TokenBucket;

/** The documented limits: Shopify's cost bucket per access token (app and store), Amazon's usage plan per seller and operation. */
@ApplicationScoped
public class RateLimits {

    private final SimulatorConfig config;
    private final Map<String, LeakyBucket> shopify = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> amazon = new ConcurrentHashMap<>();

    public RateLimits(SimulatorConfig config) {
        this.config = config;
    }

    public LeakyBucket.Result shopifyCost(String accessToken, double cost) {
        long now = System.nanoTime();
        return shopify.computeIfAbsent(accessToken,
                token -> new LeakyBucket(config.shopify().bucketSize(), config.shopify().restoreRate(), now))
                .tryTake(cost, now);
    }

    public boolean amazonCall(String sellerId, String operation) {
        long now = System.nanoTime();
        return amazon.computeIfAbsent(sellerId + "\n" + operation,
                key -> new TokenBucket(config.amazon().rate(),
                        "getListingsItem".equals(operation) ? config.amazon().getBurst() : config.amazon().burst(), now))
                .tryTake(now);
    }

    /** The x-amzn-RateLimit-Limit header: the rate applied to the operation. */
    public String amazonLimitHeader() {
        return String.valueOf(config.amazon().rate());
    }

    public void reset() {
        shopify.clear();
        amazon.clear();
    }
}
