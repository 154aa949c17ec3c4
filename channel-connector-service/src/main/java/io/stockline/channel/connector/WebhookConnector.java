package io.stockline.channel.connector;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;
import io.stockline.platform.webhook.WebhookSignature;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * The generic webhook: POSTs {@code {channel, sentAt, updates[{sku, listingId, quantity}]}} to the channel's
 * endpoint, signed the one way every Stockline webhook is ({@link WebhookSignature}):
 * {@code X-Stockline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} under the channel's
 * {@code secret} credential. The timestamp is signed with the exact body, so a receiver that verifies the signature
 * and refuses timestamps more than five minutes off cannot be fooled by a replayed request. Any 2xx means every
 * update is applied.
 */
@ApplicationScoped
public class WebhookConnector implements MarketplaceConnector {

    private final MarketplaceHttp http;
    private final Clock clock;

    public WebhookConnector(MarketplaceHttp http) {
        this.http = http;
        this.clock = Clock.systemUTC();
    }

    @Override
    public ChannelType type() {
        return ChannelType.WEBHOOK;
    }

    @Override
    public int maxBatchSize() {
        return 100;
    }

    @Override
    public DocumentedLimit rateLimit() {
        return new DocumentedLimit(10, 10);
    }

    @Override
    public Uni<Reply<List<ListingOutcome>>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        JsonArray lines = new JsonArray();
        updates.forEach(update -> lines.add(new JsonObject().put("sku", update.sku())
                .put("listingId", update.listingId()).put("quantity", update.quantity())));
        Instant now = clock.instant();
        String body = new JsonObject().put("channel", channel.channelId()).put("sentAt", now.toString())
                .put("updates", lines).encode();
        String what = "webhook " + channel.channelId();
        return http.request(HttpMethod.POST, channel.endpoint().toString()).flatMap(request -> request
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.HEADER, WebhookSignature.sign(channel.credential("secret"), now, body))
                .putHeader("Idempotency-Key", ShopifyConnector.idempotencyKey(updates))
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .sendBuffer(Buffer.buffer(body)))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, channel, failure))
                .map(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    return Reply.of(updates.stream().map(ListingOutcome::applied).toList());
                });
    }

    @Override
    public boolean canReadBack() {
        return false;
    }

    @Override
    public Uni<Reply<Map<String, Long>>> read(ChannelAccess channel, List<String> listingIds) {
        return Uni.createFrom().item(Reply.of(Map.of()));
    }
}
