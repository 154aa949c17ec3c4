package io.stockline.inventory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.stockline.testsupport.ServiceProcess;
import io.stockline.testsupport.Tokens;

/** The inventory API of a service running as a process, for tests that start and kill instances. */
final class ProcessApi {

    private static final String ADMIN = Tokens.bearer("admin");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProcessApi() {
    }

    /** Posts JSON; returns the status code. */
    static int post(ServiceProcess service, String path, String idempotencyKey, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.url(path)))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String get(ServiceProcess service, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(service.url(path))).header("Authorization", ADMIN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void createLocation(ServiceProcess service, String code) throws IOException, InterruptedException {
        expect(201, post(service, "/api/v1/locations", null,
                "{\"code\":\"" + code + "\",\"name\":\"" + code + "\",\"type\":\"WAREHOUSE\"}"));
    }

    static void createItem(ServiceProcess service, String sku) throws IOException, InterruptedException {
        expect(201, post(service, "/api/v1/items", null, "{\"sku\":\"" + sku + "\",\"name\":\"" + sku + "\"}"));
    }

    static int move(ServiceProcess service, String type, String sku, String location, long quantity)
            throws IOException, InterruptedException {
        return post(service, "/api/v1/movements", UUID.randomUUID().toString(), "{\"type\":\"" + type
                + "\",\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"quantity\":" + quantity + "}");
    }

    static void expect(int status, int actual) {
        if (status != actual) {
            throw new AssertionError("expected HTTP " + status + " but got " + actual);
        }
    }
}
