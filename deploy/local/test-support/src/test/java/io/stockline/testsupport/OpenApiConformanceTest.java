package io.stockline.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpServer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * The filter against a tiny document (OpenAPI 3.1, as Quarkus writes it) and a JDK server whose answers each test
 * sets: a conforming exchange leaves no violation, each kind of drift leaves one naming the exchange.
 */
class OpenApiConformanceTest {

    private static final String DOCUMENT = """
            {
              "openapi": "3.1.0",
              "info": {"title": "tiny", "version": "1"},
              "servers": [{"url": "/"}],
              "paths": {
                "/api/v1/items": {
                  "get": {
                    "security": [{"bearer": []}],
                    "parameters": [{"name": "prefix", "in": "query", "required": true, "schema": {"type": "string"}}],
                    "responses": {
                      "200": {"description": "the items", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}}}
                    }
                  }
                },
                "/api/v1/items/{sku}": {
                  "get": {
                    "parameters": [{"name": "sku", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "responses": {
                      "200": {"description": "the item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                      "404": {"description": "no such item", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
                    }
                  },
                  "put": {
                    "parameters": [{"name": "sku", "in": "path", "required": true, "schema": {"type": "string"}}],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                    "responses": {
                      "200": {"description": "the item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
                      "400": {"description": "bad input", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
                    }
                  }
                }
              },
              "components": {
                "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
                "schemas": {
                  "Item": {
                    "type": "object",
                    "required": ["sku", "quantity"],
                    "properties": {
                      "sku": {"type": "string"},
                      "quantity": {"type": "integer", "format": "int32", "minimum": 0},
                      "state": {"type": "string", "enum": ["ACTIVE", "RETIRED"], "examples": ["ACTIVE"]},
                      "weight": {"type": ["number", "null"], "exclusiveMinimum": 0},
                      "retiredAt": {"anyOf": [{"$ref": "#/components/schemas/OffsetDateTime"}, {"type": "null"}]},
                      "kind": {"anyOf": [{"$ref": "#/components/schemas/Kind"}, {"type": "null"}]}
                    }
                  },
                  "OffsetDateTime": {"type": "string", "format": "date-time", "examples": ["2026-11-30T10:00:00Z"]},
                  "Kind": {"type": "string", "enum": ["BULK", "PIECE"]},
                  "Problem": {
                    "type": "object",
                    "properties": {"title": {"type": "string"}, "status": {"type": "integer", "format": "int32"}}
                  }
                }
              }
            }
            """;

