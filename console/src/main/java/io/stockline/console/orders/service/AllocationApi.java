package io.stockline.console.orders.service;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** The part of allocation-service's API (deploy/openapi/allocation-service.json) the orders page uses. */
@RegisterRestClient(configKey = "allocations")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/allocations")
public interface AllocationApi {

    @GET
    Page recent(@QueryParam("status") String status, @QueryParam("limit") int limit,
            @QueryParam("before") String before);

    @GET
    @Path("/{orderId}")
    Allocation allocation(@PathParam("orderId") String orderId);

    record Line(int line, String sku, long quantity) {
    }

    record Shipment(String location, String reservationId, String status, List<Line> lines) {
    }

    record Allocation(String orderId, String channel, String status, int attempts, String reason,
            List<Shipment> shipments, List<Line> backordered, OffsetDateTime updatedAt) {

        /** Shipped from more than one location. */
        public boolean split() {
            return shipments != null && shipments.size() > 1;
        }

        public long allocatedUnits() {
            return shipments == null ? 0 : shipments.stream().flatMap(s -> s.lines().stream())
                    .mapToLong(Line::quantity).sum();
        }

        public long backorderedUnits() {
            return backordered == null ? 0 : backordered.stream().mapToLong(Line::quantity).sum();
        }
    }

    record Page(List<Allocation> allocations, String next) {
    }
}
