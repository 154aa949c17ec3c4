package io.stockline.channel.connector;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.ChannelType;

/** A marketplace played by WireMock on a free loopback port, and the small things every connector test needs. */
final class MarketplaceStub {

    static final Duration AWAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    private MarketplaceStub() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** A channel of its own for each test, so rate limits and circuit breakers never carry over. */
    static ChannelAccess channel(ChannelType type, WireMockServer server, Map<String, String> credentials,
            Map<String, String> options) {
        Map<String, String> allOptions = new HashMap<>();
        // quick retries so the tests do not sit out production backoffs
        allOptions.put("retryInitialBackoffMillis", "20");
        allOptions.put("retryMaxBackoffMillis", "100");
        allOptions.putAll(options);
        return new ChannelAccess(type.name().toLowerCase() + "-" + UUID.randomUUID(), type, URI.create(server.baseUrl()),
                credentials, allOptions);
    }

    static List<ListingUpdate> updates(int count, IntFunction<String> listingId) {
        List<ListingUpdate> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            updates.add(new ListingUpdate(String.format("SKU-%04d", i), listingId.apply(i), i, null, "key-" + i));
        }
        return updates;
    }

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(AWAIT);
    }

    static Throwable failureOf(Uni<?> uni) {
        try {
            uni.await().atMost(AWAIT);
        } catch (Throwable failure) {
            return failure;
        }
        throw new AssertionError("expected the call to fail");
    }

    static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception notJson) {
            throw new AssertionError("request body is not JSON: " + request.getBodyAsString(), notJson);
        }
    }
}
