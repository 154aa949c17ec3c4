package io.stockline.alert.messaging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.Delivery;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Sends one delivery: a webhook POST signed with HMAC-SHA256 of the exact body under the subscription's secret
 * ({@code X-Stockline-Signature: sha256=<hex>}), a Slack-compatible chat POST, or an e-mail over SMTP with the
 * Vert.x mail client. Fails on anything but a 2xx or an accepted mail, with a message that names no secret.
 */
@ApplicationScoped
public class Notifier {

    public static final String SIGNATURE_HEADER = "X-Stockline-Signature";
    public static final String EVENT_TYPE_HEADER = "X-Stockline-Event-Type";
    public static final String DELIVERY_HEADER = "X-Stockline-Delivery";

    private final WebClient http;
    private final MailClient mail;
    private final String from;
    private final long timeoutMillis;

    public Notifier(Vertx vertx, AlertConfig config) {
        this.timeoutMillis = config.delivery().timeout().toMillis();
        this.http = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMillis)
                .setFollowRedirects(false).setUserAgent("stockline-alert-service"));
        AlertConfig.Mail smtp = config.mail();
        MailConfig mailConfig = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
                .setStarttls(StartTLSOptions.valueOf(smtp.startTls()));
        smtp.username().ifPresent(mailConfig::setUsername);
        smtp.password().ifPresent(mailConfig::setPassword);
        this.mail = MailClient.createShared(vertx, mailConfig, "stockline-alerts");
        this.from = smtp.from();
    }

    @PreDestroy
    void close() {
        http.close();
        mail.closeAndAwait();
    }

    public Uni<Void> send(Delivery delivery, String target, String secret) {
        return switch (delivery.channel()) {
            case WEBHOOK -> post(delivery, target, secret);
            case CHAT -> post(delivery, target, null);
            case EMAIL -> mail.sendMail(new MailMessage().setFrom(from).setTo(target).setSubject(delivery.subject())
                    .setText(delivery.body())).replaceWithVoid();
        };
    }

    private Uni<Void> post(Delivery delivery, String url, String secret) {
        var request = http.postAbs(url).timeout(timeoutMillis)
                .putHeader("Content-Type", "application/json")
                .putHeader(EVENT_TYPE_HEADER, delivery.eventType())
                .putHeader(DELIVERY_HEADER, delivery.id().toString());
        if (secret != null) {
            request.putHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, delivery.body()));
        }
        return request.sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(
                Buffer.buffer(delivery.body().getBytes(StandardCharsets.UTF_8))))
                .map(Notifier::accepted);
    }

    private static Void accepted(HttpResponse<io.vertx.mutiny.core.buffer.Buffer> response) {
        if (response.statusCode() / 100 != 2) {
            String body = response.bodyAsString();
            throw new IllegalStateException("HTTP " + response.statusCode()
                    + (body == null || body.isBlank() ? "" : ": " + body.substring(0, Math.min(body.length(), 200))));
        }
        return null;
    }

    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
