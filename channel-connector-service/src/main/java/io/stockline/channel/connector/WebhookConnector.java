package io.stockline.channel.connector;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The generic webhook: POSTs {@code {channel, sentAt, updates[{sku, listingId, quantity}]}} to the channel's
 * endpoint, signed with HMAC-SHA256 of the exact body under the channel's {@code secret} credential in
 * {@code X-Stockline-Signature: sha256=<hex>}. Any 2xx means every update is applied.
 */
@ApplicationScoped
public class WebhookConnector implements MarketplaceConnector {

    static final String SIGNATURE_HEADER = "X-Stockline-Signature";

    private final WebClient client;

    public WebhookConnector(Vertx vertx) {
        this.client = WebClient.create(vertx);
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
    public Uni<List<ListingOutcome>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        JsonArray lines = new JsonArray();
        updates.forEach(update -> lines.add(new JsonObject().put("sku", update.sku())
                .put("listingId", update.listingId()).put("quantity", update.quantity())));
        String body = new JsonObject().put("channel", channel.channelId()).put("sentAt", Instant.now().toString())
                .put("updates", lines).encode();
        return client.postAbs(channel.endpoint().toString())
                .putHeader("Content-Type", "application/json")
                .putHeader(SIGNATURE_HEADER, "sha256=" + sign(channel.credential("secret"), body))
                .putHeader("Idempotency-Key", updates.get(0).idempotencyKey())
                .timeout(Long.parseLong(channel.option("timeoutMillis", "5000")))
                .sendBuffer(Buffer.buffer(body))
                .onFailure().transform(failure -> failure instanceof MarketplaceException ? failure
                        : new MarketplaceException.TransientFailure("webhook " + channel.channelId() + " unreachable: " + failure.getMessage(), failure))
                .map(response -> outcomes(channel, updates, response));
    }

    private static List<ListingOutcome> outcomes(ChannelAccess channel, List<ListingUpdate> updates, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return updates.stream().map(ListingOutcome::applied).toList();
        }
        String message = "webhook " + channel.channelId() + " answered " + status;
        if (status == 429) {
            throw new MarketplaceException.Throttled(message, retryAfter(response.getHeader("Retry-After")));
        }
        if (status == 401 || status == 403) {
            throw new MarketplaceException.AuthenticationFailure(message);
        }
        if (status >= 500 || status == 408) {
            throw new MarketplaceException.TransientFailure(message);
        }
        throw new MarketplaceException.PermanentFailure(message);
    }

    static Duration retryAfter(String header) {
        try {
            return header == null ? Duration.ofSeconds(1) : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            return Duration.ofSeconds(1);
        }
    }

    @Override
    public boolean canReadBack() {
        return false;
    }

    @Override
    public Uni<Map<String, Long>> read(ChannelAccess channel, List<String> listingIds) {
        return Uni.createFrom().item(Map.of());
    }

    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
