package io.stockline.simulator.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.FaultPlan;
import io.stockline.simulator.domain.Listing;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.EbayService;

/** The control API's request and response bodies. */
final class ControlDtos {

    private ControlDtos() {
    }

    /**
     * One listing as the simulator holds it; for eBay also its offers and its revisions this eBay day ({@code offers}
     * null and {@code revisionsToday} 0 elsewhere). A buyer on eBay sees the lower of quantity and an offer's
     * availableQuantity.
     */
    record ListingView(String marketplace, String scope, String listingId, String sku, long quantity, Instant updatedAt,
            long writes, List<OfferView> offers, int revisionsToday) {
        static ListingView of(Listing listing, List<EbayService.Offer> offers, int revisionsToday) {
            return new ListingView(listing.marketplace().pathName(), listing.scope(), listing.listingId(), listing.sku(),
                    listing.quantity(), listing.updatedAt(), listing.writes(),
                    listing.marketplace() == Marketplace.EBAY ? offers.stream().map(OfferView::of).toList() : null, revisionsToday);
        }
    }

    /** An eBay offer: its id and the quantity it offers. */
    record OfferView(String offerId, Long availableQuantity, String format, String marketplaceId) {
        static OfferView of(EbayService.Offer offer) {
            return new OfferView(offer.offerId(), offer.availableQuantity(), offer.format(), offer.marketplaceId());
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
            @NotNull @PositiveOrZero Long quantity, Map<String, Object> fulfillmentAvailability,
            @Valid List<OfferSeed> offers) {
    }

    /** An eBay offer to seed on the listing's SKU. */
    record OfferSeed(@NotBlank String offerId, @NotNull @PositiveOrZero Long availableQuantity, String format,
            String marketplaceId) {
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
