package io.stockline.console.planning.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.purchasing.service.PurchasingApi.PurchaseOrder;
import io.stockline.console.web.ForwardSignedInToken;

/**
 * inventory-service's replenishment planning and availability (deploy/openapi/inventory-service.json): viewers read
 * the suggestions, an item's policies and when it comes back; operators turn a supplier's suggestions into drafts.
 */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1")
public interface PlanningApi {

    @GET
    @Path("/planning/suggestions")
    Suggestions suggestions(@QueryParam("location") String location, @QueryParam("supplier") String supplier);

    @POST
    @Path("/planning/suggestions/{supplier}/purchase-orders")
    Ordered order(@PathParam("supplier") String supplier, @QueryParam("location") String location);

    @GET
    @Path("/planning/policies/{sku}")
    Policies policies(@PathParam("sku") String sku);

    @GET
    @Path("/availability/{sku}")
    Availability availability(@PathParam("sku") String sku);

    record Suggestions(List<SupplierSuggestions> suppliers) {
    }

    record SupplierSuggestions(String supplier, List<Suggestion> lines) {

        public long units() {
            return lines == null ? 0 : lines.stream().mapToLong(l -> l.suggestedQuantity() == null ? 0 : l.suggestedQuantity()).sum();
        }
    }

    record Suggestion(String sku, String location, Long onHand, Long incoming, Long committed, Long reserved,
            Long drafted, Long inventoryPosition, Long reorderPoint, Long suggestedQuantity, BigDecimal unitCost,
            Reason reason) {
    }

    record Reason(String text, String method, String forecastMethod, Double dailyForecast, Double leadTimeDays) {
    }

    record Ordered(String supplier, List<PurchaseOrder> purchaseOrders) {
    }

    record Policies(String sku, List<Policy> policies) {
    }

    record Policy(String location, String supplier, String method, String forecastMethod, Double dailyForecast,
            Double leadTimeDays, Boolean leadTimeMeasured, Double safetyStock, Long reorderPoint, Long orderQuantity,
            Double serviceLevel, OffsetDateTime computedAt) {
    }

    record Availability(String sku, Boolean inStock, Long available, Long quantity, LocalDate expectedOn,
            Long expectedQuantity, String confidence, List<Supply> supply) {
    }

    record Supply(String source, String reference, String location, Long quantity, LocalDate expectedOn,
            String basis, Boolean late) {
    }
}
