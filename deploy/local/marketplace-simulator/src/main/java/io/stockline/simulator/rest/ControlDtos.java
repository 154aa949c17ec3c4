package io.stockline.simulator.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.FaultPlan;
import io.stockline.simulator.domain.Listing;

/** The control API's request and response bodies. */
final class ControlDtos {

    private ControlDtos() {
    }

    /** One listing as the simulator holds it. */
    record ListingView(String marketplace, String scope, String listingId, String sku, long quantity, Instant updatedAt,
            long writes) {
        static ListingView of(Listing listing) {
            return new ListingView(listing.marketplace().pathName(), listing.scope(), listing.listingId(), listing.sku(),
                    listing.quantity(), listing.updatedAt(), listing.writes());
        }
    }

    record ListingsView(List<ListingView> listings) {
    }

    /**
     * Seeds or overwrites a listing; scope is the Shopify location GID, the Amazon seller id or the webhook path.
     * {@code fulfillmentAvailability} (Amazon only): the seller's other fields of the listing's fulfillment_availability
     * entry, such as lead_time_to_ship_max_days and restock_date, which a merge of the quantity keeps.
     */
    record SeedRequest(String marketplace, String scope, String listingId, String sku,
            @NotNull @PositiveOrZero Long quantity, Map<String, Object> fulfillmentAvailability) {
    }

    record FaultPlanRequest(
            @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double failureRate,
            List<FaultKind> kinds,
            @PositiveOrZero Long delayMillis,
            @PositiveOrZero Long timeoutMillis,
            Boolean applyBeforeTimeout,
            List<String> marketplaces,
            Long seed) {
    }

    record FaultPlanView(double failureRate, List<FaultKind> kinds, long delayMillis, long timeoutMillis,
            boolean applyBeforeTimeout, List<String> marketplaces, Long seed) {
        static FaultPlanView of(FaultPlan plan) {
            return new FaultPlanView(plan.failureRate(), plan.kinds(), plan.delayMillis(), plan.timeoutMillis(),
                    plan.applyBeforeTimeout(),
                    plan.marketplaces().stream().map(m -> m.pathName()).sorted().toList(), plan.seed());
        }
    }

    record SettingsRequest(Boolean autoCreate, Boolean enforceRateLimits, String webhookSecret) {
    }

    record SettingsView(boolean autoCreate, boolean enforceRateLimits, boolean webhookSecretSet) {
    }

}