    /** What the server answers to "METHOD path": status, content type, body. */
    private final Map<String, String[]> answers = new ConcurrentHashMap<>();
    private HttpServer server;
    private OpenApiConformance filter;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String[] answer = answers.getOrDefault(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String[] {"404", "application/problem+json", "{\"title\":\"Not Found\",\"status\":404}"});
            byte[] body = answer[2].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer[1]);
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        filter = new OpenApiConformance("tiny.json", DOCUMENT);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(String request, int status, String contentType, String body) {
        answers.put(request, new String[] {String.valueOf(status), contentType, body});
    }

    private io.restassured.specification.RequestSpecification call() {
        return given().filter(filter).port(server.getAddress().getPort());
    }

    @Test
    void aConformingExchangeLeavesNoViolation() {
        answer("GET /api/v1/items/A1", 200, "application/json", "{\"sku\":\"A1\",\"quantity\":3,\"state\":\"ACTIVE\"}");
        answer("PUT /api/v1/items/A1", 200, "application/json", "{\"sku\":\"A1\",\"quantity\":4}");

        call().get("/api/v1/items/A1").then().statusCode(200);
        call().contentType(ContentType.JSON).body("{\"sku\":\"A1\",\"quantity\":4}").put("/api/v1/items/A1").then().statusCode(200);
        call().get("/api/v1/items/NOPE").then().statusCode(404);

        assertThat(filter.drain()).isEmpty();
    }

    /** RestAssured adds an oauth2 token, and reads a query written into the path, after the filters: both count. */
    @Test
    void theTokenAndTheQueryAreTakenAsSent() {
        answer("GET /api/v1/items", 200, "application/json", "[]");

        call().auth().oauth2("t0ken").get("/api/v1/items?prefix=A").then().statusCode(200);
        call().header("Authorization", "Bearer t0ken").queryParam("prefix", "A").get("/api/v1/items").then().statusCode(200);
        assertThat(filter.drain()).isEmpty();

        call().get("/api/v1/items?prefix=A").then().statusCode(200);
        call().auth().oauth2("t0ken").get("/api/v1/items").then().statusCode(200);
        List<String> violations = filter.drain();
        assertThat(violations).hasSize(2);
        assertThat(violations.get(0)).contains("security");
        assertThat(violations.get(1)).contains("prefix");
    }

    @Test
    void anUndocumentedStatusIsAViolation() {
        answer("GET /api/v1/items/A1", 409, "application/problem+json", "{\"title\":\"Conflict\",\"status\":409}");

        call().get("/api/v1/items/A1").then().statusCode(409);

        assertThat(filter.drain()).singleElement().asString()
                .startsWith("GET /api/v1/items/A1 -> 409:").contains("validation.response.status.unknown");
    }

    @Test
    void anAnswerMissingARequiredPropertyIsAViolation() {
        answer("GET /api/v1/items/A1", 200, "application/json", "{\"sku\":\"A1\"}");

        call().get("/api/v1/items/A1").then().statusCode(200);

        assertThat(filter.drain()).singleElement().asString()
                .startsWith("GET /api/v1/items/A1 -> 200:").contains("quantity");
    }

    @Test
    void aValueOutsideTheEnumOrOfAnotherTypeIsAViolation() {
        answer("GET /api/v1/items/A1", 200, "application/json", "{\"sku\":\"A1\",\"quantity\":\"three\",\"state\":\"GONE\"}");

        call().get("/api/v1/items/A1").then().statusCode(200);

        assertThat(filter.drain()).singleElement().asString().contains("GONE").contains("quantity");
    }

    /** A 3.1 document's numeric exclusiveMinimum, type lists and nullable references keep their meaning (the validator reads 3.0). */
    @Test
    void theRulesOfA31DocumentHold() {
        answer("GET /api/v1/items/A1", 200, "application/json",
                "{\"sku\":\"A1\",\"quantity\":3,\"weight\":null,\"retiredAt\":null,\"kind\":null}");
        answer("GET /api/v1/items/A2", 200, "application/json",
                "{\"sku\":\"A2\",\"quantity\":3,\"weight\":0.5,\"retiredAt\":\"2026-11-30T10:00:00Z\",\"kind\":\"BULK\"}");
        answer("GET /api/v1/items/A3", 200, "application/json", "{\"sku\":\"A3\",\"quantity\":3,\"weight\":0}");
        answer("GET /api/v1/items/A4", 200, "application/json", "{\"sku\":\"A4\",\"quantity\":3,\"retiredAt\":7,\"kind\":\"LOOSE\"}");

        call().get("/api/v1/items/A1").then().statusCode(200);
        call().get("/api/v1/items/A2").then().statusCode(200);
        assertThat(filter.drain()).isEmpty();

        call().get("/api/v1/items/A3").then().statusCode(200);
        assertThat(filter.drain()).singleElement().asString().startsWith("GET /api/v1/items/A3 -> 200:").contains("weight");
        call().get("/api/v1/items/A4").then().statusCode(200);
        assertThat(filter.drain()).singleElement().asString().startsWith("GET /api/v1/items/A4 -> 200:")
                .contains("retiredAt").contains("LOOSE");
    }

    @Test
    void anUndocumentedContentTypeIsAViolation() {
        answer("GET /api/v1/items/A1", 404, "application/json", "{\"title\":\"Not Found\",\"status\":404}");

        call().get("/api/v1/items/A1").then().statusCode(404);

        assertThat(filter.drain()).singleElement().asString().contains("-> 404:").contains("application/json");
    }

    @Test
    void anAcceptedRequestTheDocumentRefusesIsAViolation() {
        answer("PUT /api/v1/items/A1", 200, "application/json", "{\"sku\":\"A1\",\"quantity\":4}");

        call().contentType(ContentType.JSON).body("{\"sku\":\"A1\"}").put("/api/v1/items/A1").then().statusCode(200);

        assertThat(filter.drain()).singleElement().asString().startsWith("PUT /api/v1/items/A1 -> 200:")
                .contains("request").contains("quantity");
    }

    @Test
    void aRefusedRequestIsNotHeldToTheDocumentButItsAnswerIs() {
        answer("PUT /api/v1/items/A1", 400, "application/problem+json", "{\"title\":\"Bad Request\",\"status\":400}");
        answer("PUT /api/v1/items/A2", 400, "application/problem+json", "{\"title\":\"Bad Request\",\"status\":\"four hundred\"}");

        call().contentType(ContentType.JSON).body("{\"sku\":\"A1\"}").put("/api/v1/items/A1").then().statusCode(400);
        assertThat(filter.drain()).isEmpty();

        call().contentType(ContentType.JSON).body("{\"sku\":\"A2\"}").put("/api/v1/items/A2").then().statusCode(400);
        assertThat(filter.drain()).singleElement().asString().contains("-> 400:").contains("answer").doesNotContain("request ");
    }

    @Test
    void anApiPathTheDocumentLacksIsAViolationAndOtherPathsAreNotChecked() {
        answer("GET /api/v1/widgets", 200, "application/json", "[]");
        answer("DELETE /api/v1/items/A1", 204, "application/json", "");
        answer("GET /q/health", 200, "application/json", "{\"status\":\"UP\"}");

        call().get("/api/v1/widgets").then().statusCode(200);
        call().delete("/api/v1/items/A1").then().statusCode(204);
        call().get("/q/health").then().statusCode(200);
        call().get("/api/v1/gone").then().statusCode(404);

        List<String> violations = filter.drain();
        assertThat(violations).hasSize(2);
        assertThat(violations.get(0)).startsWith("GET /api/v1/widgets -> 200:").contains("not in tiny.json");
        assertThat(violations.get(1)).startsWith("DELETE /api/v1/items/A1 -> 204:").contains("not in tiny.json");
    }

    /** The validator takes each committed document (as 3.0): none uses a 3.1 construct the reading leaves out. */
    @ParameterizedTest
    @ValueSource(strings = {"inventory-service", "channel-connector-service", "allocation-service", "alert-service"})
    void everyCommittedDocumentLoads(String service) {
        assertThat(OpenApiConformance.of(service)).isNotNull();
    }

    /** What the JUnit extension does before and after each test of a service: install, then collect. */
    @Test
    void installedForAServiceItHoldsEveryCallToItsCommittedDocument() {
        answer("GET /api/v1/not-documented", 200, "application/json", "[]");
        try {
            OpenApiConformance.install("alert-service");
            OpenApiConformance.install("alert-service");
            assertThat(RestAssured.filters()).filteredOn(OpenApiConformance.class::isInstance).hasSize(1);

            given().port(server.getAddress().getPort()).get("/api/v1/not-documented").then().statusCode(200);

            assertThat(OpenApiConformance.drainInstalled()).singleElement().asString()
                    .isEqualTo("GET /api/v1/not-documented -> 200: the operation is not in alert-service.json");
            assertThat(OpenApiConformance.drainInstalled()).isEmpty();
        } finally {
            RestAssured.reset();
        }
    }
}
