package io.stockline.inventory.planning.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.planning.domain.ItemSettings;
import io.stockline.inventory.planning.domain.Promotion;
import io.stockline.inventory.planning.domain.StoredPolicy;
import io.stockline.inventory.planning.domain.Suggestion;
import io.stockline.inventory.planning.service.ItemSettingsRequest;
import io.stockline.inventory.planning.service.PlanningRefresh;
import io.stockline.inventory.planning.service.PlanningService;
import io.stockline.inventory.planning.service.PromotionRequest;
import io.stockline.inventory.purchasing.domain.PurchaseOrderView;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.security.Roles;

/**
 * Replenishment planning: viewers read policies and what to order; operators turn a supplier's suggestions into draft
 * purchase orders; admins refresh the policies and set promotions and per-item settings.
 */
@Path("/api/v1/planning")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Planning", description = "Forecasts, safety stock and reorder points per SKU and location, and what to order now.")
public class PlanningResource {

    public record RefreshResponse(OffsetDateTime computedAt, int skus, int policies, int changed, int skipped,
            int failed) {
    }

    /** Why a line is suggested: the position is at or under the reorder point at this forecast and lead time. */
    public record Reason(String text, long inventoryPosition, long reorderPoint, double dailyForecast,
            double leadTimeDays, String method, String forecastMethod) {
    }

    public record SuggestionLine(String sku, String location, long inventoryPosition, long onHand, long incoming,
            long committed, long reserved, long drafted, long reorderPoint, long suggestedQuantity, BigDecimal unitCost,
            Reason reason) {

        static SuggestionLine of(Suggestion s) {
            String text = "inventory position %d%s is at or under the reorder point %d: %.2f a day over a %.1f-day lead time (%s, %s)"
                    .formatted(s.position(), s.drafted() == 0 ? "" : " (+" + s.drafted() + " on drafts)",
                            s.reorderPoint(), s.dailyForecast(), s.leadTimeDays(), s.method(), s.forecastMethod());
            return new SuggestionLine(s.sku(), s.location(), s.position(), s.onHand(), s.incoming(), s.committed(),
                    s.reserved(), s.drafted(), s.reorderPoint(), s.quantity(), s.unitCost(),
                    new Reason(text, s.position(), s.reorderPoint(), s.dailyForecast(), s.leadTimeDays(), s.method(),
                            s.forecastMethod()));
        }
    }

    public record SupplierSuggestions(String supplier, List<SuggestionLine> lines) {
    }

    public record SuggestionsResponse(List<SupplierSuggestions> suppliers) {
    }

    public record OrderedResponse(String supplier, List<PurchaseOrderView> purchaseOrders) {
    }

    /** Forecast error on a holdout: MASE (under 1 beats the naive forecast) and bias; null when history was short. */
    public record ForecastError(Double mase, Double bias) {
    }

    public record PolicyResponse(String location, String supplier, String method, String forecastMethod,
            double dailyForecast, double dailyStdDev, ForecastError error, double serviceLevel, String serviceLevelFrom,
            double leadTimeDays, double leadTimeStdDevDays, boolean leadTimeMeasured, double safetyStock,
            long reorderPoint, long orderQuantity, StoredPolicy.History history, OffsetDateTime computedAt) {

        static PolicyResponse of(StoredPolicy s) {
            var p = s.policy();
            return new PolicyResponse(s.location(), s.supplier(), p.kind().name(), p.forecastMethod(), p.dailyForecast(),
                    p.dailyStdDev(), new ForecastError(finite(p.mase()), finite(p.bias())), s.serviceLevel(),
                    s.abcClass(), s.leadTimeDays(), s.leadTimeStdDevDays(), s.leadTimeMeasured(), p.safetyStock(),
                    p.reorderPoint(), p.orderQuantity(), s.history(), s.computedAt());
        }

        private static Double finite(double value) {
            return Double.isFinite(value) ? value : null;
        }
    }

    public record PoliciesResponse(String sku, List<PolicyResponse> policies) {
    }

