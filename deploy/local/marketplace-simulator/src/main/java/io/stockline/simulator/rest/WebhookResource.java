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

/** Receives Stockline's generic webhook at any path under /webhook; the path scopes its listings. */
@Path("/webhook/{path: .+}")
public class WebhookResource {

    private final CallGate gate;
    private final WebhookService webhook;

    public WebhookResource(CallGate gate, WebhookService webhook) {
        this.gate = gate;
        this.webhook = webhook;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> receive(@PathParam("path") String path, @HeaderParam(WebhookService.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return gate.pass(Marketplace.WEBHOOK, "stockUpdate", webhook::failure,
                () -> webhook.receive(path, signature, body)).map(Responses::of);
    }
}
