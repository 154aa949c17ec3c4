package io.stockline.allocation.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.AllocationStatus;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.RoutingPolicy;
import io.stockline.allocation.service.AllocationCursor;
import io.stockline.allocation.service.RoutingService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

@Path("/api/v1/allocations")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Allocations", description = "Which locations fulfil which order lines.")
public class AllocationResource {

    public record PreviewLine(@NotNull @PositiveOrZero Integer line, @NotBlank @Size(max = 64) String sku,
            @NotNull @Positive Long quantity) {
    }

    public record PreviewShipTo(@Size(min = 2, max = 2) String country, @Size(max = 20) String postcode,
            @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    /** An order as OrderPlaced carries it; orderId is optional here. */
    public record PreviewRequest(@Size(max = 100) String orderId, @Size(max = 100) String channel,
            @NotEmpty @Size(max = 500) List<@Valid @NotNull PreviewLine> lines, @Valid PreviewShipTo shipTo) {
    }

    public record PreviewResponse(List<AllocationPlan.Shipment> shipments, List<OrderPlaced.Line> unfilled,
            RoutingPolicy policy) {
    }

    private final RoutingService routing;

    public AllocationResource(RoutingService routing) {
        this.routing = routing;
    }

    /**
     * The allocation decisions changed last, newest first: each order's status, the locations shipping it, what is
     * backordered. A page ends with {@code next}, the {@code before} of the page after it.
     */
    @GET
    @Operation(operationId = "listAllocations", summary = "List recent allocations", description = "The orders whose allocation changed last, newest first, each with its status, the shipments (one per location: more than one is a split order) and the backordered lines. `status` keeps one status; `limit` (1-100, default 50); `before` is the `next` of the page before, null on the last page.")
    public Uni<RoutingService.AllocationPage> list(@RestQuery String status,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "50"))
            @RestQuery String limit, @RestQuery String before) {
        AllocationStatus shown = QueryParams.oneOf("status", status, AllocationStatus.class);
        AllocationCursor cursor = null;
        if (before != null && !before.isBlank()) {
            cursor = AllocationCursor.decode(before);
            if (cursor == null) {
                throw RuleViolation.invalidQuery("before", "not a cursor from this list: pass a page's next as it is");
            }
        }
        return routing.recent(shown, cursor, QueryParams.limit(limit, 50, 100));
    }

    /** What became of an order: status, shipments with their reservations, backordered lines, the reason. */
    @GET
    @Path("/{orderId}")
    @Operation(operationId = "getAllocation", summary = "Get an order's allocation", description = "What became of an order: status, shipments with their reservations, backordered lines, the reason.")
    public Uni<RoutingService.AllocationView> get(@RestPath String orderId) {
        return routing.allocation(orderId).onItem().ifNull()
                .failWith(() -> RuleViolation.unknownPath("orderId", "no allocation for order " + orderId));
    }

    /** The plan the order would get now, under its channel's rules; nothing is reserved. */
    @POST
    @Path("/preview")
    @Operation(operationId = "previewAllocation", summary = "Preview an allocation", description = "The plan the order would get now, under its channel's rules; nothing is reserved.")
    public Uni<PreviewResponse> preview(@Valid @NotNull PreviewRequest request) {
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!numbers.add(request.lines().get(i).line())) {
                throw RuleViolation.invalid("lines[" + i + "].line", "line numbers must be unique in an order");
            }
        }
        PreviewShipTo to = request.shipTo();
        OrderPlaced order = new OrderPlaced(request.orderId() == null ? "preview" : request.orderId(), request.channel(),
                request.lines().stream().map(l -> new OrderPlaced.Line(l.line(), l.sku(), l.quantity())).toList(),
                to == null ? null : new OrderPlaced.ShipTo(to.country(), to.postcode(), to.latitude(), to.longitude()),
                true);
        return routing.preview(order).map(planned -> new PreviewResponse(planned.plan().shipments(),
                planned.plan().unfilled(), planned.policy()));
    }
}