    public record PromotionResponse(long id, String sku, String location, LocalDate startsOn, LocalDate endsOn,
            String note, String createdBy, OffsetDateTime createdAt) {

        static PromotionResponse of(Promotion p) {
            return new PromotionResponse(p.id(), p.sku(), p.location(), p.startsOn(), p.endsOn(), p.note(),
                    p.createdBy(), p.createdAt());
        }
    }

    public record ItemSettingsResponse(String sku, Double serviceLevel, String supplier, String setBy,
            OffsetDateTime setAt) {

        static ItemSettingsResponse of(ItemSettings s) {
            return new ItemSettingsResponse(s.sku(), s.serviceLevel(), s.supplier(), s.setBy(), s.setAt());
        }
    }

    private final PlanningService planning;
    private final PlanningRefresh refresh;
    private final SecurityIdentity identity;

    public PlanningResource(PlanningService planning, PlanningRefresh refresh, SecurityIdentity identity) {
        this.planning = planning;
        this.refresh = refresh;
        this.identity = identity;
    }

    @POST
    @Path("/refresh")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "planningRefresh", summary = "Recompute every policy",
            description = "Recomputes the policy of every standard SKU at each location of ours that holds it, from the"
                    + " ledger's daily demand (promotion and stockout days kept apart), the service level of its ABC"
                    + " class or its own, and its supplier's terms; a changed reorder point is published on"
                    + " inventory.reorder-points. A SKU no supplier sells is skipped. Admins only; it also runs nightly"
                    + " (`stockline.planning.refresh`).")
    @APIResponse(responseCode = "200", description = "How many SKUs and policies it computed, and reorder points it changed")
    public Uni<RefreshResponse> refresh() {
        return refresh.run().map(r -> new RefreshResponse(r.computedAt(), r.skus(), r.policies(), r.changed(),
                r.skipped(), r.failed()));
    }

    @GET
    @Path("/suggestions")
    @Operation(operationId = "planningSuggestions", summary = "What to order now, by supplier",
            description = "Every SKU and location whose inventory position (on hand + incoming - committed - reserved),"
                    + " with what draft orders to the supplier already hold, is at or under its reorder point, with the"
                    + " quantity to order (at least the policy's, enough to clear the reorder point, in the supplier's"
                    + " minimum and multiple) and the reason. Viewers may read it.")
    @APIResponse(responseCode = "200", description = "The suggestions, grouped by supplier")
    public Uni<SuggestionsResponse> suggestions(
            @Parameter(description = "Only this supplier's") @RestQuery String supplier,
            @Parameter(description = "Only for this location") @RestQuery String location) {
        return planning.suggestions(supplier, location).map(PlanningResource::grouped);
    }

    private static SuggestionsResponse grouped(List<Suggestion> suggestions) {
        Map<String, List<SuggestionLine>> bySupplier = new LinkedHashMap<>();
        suggestions.forEach(s -> bySupplier.computeIfAbsent(s.supplier(), ignored -> new ArrayList<>())
                .add(SuggestionLine.of(s)));
        return new SuggestionsResponse(bySupplier.entrySet().stream()
                .map(e -> new SupplierSuggestions(e.getKey(), e.getValue())).toList());
    }

    @POST
    @Path("/suggestions/{supplier}/purchase-orders")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "planningOrderSuggestions", summary = "Turn a supplier's suggestions into draft purchase orders",
            description = "Drafts one purchase order per location from the supplier's suggestions as they stand now"
                    + " (all or none), expected after the lead time; an admin sends them as any draft. Operators and"
                    + " admins.")
    @APIResponse(responseCode = "201", description = "The draft purchase orders", content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderedResponse.class)))
    @APIResponse(responseCode = "404", description = "No supplier with that code")
    @APIResponse(responseCode = "422", description = "Nothing to order from the supplier now, or a line without a unit cost")
    public Uni<RestResponse<OrderedResponse>> order(@RestPath String supplier,
            @Parameter(description = "Only for this location") @RestQuery String location) {
        return planning.order(supplier, location, Actor.of(identity))
                .map(orders -> RestResponse.status(RestResponse.Status.CREATED, new OrderedResponse(supplier, orders)));
    }

    @GET
    @Path("/policies/{sku}")
    @Operation(operationId = "planningPolicies", summary = "Get a SKU's policies",
            description = "Each location's policy: forecast method, daily forecast and spread, the forecast error on a"
                    + " holdout (MASE, bias), service level and where it came from (A, B, C or ITEM), lead time,"
                    + " safety stock, reorder point, order quantity and the history it read. Viewers may read it.")
    @APIResponse(responseCode = "200", description = "The SKU's policies (none before the first refresh)")
    @APIResponse(responseCode = "404", description = "No standard item with that SKU")
    public Uni<PoliciesResponse> policies(@RestPath String sku) {
        return planning.policies(sku)
                .map(found -> new PoliciesResponse(sku, found.stream().map(PolicyResponse::of).toList()));
    }

    @POST
    @Path("/promotions")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "planningAddPromotion", summary = "Flag a promotion window",
            description = "The SKU's demand on these days (at the location, or everywhere without one) is kept apart"
                    + " from the baseline at the next refresh. Admins only.")
    @APIResponse(responseCode = "201", description = "The promotion", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PromotionResponse.class)))
    @APIResponse(responseCode = "400", description = "A missing field")
    @APIResponse(responseCode = "404", description = "No standard item or location of that name")
    @APIResponse(responseCode = "422", description = "`endsOn` before `startsOn`")
    public Uni<RestResponse<PromotionResponse>> addPromotion(@Valid @NotNull PromotionRequest request) {
        return planning.addPromotion(request, Actor.of(identity))
                .map(p -> RestResponse.status(RestResponse.Status.CREATED, PromotionResponse.of(p)));
    }

    @GET
    @Path("/promotions")
    @Operation(operationId = "planningPromotions", summary = "List promotion windows",
            description = "The latest first, of one SKU with `sku`. Viewers may read them.")
    @APIResponse(responseCode = "200", description = "The promotions")
    public Uni<List<PromotionResponse>> promotions(@Parameter(description = "Only this SKU's") @RestQuery String sku) {
        return planning.promotions(sku).map(found -> found.stream().map(PromotionResponse::of).toList());
    }

    @DELETE
    @Path("/promotions/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "planningDeletePromotion", summary = "Remove a promotion window",
            description = "Its days count as baseline demand again at the next refresh. Admins only.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No promotion with that id")
    public Uni<Void> deletePromotion(@RestPath long id) {
        return planning.deletePromotion(id);
    }

    @GET
    @Path("/items/{sku}")
    @Operation(operationId = "planningItemSettings", summary = "Get a SKU's planning settings",
            description = "The service level and supplier set for the SKU (null: its ABC class's level, the cheapest"
                    + " supplier). Viewers may read them.")
    @APIResponse(responseCode = "200", description = "The settings")
    @APIResponse(responseCode = "404", description = "No standard item with that SKU")
    public Uni<ItemSettingsResponse> settings(@RestPath String sku) {
        return planning.settings(sku).map(ItemSettingsResponse::of);
    }

    @PUT
    @Path("/items/{sku}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "planningSetItemSettings", summary = "Set a SKU's service level or supplier",
            description = "A service level (0.5 to 0.9999) that overrides the SKU's ABC class's, and the supplier to"
                    + " buy it from (one that sells it); a field left out goes back to the default. Used from the next"
                    + " refresh. Admins only.")
    @APIResponse(responseCode = "200", description = "The settings")
    @APIResponse(responseCode = "400", description = "A service level out of range")
    @APIResponse(responseCode = "404", description = "No standard item with that SKU, or no such supplier")
    @APIResponse(responseCode = "422", description = "The supplier does not sell the SKU")
    public Uni<ItemSettingsResponse> saveSettings(@RestPath String sku, @Valid @NotNull ItemSettingsRequest request) {
        return planning.saveSettings(sku, request, Actor.of(identity)).map(ItemSettingsResponse::of);
    }
}
