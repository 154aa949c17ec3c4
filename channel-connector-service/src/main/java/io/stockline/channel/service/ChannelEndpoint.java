package io.stockline.channel.service;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** The channel's HTTP endpoint for stock quantities (a generic webhook until the marketplace connectors land). */
@RegisterRestClient(configKey = "channel")
@Path("/stock")
public interface ChannelEndpoint {

    record StockQuantity(String channel, String sku, long quantity) {
    }

    @POST
    Uni<Void> push(StockQuantity quantity);
}
