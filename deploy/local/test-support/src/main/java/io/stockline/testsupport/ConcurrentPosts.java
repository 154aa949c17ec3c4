package io.stockline.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * JSON posts sent from many threads at once, for tests that race requests against each other (group commit, the
 * guard on a hot row): each post is an HTTP/1.1 exchange of its own, so the service sees them as concurrent callers.
 */
public final class ConcurrentPosts implements AutoCloseable {

    private final ExecutorService callers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public ConcurrentPosts(int threads) {
        callers = Executors.newFixedThreadPool(threads);
    }

    /** Posts {@code json} to {@code uri} with the bearer token and idempotency key; the answer arrives later. */
    public Future<HttpResponse<String>> post(URI uri, String authorization, String idempotencyKey, String json) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return callers.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    @Override
    public void close() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
