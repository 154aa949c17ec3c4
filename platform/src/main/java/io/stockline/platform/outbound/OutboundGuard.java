package io.stockline.platform.outbound;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.problem.RuleViolation;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;

/**
 * The one way a service calls a URL a user gave (a webhook, a chat hook, a channel's endpoint). Checked when it is
 * saved ({@link #check}: a problem naming the field) and again when it is called ({@link #request}): the host is
 * resolved once, every address it resolves to is checked against the {@link HostPolicy}, and the request connects
 * to the address that was checked while keeping the name for the Host header and TLS (no window for DNS to answer
 * differently between check and connect). Redirects are never followed, so a credential never follows one, and an
 * answer is read up to a cap. Name resolution blocks, so it runs on a worker thread and hands back on the caller's
 * context.
 */
@ApplicationScoped
public class OutboundGuard {

    /** What an answer from a user-given URL may hold; past it the call fails ({@link ResponseTooLarge}). */
    public static final long DEFAULT_MAX_BODY = 64 * 1024;

    /** A checked target: what the request names, and the address it will connect to. */
    public record Target(URI uri, String host, int port, boolean ssl, InetAddress address) {

        String pathAndQuery() {
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
    }

    private final Vertx vertx;
    private final HostPolicy policy;
    private final boolean httpsOnly;

    public OutboundGuard(Vertx vertx,
            @ConfigProperty(name = "stockline.outbound.allowed-hosts") Optional<List<String>> allowedHosts,
            @ConfigProperty(name = "stockline.outbound.https-only", defaultValue = "false") boolean httpsOnly) {
        this.vertx = vertx;
        this.policy = new HostPolicy(allowedHosts.orElse(List.of()));
        this.httpsOnly = httpsOnly;
    }

    /** The policy in force, for checks that need no resolution (the host is named in the allow-list). */
    public HostPolicy policy() {
        return policy;
    }

    /**
     * Save-time check of a URL in field {@code field}: http(s) (https only when {@code httpsOnly}), with a host that
     * resolves only to addresses the policy lets through. Fails with a 422 problem naming the field. Where the
     * deployment says {@code stockline.outbound.https-only} (production), plain http is refused for every host it
     * does not name.
     */
    public Uni<URI> check(String field, String url, boolean httpsOnly) {
        URI uri = parse(field, url, false);
        boolean named = policy.allows(uri);
        if ((httpsOnly || this.httpsOnly) && !named && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw RuleViolation.invalid(field, "an https URL");
        }
        // a name that does not resolve yet is saved: nothing can be reached through it, and the call checks again
        return resolve(uri, false).onFailure(OutboundRefused.class)
                .transform(refused -> RuleViolation.unprocessable(field, refused.getMessage()))
                .replaceWith(uri);
    }

    /** Call-time check: resolves the host once and picks the checked address to connect to. */
    public Uni<Target> resolve(URI uri) {
        return resolve(uri, true);
    }

    private Uni<Target> resolve(URI uri, boolean mustResolve) {
        String host = uri.getHost();
        if (host == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            return Uni.createFrom().failure(new OutboundRefused("not an http or https URL"));
        }
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = HostPolicy.port(uri);
        boolean allowedByName = policy.allows(host, port);
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                if (mustResolve) {
                    throw new OutboundRefused(host + " does not resolve");
                }
                return null;
            }
            if (!allowedByName) {
                for (InetAddress address : addresses) {
                    Optional<String> refusal = HostPolicy.refusal(address);
                    if (refusal.isPresent()) {
                        throw new OutboundRefused(host + " resolves to " + refusal.get()
                                + "; only a host the deployment allows (stockline.outbound.allowed-hosts) may");
                    }
                }
            }
            // IPv4 first: a test double bound to 127.0.0.1 is reached whatever order the resolver gives
            InetAddress chosen = Arrays.stream(addresses)
                    .min(Comparator.comparingInt(address -> address instanceof Inet4Address ? 0 : 1)).orElseThrow();
            return new Target(uri, host, port, ssl, chosen);
        }), false);
    }

    /**
     * A request to {@code url} through {@code client} that connects to the checked address, follows no redirect and
     * reads at most {@code maxBody} bytes of the answer. Fails with {@link OutboundRefused} before any connection
     * when the host is refused.
     */
    public Uni<HttpRequest<Buffer>> request(WebClient client, HttpMethod method, String url, long maxBody) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new OutboundRefused("not a URL"));
        }
        return resolve(uri).map(target -> client
                .request(method, SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()),
                        target.port(), target.host(), target.pathAndQuery())
                .ssl(target.ssl())
                .followRedirects(false)
                .as(BodyCodec.newInstance(new CappedBody(maxBody))));
    }

    /** {@link #request(WebClient, HttpMethod, String, long)} with the default cap of 64 KiB. */
    public Uni<HttpRequest<Buffer>> request(WebClient client, HttpMethod method, String url) {
        return request(client, method, url, DEFAULT_MAX_BODY);
    }

    private static URI parse(String field, String url, boolean httpsOnly) {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url.trim());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid(field, httpsOnly ? "an https URL" : "an http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || (!httpsOnly && scheme.equals("http")))) {
            throw RuleViolation.invalid(field, httpsOnly ? "an https URL" : "an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw RuleViolation.invalid(field, "a URL without user information (credentials belong elsewhere)");
        }
        return uri;
    }
}
