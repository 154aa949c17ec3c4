package io.stockline.alert.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.Delivery;
import io.stockline.platform.outbound.CallFailures;
import io.stockline.platform.outbound.OutboundGuard;
import io.stockline.platform.outbound.RemoteText;
import io.stockline.platform.webhook.WebhookSignature;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Sends one delivery: a webhook POST signed with the platform's {@link WebhookSignature} under the subscription's
 * secret ({@code X-Stockline-Signature: t=<unix seconds>,v1=<hex>}, the timestamp signed with the body so that a
 * receiver refuses a replay), a Slack-compatible chat POST (unsigned: its URL is its credential), or an e-mail
 * through quarkus-mailer. Fails on anything but a 2xx or an accepted mail with a {@link DeliveryFailure}, whose
 * message names the kind of failure and the host, never the path or a secret.
 * Webhook and chat URLs are users' input: they go through the platform's {@link OutboundGuard} (a host resolving
 * inside the deployment is refused before any connection, the connection goes to the address checked, no
 * redirect is followed, an answer is read up to 64 KiB).
 */
@ApplicationScoped
public class Notifier {

    public static final String SIGNATURE_HEADER = WebhookSignature.HEADER;
    public static final String EVENT_TYPE_HEADER = "X-Stockline-Event-Type";
    public static final String DELIVERY_HEADER = "X-Stockline-Delivery";

    private final WebClient http;
    private final ReactiveMailer mailer;
    private final Clock clock;
    private final long timeoutMillis;
    private final OutboundGuard guard;

    public Notifier(Vertx vertx, ReactiveMailer mailer, Clock clock, AlertConfig config, OutboundGuard guard) {
        this.guard = guard;
        this.mailer = mailer;
        this.clock = clock;
        this.timeoutMillis = config.delivery().timeout().toMillis();
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMillis)
                .setFollowRedirects(false).setUserAgent("stockline-alert-service"));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    public Uni<Void> send(Delivery delivery, String target, String secret) {
        return switch (delivery.channel()) {
            case WEBHOOK -> post(delivery, target, secret);
            case CHAT -> post(delivery, target, null);
            // The sender is quarkus.mailer.from.
            case EMAIL -> mailer.send(Mail.withText(target, delivery.subject(), delivery.body()))
                    .onFailure().transform(DeliveryFailure::ofMail);
        };
    }

    private Uni<Void> post(Delivery delivery, String url, String secret) {
        return guard.request(http, HttpMethod.POST, url)
                .flatMap(request -> {
                    request.timeout(timeoutMillis)
                            .putHeader("Content-Type", "application/json")
                            .putHeader(EVENT_TYPE_HEADER, delivery.eventType())
                            .putHeader(DELIVERY_HEADER, delivery.id().toString());
                    if (secret != null) {
                        // Signed at each attempt: a retry carries a fresh timestamp, so it is not refused as a replay.
                        request.putHeader(SIGNATURE_HEADER,
                                WebhookSignature.sign(secret, clock.instant(), delivery.body()));
                    }
                    return request.sendBuffer(Buffer.buffer(delivery.body().getBytes(StandardCharsets.UTF_8)));
                })
                .onFailure().transform(failure -> DeliveryFailure.ofCall(failure, CallFailures.host(url), timeoutMillis))
                .map(response -> accepted(delivery, response));
    }

    /**
     * A refusal keeps only its status where viewers read it (the delivery's lastError): the receiver's own text is
     * whatever the remote end chose to say, so it goes to the log, with the delivery id to find it by.
     */
    private static Void accepted(Delivery delivery, HttpResponse<Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            Log.warnf("delivery %s refused with HTTP %d: %s", delivery.id(), response.statusCode(),
                    RemoteText.forLog(response.bodyAsString()));
            throw new DeliveryFailure("HTTP " + response.statusCode());
        }
        return null;
    }
}
