package io.stockline.inventory.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;

import io.stockline.platform.security.Roles;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.service.StockService;

@Path("/api/v1/stock")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Stock", description = "Stock levels per SKU and location.")
public class StockResource {

    public record Quantities(long onHand, long available, long committed, long reserved, long damaged,
            long qualityControl, long safetyStock, long incoming, long inTransit) {

        static Quantities of(StockState s) {
            return new Quantities(s.onHand(), s.available(), s.committed(), s.reserved(), s.damaged(),
                    s.qualityControl(), s.safetyStock(), s.incoming(), s.inTransit());
        }
    }

    public record LocationStock(String location, long onHand, long available, long committed, long reserved,
            long damaged, long qualityControl, long safetyStock, long incoming, long inTransit, long version) {

        static LocationStock of(StockLevel level) {
            StockState s = level.state();
            return new LocationStock(level.location(), s.onHand(), s.available(), s.committed(), s.reserved(),
                    s.damaged(), s.qualityControl(), s.safetyStock(), s.incoming(), s.inTransit(), level.version());
        }
    }

    public record StockResponse(String sku, Quantities totals, List<LocationStock> locations) {
    }

    private final StockService stock;

    public StockResource(StockService stock) {
        this.stock = stock;
    }

    @GET
    @Path("/{sku}")
    @RolesAllowed({ Roles.VIEWER, Roles.ALLOCATOR })
    @Operation(operationId = "getStock", summary = "Get an item's stock", description = "The SKU's quantities per location (on hand, available, committed, reserved, damaged, quality control, safety stock, incoming, in transit) and their totals. allocation-service's own tokens (role `allocator`) may read it too.")
    public Uni<StockResponse> get(@RestPath String sku) {
        return stock.levels(sku).map(levels -> new StockResponse(sku,
                Quantities.of(levels.stream().map(StockLevel::state).reduce(StockState.ZERO, StockState::plus)),
                levels.stream().map(LocationStock::of).toList()));
    }
}
