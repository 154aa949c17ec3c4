package io.stockline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * A RestAssured filter holding every exchange a test makes with its service to the service's committed OpenAPI
 * document (deploy/openapi/{service}.json), so the documented API and the served API cannot drift (issue 20).
 * <p>
 * Every answer is validated: its status must be documented for the operation, its content type and body must match
 * (a 4xx or 5xx is the {@code Problem} schema). The request is validated too when the service accepted it (2xx): a
 * refused request is often a test's deliberate bad input. Paths outside {@code /api/} (/q/health, /q/openapi, test-only
 * endpoints) are not checked; an {@code /api/} path the document does not have is a violation.
 * <p>
 * The filter only collects {@link #violations()}; {@link OpenApiConformanceExtension} fails the test that caused them,
 * so a test's own assertion on the answer still runs first and its message stays the one a reader sees.
 */
public final class OpenApiConformance implements Filter {

    /** The system property naming the service whose document the tests of a module are held to. */
    public static final String SERVICE = "stockline.openapi.service";

    /** Only these are checked: the rest (Quarkus' /q/, test-only endpoints) is not the service's API. */
    static final String API_PREFIX = "/api/";

    private static final String PATH_MISSING = "validation.request.path.missing";
    private static final String OPERATION_NOT_ALLOWED = "validation.request.operation.notAllowed";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, OpenApiConformance> INSTALLED = new ConcurrentHashMap<>();

    private final String name;
    private final OpenApiInteractionValidator validator;
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    /** A filter of the OpenAPI document (JSON or YAML text); {@code name} says whose it is in messages. */
    public OpenApiConformance(String name, String document) {
        this.name = name;
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document)).build();
    }

    /**
     * The document as OpenAPI 3.0, which is what the validator (2.46) checks types against: given a 3.1 document, as
     * Quarkus writes them, it lets a string through where an integer is due. Ours use no more of 3.1 than a numeric
     * {@code exclusiveMinimum}/{@code exclusiveMaximum} (3.0: a boolean beside {@code minimum}), {@code examples} lists
     * in schemas (3.0: {@code example}) and type lists with {@code null} (3.0: {@code nullable}); a YAML or 3.0
     * document is passed through.
     */
    static String asOpenApi30(String document) {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException notJson) {
            return document;
        }
        if (!root.isObject() || !root.path("openapi").asText().startsWith("3.1")) {
            return document;
        }
        ((ObjectNode) root).put("openapi", "3.0.3");
        downgrade(root);
        return root.toString();
    }

    private static void downgrade(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String bound : List.of("Minimum", "Maximum")) {
                JsonNode exclusive = object.get("exclusive" + bound);
                if (exclusive != null && exclusive.isNumber()) {
                    object.set(bound.toLowerCase(), exclusive);
                    object.put("exclusive" + bound, true);
                }
            }
            JsonNode examples = object.get("examples");
            if (examples != null && examples.isArray()) {
                object.remove("examples");
                if (!examples.isEmpty() && !object.has("example")) {
                    object.set("example", examples.get(0));
                }
            }
            JsonNode type = object.get("type");
            if (type != null && type.isArray()) {
                List<String> types = new ArrayList<>();
                type.forEach(t -> types.add(t.asText()));
                if (types.remove("null")) {
                    object.put("nullable", true);
                }
                if (types.size() == 1) {
                    object.put("type", types.get(0));
                } else {
                    object.remove("type");
                }
            }
            object.fields().forEachRemaining(field -> downgrade(field.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiConformance::downgrade);
        }
    }

    /** A filter of deploy/openapi/{service}.json. */
    public static OpenApiConformance of(String service) {
        Path file = OpenApiDocuments.committed(service);
        try {
            return new OpenApiConformance(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the filter of {@code service}'s document to RestAssured's default filters, once (the parsed document is
     * kept for every later test). Called by {@link OpenApiConformanceExtension} inside the test's class loader.
     */
    public static void install(String service) {
        OpenApiConformance filter = INSTALLED.computeIfAbsent(service, OpenApiConformance::of);
        if (!RestAssured.filters().contains(filter)) {
            RestAssured.filters(filter);
        }
    }

    /** The violations the installed filters collected since the last call, and forgets them. */
    public static List<String> drainInstalled() {
        List<String> all = new ArrayList<>();
        INSTALLED.values().forEach(filter -> all.addAll(filter.drain()));
        return all;
    }

    @Override
    public io.restassured.response.Response filter(FilterableRequestSpecification requestSpec,
            FilterableResponseSpecification responseSpec, FilterContext ctx) {
        io.restassured.response.Response answer = ctx.next(requestSpec, responseSpec);
        Request request = RestAssuredRequest.of(requestSpec);
        if (request.getPath().startsWith(API_PREFIX)) {
            check(request, RestAssuredResponse.of(answer));
        }
        return answer;
    }

    /** Validates one exchange: the answer always, the request when the service accepted it. */
    void check(Request request, Response response) {
        List<String> messages = new ArrayList<>();
        ValidationReport requestReport = validator.validateRequest(request);
        boolean unknown = requestReport.getMessages().stream()
                .anyMatch(m -> PATH_MISSING.equals(m.getKey()) || OPERATION_NOT_ALLOWED.equals(m.getKey()));
        if (unknown) {
            messages.add("the operation is not in " + name);
        } else {
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                messages.addAll(errors("request", requestReport));
            }
            messages.addAll(errors("answer", validator.validateResponse(request.getPath(), request.getMethod(), response)));
        }
        if (!messages.isEmpty()) {
            violations.add(request.getMethod() + " " + request.getPath() + " -> " + response.getStatus() + ": "
                    + String.join("; ", messages));
        }
    }

    private static List<String> errors(String side, ValidationReport report) {
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> side + " " + m.getKey() + ": " + m.getMessage().replace('\n', ' ')).toList();
    }

    /** What this filter found since the last call (method, path, status and the validator's messages). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** {@link #violations()}, forgetting them. */
    public List<String> drain() {
        List<String> drained = new ArrayList<>();
        for (String violation; (violation = violations.poll()) != null;) {
            drained.add(violation);
        }
        return drained;
    }
}
