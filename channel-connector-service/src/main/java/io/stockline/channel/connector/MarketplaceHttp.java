package io.stockline.channel.connector;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.platform.outbound.CallFailures;
import io.stockline.platform.outbound.OutboundGuard;
import io.stockline.platform.outbound.OutboundRefused;
import io.stockline.platform.outbound.RemoteText;
import io.stockline.platform.outbound.ResponseTooLarge;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * The HTTP client every connector shares, and the reading of HTTP answers every marketplace API agrees on:
 * 429 is a slow-down (Retry-After), 401/403 a refused credential, 408 and 5xx worth retrying, other 4xx final.
 * Every call goes through the platform's {@link OutboundGuard}: a channel's endpoint is an admin's input, so its host
 * is resolved once, refused (before any connection, with the credentials still here) when it leads into the
 * deployment, and the request connects to the address checked; no redirect is followed and an answer is read up to
 * {@link #MAX_ANSWER}.
 */
@ApplicationScoped
public class MarketplaceHttp {

    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    /** How long a channel's calls wait for an answer, in milliseconds (10 s unless the channel says). */
    public static final String TIMEOUT_OPTION = "timeoutMillis";

    /** A WooCommerce page of 100 full products runs to hundreds of KiB; nothing a connector reads needs more. */
    static final long MAX_ANSWER = 4L * 1024 * 1024;

    private final WebClient client;
    private final OutboundGuard guard;

    public MarketplaceHttp(Vertx vertx, OutboundGuard guard) {
        this.guard = guard;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("Stockline/0.1 (Language=Java)")
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setFollowRedirects(false));
    }

    /** A request to {@code url}, checked and pinned by the guard; a refused host fails for good (no retry). */
    Uni<HttpRequest<Buffer>> request(HttpMethod method, String url) {
        return guard.request(client, method, url, MAX_ANSWER).onFailure(OutboundRefused.class)
                .transform(refused -> new MarketplaceException.PermanentFailure("refused: " + refused.getMessage()));
    }

    /**
     * Where a channel gets its access tokens: the marketplace's own token endpoint ({@code production}), never a
     * channel option; only a test double or simulator the deployment allows by name
     * ({@code stockline.outbound.allowed-hosts}) serves them beside its API, at its endpoint + {@code path}.
     */
    String tokenEndpoint(ChannelAccess channel, String path, String production) {
        return guard.policy().allows(channel.endpoint()) ? url(channel, path) : production;
    }

    /** {@code channel.endpoint()} followed by {@code path}, without doubling the slash between them. */
    static String url(ChannelAccess channel, String path) {
        String base = channel.endpoint().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    static long timeoutMillis(ChannelAccess channel) {
        return Long.parseLong(channel.option(TIMEOUT_OPTION, "10000").strip());
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
        logAnswer(what, status, response.bodyAsString());
        return new MarketplaceException.PermanentFailure(message);
    }

    /**
     * A marketplace's own words about a failure go to the log (cut short, credentials masked), never into what the
     * API shows: there a failure is its class and status code, or the marketplace's error code.
     */
    static void logAnswer(String what, int status, String body) {
        Log.warnf("%s answered HTTP %d: %s", what, status, RemoteText.forLog(body));
    }

    /** {@link #transport(String, String, long, Throwable)} for a call to the channel's endpoint, with its timeout. */
    static Throwable transport(String what, ChannelAccess channel, Throwable failure) {
        // read for a timeout only: a timeoutMillis that is no number failed the call here, and would fail this again
        long timeout = failure instanceof TimeoutException ? timeoutMillis(channel) : 0;
        return transport(what, channel.endpoint().getHost(), timeout, failure);
    }

    /**
     * A failure to get any answer from {@code host} (refused connection, timeout) is worth retrying. It is described
     * by its kind and the host only, never by the transport exception's own message: Vert.x names the request's path
     * and query there ("... while executing POST /hooks/&lt;token&gt; for server ..."), and an endpoint's path may be
     * its credential. Nor is that exception kept as the cause: a push's trace span records its causes' messages.
     */
    static Throwable transport(String what, String host, long timeoutMillis, Throwable failure) {
        if (failure instanceof ResponseTooLarge tooLarge) {
            return new MarketplaceException.PermanentFailure(what + ": " + tooLarge.getMessage());
        }
        return failure instanceof MarketplaceException ? failure
                : new MarketplaceException.TransientFailure(what + " unreachable: " + CallFailures.describe(failure, host, timeoutMillis, CONNECT_TIMEOUT_MILLIS));
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

    @PreDestroy
    void close() {
        client.close();
    }
}
