package io.stockline.console.transfers.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** The part of inventory-service's transfer API (deploy/openapi/inventory-service.json) the console uses. */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/transfers")
public interface TransferApi {

    @GET
    List<Transfer> recent(@QueryParam("limit") int limit);

    /** The body is a map so that what a person typed reaches the API as typed, and its refusal names the field. */
    @POST
    Transfer draft(Map<String, Object> transfer);

    @POST
    @Path("/{number}/ship")
    Transfer ship(@PathParam("number") String number);

    @POST
    @Path("/{number}/receipts")
    void receive(@PathParam("number") String number, @HeaderParam("Idempotency-Key") String idempotencyKey,
            Map<String, Object> receipt);

    record Line(int line, String sku, long quantity, long inTransit, long received, long lost) {
    }

    record Transfer(String number, String from, String to, String status, List<Line> lines, String createdBy,
            OffsetDateTime createdAt, OffsetDateTime shippedAt) {

        /** Still to be shipped, or shipped and not all of it received yet. */
        public boolean open() {
            return "DRAFT".equals(status) || "SHIPPED".equals(status) || "PARTIALLY_RECEIVED".equals(status);
        }

        public boolean shippable() {
            return "DRAFT".equals(status);
        }

        public boolean receivable() {
            return ("SHIPPED".equals(status) || "PARTIALLY_RECEIVED".equals(status))
                    && lines != null && lines.stream().anyMatch(line -> line.inTransit() > 0);
        }
    }
}
