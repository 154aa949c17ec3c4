package io.stockline.simulator.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The simulator's defaults; the control API changes the mutable ones at run time. */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /**
     * Whether a write to a listing the simulator has never seen creates it (otherwise, the default: the marketplace's
     * not-found answer, as a real marketplace gives). The local run and its demos switch it on.
     */
    @WithDefault("false")
    boolean autoCreate();

    /** Whether calls over a documented rate limit are refused (they are counted as violations either way). */
    @WithDefault("true")
    boolean enforceRateLimits();

    /** How long a TIMEOUT fault holds a call before answering 504, unless the fault plan says otherwise. */
    @WithDefault("30s")
    Duration faultTimeout();

    Shopify shopify();

    Amazon amazon();

    Ebay ebay();

    WooCommerce woocommerce();

    Webhook webhook();

    BigCommerce bigcommerce();

    interface Shopify {
        /** Points the cost bucket holds (throttleStatus.maximumAvailable). */
        @WithDefault("2000")
        double bucketSize();

        /** Points restored a second: 100 on the Standard plan (shopify.dev, GraphQL Admin API rate limits). */
        @WithDefault("100")
        double restoreRate();

        /** When set, the only access token accepted; otherwise any non-blank one. */
        Optional<String> accessToken();
    }

    interface Amazon {
        /** patchListingsItem and searchListingsItems usage plan: 5 requests a second, burst 5 (the published model). */
        @WithDefault("5")
        double rate();

        @WithDefault("5")
        double burst();

        @WithDefault("3600")
        long tokenLifetimeSeconds();

        /**
         * How long after its 200 ACCEPTED a patch is applied (Amazon processes submissions asynchronously); until then a
         * get shows the listing as it was. 0: at once.
         */
        @WithDefault("2s")
        Duration applyDelay();

        /** getListingsItem's burst (its rate is {@link #rate()}): 10 in the published model, patch's is 5. */
        @WithDefault("10")
        double getBurst();
    }

    interface Ebay {
        @WithDefault("7200")
        long tokenLifetimeSeconds();

        /** Revisions a listing may have in one eBay calendar day (Pacific time), as bulkUpdatePriceQuantity documents. */
        @WithDefault("250")
        int revisionsPerDay();

        /**
         * Calls an application may make in a day (UTC) across the Sell APIs: eBay's call limits are daily quotas,
         * 5,000 after self-certification and up to 1,500,000 after the Compatible Application Check.
         */
        @WithDefault("1500000")
        long callsPerDay();
    }

    interface WooCommerce {
        /**
         * Requests a second the shop's host serves (WooCommerce sets no limit of its own; hosts and security plugins
         * do, answering 429): a token bucket per store.
         */
        @WithDefault("5")
        double rate();

        @WithDefault("5")
        double burst();

        /** When set (both), the only consumer key and secret accepted; otherwise any non-blank pair. */
        Optional<String> consumerKey();

        Optional<String> consumerSecret();
    }

    interface BigCommerce {
        /** Requests per window per store (Plus and Standard plans: 150 per 30 s). */
        @WithDefault("150")
        int quota();

        @WithDefault("30s")
        Duration window();

        /** When set, the only X-Auth-Token accepted; otherwise any non-blank one. */
        Optional<String> accessToken();
    }

    interface Webhook {
        /**
         * When set, every webhook call must carry {@code X-Stockline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256
         * of "t.body">} under it, made less than five minutes ago.
         */
        Optional<String> secret();
    }
}
