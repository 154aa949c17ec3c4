package io.stockline.simulator.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.validation.HttpValidationProblem;
import io.quarkiverse.resteasy.problem.validation.Violation;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.FaultPlan;
import io.stockline.simulator.domain.ListingKey;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.rest.ControlDtos.FaultPlanRequest;
import io.stockline.simulator.rest.ControlDtos.FaultPlanView;
import io.stockline.simulator.rest.ControlDtos.ListingView;
import io.stockline.simulator.rest.ControlDtos.ListingsView;
import io.stockline.simulator.rest.ControlDtos.SeedRequest;
import io.stockline.simulator.rest.ControlDtos.SettingsRequest;
import io.stockline.simulator.rest.ControlDtos.SettingsView;
import io.stockline.simulator.service.CallStats;
import io.stockline.simulator.service.EbayService;
import io.stockline.simulator.service.SimulatorControl;

/** The simulator's own API: what it holds, what it was asked, and the faults and settings tests steer it with. */
@Path("/_sim")
public class ControlResource {

    private final SimulatorControl control;

    public ControlResource(SimulatorControl control) {
        this.control = control;
    }

    @GET
    @Path("/listings")
    public ListingsView listings(@QueryParam("marketplace") String marketplace, @QueryParam("scope") String scope,
            @QueryParam("listingId") String listingId) {
        Optional<Marketplace> which = Optional.ofNullable(marketplace).filter(m -> !m.isBlank())
                .map(m -> marketplace(m, "marketplace", Violation.In.query));
        return new ListingsView(control.listings(which, Optional.ofNullable(scope), Optional.ofNullable(listingId)).stream()
                .map(this::view).toList());
    }

    @PUT
    @Path("/listings")
    public ListingView seed(@Valid @NotNull SeedRequest request) {
        Marketplace marketplace = marketplace(request.marketplace(), "marketplace", Violation.In.body);
        return seed(marketplace, request.listingId(), request);
    }

    /** Seeds one listing; the listing id is the rest of the path (it may hold slashes, as Shopify GIDs do). */
    @PUT
    @Path("/listings/{marketplace}/{listingId: .+}")
    public ListingView seedAt(@PathParam("marketplace") String marketplace, @PathParam("listingId") String listingId,
            @Valid @NotNull SeedRequest request) {
        return seed(marketplace(marketplace, "marketplace", Violation.In.path), listingId, request);
    }

    private ListingView seed(Marketplace marketplace, String listingId, SeedRequest request) {
        if (listingId == null || listingId.isBlank()) {
            throw invalid("listingId", Violation.In.body, "must not be blank");
        }
        if (marketplace.needsScope() && (request.scope() == null || request.scope().isBlank())) {
            throw invalid("scope", Violation.In.body, "must name the "
                    + (marketplace == Marketplace.SHOPIFY ? "location GID (gid://shopify/Location/...)"
                            : marketplace == Marketplace.BIGCOMMERCE ? "location id (a number)" : "seller id"));
        }
        if (marketplace == Marketplace.BIGCOMMERCE && !request.scope().matches("\\d+")) {
            throw invalid("scope", Violation.In.body, "must be a BigCommerce location id (a number)");
        }
        if (marketplace == Marketplace.BIGCOMMERCE && !listingId.matches("\\d+")) {
            throw invalid("listingId", Violation.In.body, "must be a BigCommerce variant id (a number)");
        }
        if (request.fulfillmentAvailability() != null && marketplace != Marketplace.AMAZON) {
            throw invalid("fulfillmentAvailability", Violation.In.body, "only Amazon listings have fulfillment_availability");
        }
        if (request.offers() != null && !request.offers().isEmpty() && marketplace != Marketplace.EBAY) {
            throw invalid("offers", Violation.In.body, "only eBay listings have offers");
        }
        ListingKey key = new ListingKey(marketplace, request.scope(), listingId);
        if (request.fulfillmentAvailability() != null) {
            control.seedAmazonFulfillment(key, request.fulfillmentAvailability());
        }
        var listing = control.seed(key, request.sku(), request.quantity());
        if (request.offers() != null && !request.offers().isEmpty()) {
            control.seedOffers(listingId, request.offers().stream().map(offer -> new EbayService.Offer(offer.offerId(), listingId,
                    offer.availableQuantity(), offer.format(), offer.marketplaceId())).toList());
        }
        return view(listing);
    }

    private ListingView view(io.stockline.simulator.domain.Listing listing) {
        boolean ebay = listing.marketplace() == Marketplace.EBAY;
        return ListingView.of(listing, ebay ? control.offers(listing.listingId()) : List.of(),
                ebay ? control.revisionsToday(listing.listingId()) : 0);
    }

    @GET
    @Path("/stats")
    public CallStats.Snapshot stats() {
        return control.stats();
    }

    @GET
    @Path("/faults")
    public FaultPlanView faults() {
        return FaultPlanView.of(control.faults());
    }

    @POST
    @Path("/faults")
    public FaultPlanView injectFaults(@Valid @NotNull FaultPlanRequest request) {
        List<FaultKind> kinds = request.kinds() == null ? List.of() : List.copyOf(request.kinds());
        if (request.failureRate() > 0 && kinds.isEmpty()) {
            throw invalid("kinds", Violation.In.body, "must name at least one of 500, 429, TIMEOUT when failureRate is above 0");
        }
        Set<Marketplace> marketplaces = EnumSet.noneOf(Marketplace.class);
        if (request.marketplaces() != null) {
            request.marketplaces().forEach(name -> marketplaces.add(marketplace(name, "marketplaces", Violation.In.body)));
        }
        control.injectFaults(new FaultPlan(request.failureRate(), kinds, Optional.ofNullable(request.delayMillis()).orElse(0L),
                Optional.ofNullable(request.timeoutMillis()).orElse(0L), Boolean.TRUE.equals(request.applyBeforeTimeout()),
                Set.copyOf(marketplaces), request.seed()));
        return FaultPlanView.of(control.faults());
    }

    @DELETE
    @Path("/faults")
    public Response clearFaults() {
        control.clearFaults();
        return Response.noContent().build();
    }

    @GET
    @Path("/settings")
    public SettingsView settings() {
        var settings = control.settings();
        return new SettingsView(settings.autoCreate(), settings.enforceRateLimits(), settings.webhookSecret().isPresent());
    }

    @PUT
    @Path("/settings")
    public SettingsView changeSettings(@NotNull SettingsRequest request) {
        control.settings().update(request.autoCreate(), request.enforceRateLimits(), request.webhookSecret());
        return settings();
    }

    /** Drops every issued Amazon and eBay access token, so the next call has to fetch a new one. */
    @DELETE
    @Path("/tokens")
    public Response revokeTokens() {
        control.revokeTokens();
        return Response.noContent().build();
    }

    @POST
    @Path("/reset")
    public Response reset() {
        control.reset();
        return Response.noContent().build();
    }

    private static Marketplace marketplace(String name, String field, Violation.In in) {
        return Marketplace.fromName(name).orElseThrow(() -> invalid(field, in,
                "'" + name + "' is not one of shopify, amazon, ebay, woocommerce, webhook"));
    }

    private static HttpValidationProblem invalid(String field, Violation.In in, String message) {
        return new HttpValidationProblem(400, "Bad Request", List.of(in.field(field).message(message)));
    }
}
