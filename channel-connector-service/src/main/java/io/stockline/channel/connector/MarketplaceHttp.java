package io.stockline.channel.connector;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The HTTP client every connector shares, and the reading of HTTP answers every marketplace API agrees on:
 * 429 is a slow-down (Retry-After), 401/403 a refused credential, 408 and 5xx worth retrying, other 4xx final.
 */
@ApplicationScoped
public class MarketplaceHttp {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final WebClient client;

    public MarketplaceHttp(Vertx vertx) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("Stockline/0.1 (Language=Java)")
                .setConnectTimeout(5_000)
                .setFollowRedirects(false));
    }

    WebClient client() {
        return client;
    }

    /** {@code channel.endpoint()} followed by {@code path}, without doubling the slash between them. */
    static String url(ChannelAccess channel, String path) {
        String base = channel.endpoint().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    static long timeoutMillis(ChannelAccess channel) {
        return Long.parseLong(channel.option("timeoutMillis", "10000"));
    }

    static boolean ok(HttpResponse<Buffer> response) {
        return response.statusCode() >= 200 && response.statusCode() < 300;
    }

    /** The failure an unsuccessful answer means; {@code what} names the call, never its credentials. */
    static MarketplaceException failure(String what, HttpResponse<Buffer> response) {
        int status = response.statusCode();
        String message = what + " answered HTTP " + status;
        if (status == 429) {
            return new MarketplaceException.Throttled(message, retryAfter(response.getHeader("Retry-After")));
        }
        if (status == 401 || status == 403) {
            return new MarketplaceException.AuthenticationFailure(message);
        }
        if (status == 408 || status >= 500) {
            return new MarketplaceException.TransientFailure(message);
        }
        return new MarketplaceException.PermanentFailure(message + ": " + abbreviate(response.bodyAsString()));
    }

    /** A failure to get any answer (refused connection, timeout) is worth retrying. */
    static Throwable transport(String what, Throwable failure) {
        return failure instanceof MarketplaceException ? failure
                : new MarketplaceException.TransientFailure(what + " unreachable: " + failure.getMessage(), failure);
    }

    /** Retry-After as seconds or as an HTTP date; one second when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.trim();
        try {
            return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
