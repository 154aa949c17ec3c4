package io.stockline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Body;
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
import io.restassured.authentication.PreemptiveOAuth2HeaderScheme;
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
 * endpoints) are not checked; an {@code /api/} path the document does not have is a violation unless the service
 * answered it 404 or 405 too.
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

    /** The messages shown per exchange: a list of answers repeats the same fault for each element. */
    private static final int MESSAGES = 6;

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

    /**
     * The document as OpenAPI 3.0, which is what the validator (2.46) checks types against: given a 3.1 document, as
     * Quarkus writes them, it lets a string through where an integer is due. Ours use no more of 3.1 than a numeric
     * {@code exclusiveMinimum}/{@code exclusiveMaximum} (3.0: a boolean beside {@code minimum}), {@code examples} lists
     * in schemas (3.0: {@code example}), and {@code null} as a type or as an {@code anyOf} branch beside a reference
     * (3.0: {@code nullable}, the reference inlined, since 3.0 cannot make a reference nullable); a YAML or 3.0
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
        downgrade(root, root.path("components").path("schemas").deepCopy(), new ArrayList<>());
        return root.toString();
    }

    private static void downgrade(JsonNode node, JsonNode schemas, List<String> inlining) {
        if (node instanceof ObjectNode object) {
            // first, so what the reference brings is downgraded with the rest
            String inlined = null;
            JsonNode anyOf = object.get("anyOf");
            if (anyOf instanceof ArrayNode branches && branches.size() == 2) {
                JsonNode other = null;
                boolean withNull = false;
                for (JsonNode branch : branches) {
                    if (branch.size() == 1 && "null".equals(branch.path("type").asText())) {
                        withNull = true;
                    } else {
                        other = branch;
                    }
                }
                String ref = other == null ? "" : other.path("$ref").asText("");
                String name = ref.substring(ref.lastIndexOf('/') + 1);
                if (withNull && ref.startsWith("#/components/schemas/") && schemas.has(name) && !inlining.contains(name)) {
                    object.remove("anyOf");
                    schemas.get(name).fields().forEachRemaining(field -> {
                        if (!object.has(field.getKey())) {
                            object.set(field.getKey(), field.getValue().deepCopy());
                        }
                    });
                    nullable(object);
                    inlined = name;
                    inlining.add(name);
                }
            }
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
                    nullable(object);
                }
                if (types.size() == 1) {
                    object.put("type", types.get(0));
                } else {
                    object.remove("type");
                }
            }
            object.fields().forEachRemaining(field -> downgrade(field.getValue(), schemas, inlining));
            if (inlined != null) {
                inlining.remove(inlined);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> downgrade(element, schemas, inlining));
        }
    }

    /** {@code nullable}, and {@code null} among the values of an enumeration (which 3.0 checks apart from it). */
    private static void nullable(ObjectNode schema) {
        schema.put("nullable", true);
        if (schema.get("enum") instanceof ArrayNode values) {
            for (JsonNode value : values) {
                if (value.isNull()) {
                    return;
                }
            }
            values.addNull();
        }
    }

    @Override
    public io.restassured.response.Response filter(FilterableRequestSpecification requestSpec,
            FilterableResponseSpecification responseSpec, FilterContext ctx) {
        io.restassured.response.Response answer = ctx.next(requestSpec, responseSpec);
        Request request = AsSent.of(requestSpec);
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
            // a 404 or 405 agrees with the document; a test may ask for what is not there on purpose
            if (response.getStatus() != 404 && response.getStatus() != 405) {
                messages.add("the operation is not in " + name);
            }
        } else {
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                messages.addAll(errors("request", requestReport));
            }
            messages.addAll(errors("answer", validator.validateResponse(request.getPath(), request.getMethod(), response)));
        }
        OpenApiCoverage.record(request.getMethod().name(), request.getPath(), response.getStatus());
        if (!messages.isEmpty()) {
            List<String> shown = messages.size() > MESSAGES ? new ArrayList<>(messages.subList(0, MESSAGES)) : messages;
            if (messages.size() > MESSAGES) {
                shown.add("and " + (messages.size() - MESSAGES) + " more");
            }
            violations.add(request.getMethod() + " " + request.getPath() + " -> " + response.getStatus() + ": "
                    + String.join("; ", shown));
        }
    }

    /**
     * The request as the service received it: RestAssured sets the token of {@code auth().oauth2(...)} after the
     * filters run, and leaves a query written into the path ({@code get("/x?sku=A")}) out of the query parameters.
     */
    record AsSent(Request request, String authorization, Map<String, List<String>> query) implements Request {

        static Request of(FilterableRequestSpecification spec) {
            Request request = RestAssuredRequest.of(spec);
            String authorization = null;
            if (request.getHeaderValues("Authorization").isEmpty()
                    && spec.getAuthenticationScheme() instanceof PreemptiveOAuth2HeaderScheme oauth2
                    && oauth2.getAccessToken() != null) {
                authorization = "Bearer " + oauth2.getAccessToken();
            }
            Map<String, List<String>> query = new LinkedHashMap<>();
            String raw = URI.create(spec.getURI()).getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] kv = pair.split("=", 2);
                    String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
                    if (!key.isEmpty() && request.getQueryParameterValues(key).isEmpty()) {
                        query.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                    }
                }
            }
            return authorization == null && query.isEmpty() ? request : new AsSent(request, authorization, query);
        }

        @Override
        public String getPath() {
            return request.getPath();
        }

        @Override
        public Method getMethod() {
            return request.getMethod();
        }

        @Override
        public Optional<String> getBody() {
            return request.getBody();
        }

        @Override
        public Optional<Body> getRequestBody() {
            return request.getRequestBody();
        }

        @Override
        public Collection<String> getQueryParameters() {
            Set<String> names = new LinkedHashSet<>(request.getQueryParameters());
            names.addAll(query.keySet());
            return names;
        }

        @Override
        public Collection<String> getQueryParameterValues(String name) {
            return query.containsKey(name) ? query.get(name) : request.getQueryParameterValues(name);
        }

        @Override
        public Map<String, Collection<String>> getHeaders() {
            Map<String, Collection<String>> headers = new LinkedHashMap<>(request.getHeaders());
            if (authorization != null) {
                headers.put("Authorization", List.of(authorization));
            }
            return headers;
        }

        @Override
        public Collection<String> getHeaderValues(String name) {
            return authorization != null && "Authorization".equalsIgnoreCase(name) ? List.of(authorization)
                    : request.getHeaderValues(name);
        }

        @Override
        public Optional<String> getContentType() {
            return request.getContentType();
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
