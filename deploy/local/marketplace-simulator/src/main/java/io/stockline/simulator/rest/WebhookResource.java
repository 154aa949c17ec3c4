package io.stockline.simulator.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.Marketplace;
import io.stockline.simulator.service.CallGate;
import io.stockline.simulator.service.WebhookService;

/**
 * Receives Stockline's generic webhook at /webhook itself (a channel whose endpoint is http://127.0.0.1:8090/webhook)
 * or at any path under it; the path below /webhook scopes the listings, so channels can keep apart.
 */
@Path("/webhook")
public class WebhookResource {

    private final CallGate gate;
    private final WebhookService webhook;

    public WebhookResource(CallGate gate, WebhookService webhook) {
        this.gate = gate;
        this.webhook = webhook;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receiveAtRoot(@HeaderParam(WebhookService.SIGNATURE_HEADER) String signature, byte[] body) {
        return receive("", signature, body);
    }

    @POST
    @Path("/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@PathParam("path") String path, @HeaderParam(WebhookService.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return gate.pass(Marketplace.WEBHOOK, "stockUpdate", webhook::failure,
                () -> webhook.receive(path, signature, body)).map(Responses::of);
    }
}
