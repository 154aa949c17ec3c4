package io.stockline.channel.connector;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * The generic webhook: POSTs {@code {channel, sentAt, updates[{sku, listingId, quantity}]}} to the channel's
 * endpoint. {@code X-Stockline-Timestamp} carries the sending time in Unix seconds and
 * {@code X-Stockline-Signature: sha256=<hex>} the HMAC-SHA256, under the channel's {@code secret} credential, of
 * {@code <timestamp>.<exact body>}: a receiver that checks the signature and refuses timestamps older than a few
 * minutes cannot be fooled by a replayed request. Any 2xx means every update is applied.
 */
@ApplicationScoped
public class WebhookConnector implements MarketplaceConnector {

    static final String SIGNATURE_HEADER = "X-Stockline-Signature";
    static final String TIMESTAMP_HEADER = "X-Stockline-Timestamp";

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
    public RateLimit rateLimit() {
        return new RateLimit(10, 10);
    }

    @Override
    public Uni<List<ListingOutcome>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        JsonArray lines = new JsonArray();
        updates.forEach(update -> lines.add(new JsonObject().put("sku", update.sku())
                .put("listingId", update.listingId()).put("quantity", update.quantity())));
        String body = new JsonObject().put("channel", channel.channelId()).put("sentAt", clock.instant().toString())
                .put("updates", lines).encode();
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String what = "webhook " + channel.channelId();
        return http.client().postAbs(channel.endpoint().toString())
                .putHeader("Content-Type", "application/json")
                .putHeader(TIMESTAMP_HEADER, timestamp)
                .putHeader(SIGNATURE_HEADER, "sha256=" + sign(channel.credential("secret"), timestamp, body))
                .putHeader("Idempotency-Key", ShopifyConnector.idempotencyKey(updates))
                .timeout(MarketplaceHttp.timeoutMillis(channel))
                .sendBuffer(Buffer.buffer(body))
                .onFailure().transform(failure -> MarketplaceHttp.transport(what, failure))
                .map(response -> {
                    if (!MarketplaceHttp.ok(response)) {
                        throw MarketplaceHttp.failure(what, response);
                    }
                    return updates.stream().map(ListingOutcome::applied).toList();
                });
    }

    @Override
    public boolean canReadBack() {
        return false;
    }

    @Override
    public Uni<Map<String, Long>> read(ChannelAccess channel, List<String> listingIds) {
        return Uni.createFrom().item(Map.of());
    }

    /** Hex HMAC-SHA256 of {@code <timestamp>.<body>}: what a receiver recomputes to check a request. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
