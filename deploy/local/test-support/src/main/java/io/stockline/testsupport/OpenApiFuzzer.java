package io.stockline.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Requests generated from a service's committed OpenAPI document (deploy/openapi/&lt;service&gt;.json), sent to the
 * running service: every operation, its path and query parameters, headers and request bodies drawn from their
 * schemas with {@link SchemaValues} (mostly of the right shape with hostile leaves; also the document's examples with
 * one field broken, bad JSON, empty bodies, other JSON kinds, other content types), with a token of the role the
 * operation names ({@code x-stockline-role}) and now and then another role, no token or a bad one. The service must
 * never answer 5xx, and every 4xx must be problem JSON ({@code application/problem+json} with its status) and a status
 * the operation documents. The seed of a run is printed with its findings; {@code -Dstockline.fuzz.seed} replays it.
 */
public final class OpenApiFuzzer {

    /** {@code -Dstockline.fuzz.http-tries}: requests per service (the full run is 10,000). */
    public static final String TRIES = "stockline.fuzz.http-tries";
    public static final String SEED = "stockline.fuzz.seed";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_SHOWN = 600;
    private static final Set<Integer> FRAMEWORK_STATUSES = Set.of(405, 406, 413, 414, 415, 431);

    /** One generated request. */
    public record Request(String method, String template, String path, String query, String role, Map<String, String> headers,
            String contentType, String body, String label) {

        String describe() {
            String shown = body == null ? "(no body)" : body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "… ("
                    + body.length() + " chars)" : body;
            String target = path + (query.isEmpty() ? "" : "?" + query);
            target = target.length() > 300 ? target.substring(0, 300) + "… (" + target.length() + " chars)" : target;
            return method + " " + target + "  [" + label + "; token: " + role
                    + (contentType == null ? "" : "; Content-Type: " + contentType) + "; headers " + headers.keySet() + "]\n      "
                    + shown;
        }
    }

    /** What a request got that it must not. */
    public record Finding(Request request, int status, String answer, String what) {
    }

    /** The outcome of a run. */
    public record Report(String service, long seed, int tries, Map<Integer, Integer> statuses,
            Map<String, List<Finding>> findings, Map<String, Integer> tolerated, Duration took) {

        public String summary() {
            return "%s: %d requests in %d s (seed %d), statuses %s, %d kinds of finding, known and left open: %s".formatted(
                    service, tries, took.toSeconds(), seed, statuses, findings.size(), tolerated);
        }

        /** Fails listing each kind of finding once, with one request that shows it. */
        public void assertNothingFound() {
            if (findings.isEmpty()) {
                return;
            }
            StringBuilder message = new StringBuilder(summary()).append(" (replay with -D").append(SEED).append('=')
                    .append(seed).append("):");
            findings.forEach((kind, found) -> {
                Finding first = found.get(0);
                message.append("\n  ").append(kind).append(" (").append(found.size()).append("x)\n    e.g. ")
                        .append(first.request().describe()).append("\n    -> ").append(first.status()).append(' ')
                        .append(first.answer().length() > BODY_SHOWN ? first.answer().substring(0, BODY_SHOWN) : first.answer());
            });
            throw new AssertionError(message.toString());
        }
    }

    private final String service;
    private final JsonNode document;
    private final Map<String, List<String>> known = new HashMap<>();
    private final Map<String, String> openFindings = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * Left open for every service: Vert.x's HTTP codec answers a request line over 4 KiB with 414 and headers over
     * 8 KiB with 431, without a body, before any Quarkus route sees the request; Quarkus has no hook for it
     * (quarkusio/quarkus#55082). The status is right; only the problem body is missing.
     */
    static final String HTTP_CODEC_REFUSALS = "Vert.x answers 414 to a request line over 4 KiB and 431 to headers over"
            + " 8 KiB, without a body, before the application sees the request (quarkusio/quarkus#55082)";

    public OpenApiFuzzer(String service) {
        this.service = service;
        leftOpen("a 414 that is not problem JSON", HTTP_CODEC_REFUSALS);
        leftOpen("a 431 that is not problem JSON", HTTP_CODEC_REFUSALS);
        try {
            this.document = JSON.readTree(Files.readString(OpenApiDocuments.committed(service)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + service, e);
        }
        for (String role : OpenApiDocuments.ROLES) {
            tokens.put(role, "Bearer " + Tokens.mint(role));
        }
        tokens.put("expired", "Bearer " + Tokens.refused("admin").get("expired"));
        tokens.put("garbage", "Bearer not.a.token");
        tokens.put("basic", "Basic dXNlcjpwYXNz");
    }

    /** Values worth trying for a parameter or property of this name (what the test created), besides generated ones. */
    public OpenApiFuzzer known(String name, String... values) {
        known.computeIfAbsent(name, n -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    /**
     * A kind of finding that is known and left open (its kind contains {@code kindContains}), with why: counted and
     * printed, not failed on. Each is listed in the module's README with what is left to do.
     */
    public OpenApiFuzzer leftOpen(String kindContains, String why) {
        openFindings.put(kindContains, why);
        return this;
    }

    /** The number of requests a test sends: {@code -Dstockline.fuzz.http-tries}, else {@code byDefault}. */
    public static int tries(int byDefault) {
        return Integer.getInteger(TRIES, byDefault);
    }

    /** Sends {@code tries} generated requests to the service at {@code base} and reports what they got. */
    public Report run(URI base, int tries) {
        long seed = Long.getLong(SEED, SchemaValues.newSeed());
        SchemaValues.seed(seed);
        SchemaValues values = new SchemaValues(document, known);
        List<Arbitrary<Request>> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                operations.add(requests(values, method.getKey().toUpperCase(), path.getKey(), method.getValue()));
            }
        }
        Arbitrary<Request> requests = Arbitraries.oneOf(operations);
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, List<Finding>> findings = new LinkedHashMap<>();
        Map<String, Integer> tolerated = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < tries; i++) {
            Request request = SchemaValues.sample(requests);
            Finding finding = send(base, request);
            statuses.merge(finding.status(), 1, Integer::sum);
            if (finding.what() != null) {
                String kind = request.method() + " " + request.template() + " -> " + finding.status() + ": " + finding.what();
                String open = openFindings.keySet().stream().filter(kind::contains).findFirst().orElse(null);
                if (open != null) {
                    tolerated.merge(open, 1, Integer::sum);
                } else {
                    findings.computeIfAbsent(kind, k -> new ArrayList<>()).add(finding);
                }
            }
        }
        Report report = new Report(service, seed, tries, statuses, findings, tolerated, Duration.ofNanos(System.nanoTime() - started));
        System.out.println("[fuzz] " + report.summary());
        return report;
    }

    private Arbitrary<Request> requests(SchemaValues values, String method, String template, JsonNode operation) {
        String role = operation.path("x-stockline-role").asText("admin");
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(parameters::add);
        List<Arbitrary<Tuple.Tuple3<String, String, String>>> parameterValues = new ArrayList<>();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            Arbitrary<String> text = Arbitraries.frequencyOf(
                    Tuple.of(85, values.fuzzed(parameter.path("schema"), name).map(OpenApiFuzzer::text)),
                    Tuple.of(15, SchemaValues.hostileText()));
            if ("header".equals(in)) {
                text = text.map(OpenApiFuzzer::headerSafe);
            }
            boolean always = "path".equals(in) || parameter.path("required").asBoolean(false);
            Arbitrary<String> value = always ? text : text.injectNull(0.5);
            parameterValues.add(value.map(v -> Tuple.of(in, name, v)));
        }
        Arbitrary<List<Tuple.Tuple3<String, String, String>>> parameterList = parameterValues.isEmpty()
                ? Arbitraries.just(List.of()) : Combinators.combine(parameterValues).as(list -> list);
        Arbitrary<String> token = Arbitraries.frequencyOf(Tuple.of(80, Arbitraries.just(role)), Tuple.of(5, Arbitraries.just("admin")),
                Tuple.of(4, Arbitraries.just("viewer")), Tuple.of(4, Arbitraries.just("none")),
                Tuple.of(7, Arbitraries.of("expired", "garbage", "basic")));
        Arbitrary<Body> body = bodies(values, operation.path("requestBody"));
        return Combinators.combine(parameterList, token, body).as((params, who, content) -> {
            String path = template;
            List<String> query = new ArrayList<>();
            Map<String, String> headers = new LinkedHashMap<>();
            for (Tuple.Tuple3<String, String, String> param : params) {
                if (param.get3() == null) {
                    continue;
                }
                switch (param.get1()) {
                    case "path" -> path = path.replace("{" + param.get2() + "}", encode(param.get3()));
                    case "query" -> query.add(encode(param.get2()) + "=" + encode(param.get3()));
                    case "header" -> headers.put(param.get2(), param.get3());
                    default -> {
                    }
                }
            }
            return new Request(method, template, path, String.join("&", query), who, headers, content.contentType(),
                    content.text(), content.label());
        });
    }

    private record Body(String contentType, String text, String label) {
    }

    private Arbitrary<Body> bodies(SchemaValues values, JsonNode requestBody) {
        if (requestBody.isMissingNode()) {
            return Arbitraries.frequencyOf(Tuple.of(95, Arbitraries.just(new Body(null, null, "no body"))),
                    Tuple.of(5, Arbitraries.just(new Body("application/json", "{\"unexpected\":true}", "a body nobody asked for"))));
        }
        List<Arbitrary<Body>> kinds = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = requestBody.path("content").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> content = it.next();
            String type = content.getKey();
            List<JsonNode> examples = new ArrayList<>();
            content.getValue().path("examples").forEach(example -> examples.add(example.has("value") ? example.get("value") : example));
            if (content.getValue().has("example")) {
                examples.add(content.getValue().get("example"));
            }
            if (type.contains("json")) {
                kinds.add(jsonBodies(values, type, content.getValue().path("schema"), examples));
            } else {
                kinds.add(textBodies(type, examples));
            }
        }
        Arbitrary<Body> documented = Arbitraries.oneOf(kinds);
        Arbitrary<Body> wrongType = Combinators.combine(Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=nonsense", "multipart/form-data", "*/*"), Arbitraries.of("{\"sku\":\"X\"}", "sku=X", "<a/>"))
                .as((type, text) -> new Body(type, text, "another content type"));
        Arbitrary<Body> none = Arbitraries.of(new Body(null, null, "no body, no content type"),
                new Body(null, "{\"sku\":\"X\"}", "a body without a content type"));
        return Arbitraries.frequencyOf(Tuple.of(92, documented), Tuple.of(5, wrongType), Tuple.of(3, none));
    }

    private Arbitrary<Body> jsonBodies(SchemaValues values, String type, JsonNode schema, List<JsonNode> examples) {
        Arbitrary<Body> generated = values.fuzzed(schema).map(node -> new Body(type, write(node), "generated from the schema"));
        Arbitrary<Body> conforming = values.conforming(schema).map(node -> new Body(type, write(node), "keeps to the schema"));
        Arbitrary<Body> broken = values.conforming(schema).flatMap(node -> SchemaValues.brokenJson(write(node)))
                .map(text -> new Body(type, text, "not JSON"));
        Arbitrary<Body> otherKinds = SchemaValues.hostile().map(node -> new Body(type, write(node), "another JSON value"));
        Arbitrary<Body> empty = Arbitraries.of("", " ", "null", "{}", "[]").map(text -> new Body(type, text, "empty"));
        List<Tuple.Tuple2<Integer, Arbitrary<Body>>> kinds = new ArrayList<>(List.of(Tuple.of(35, generated), Tuple.of(15, conforming),
                Tuple.of(8, broken), Tuple.of(6, otherKinds), Tuple.of(6, empty)));
        if (!examples.isEmpty()) {
            kinds.add(Tuple.of(30, Arbitraries.of(examples).flatMap(OpenApiFuzzer::mutated)
                    .map(node -> new Body(type, write(node), "an example with one field broken"))));
        }
        return Arbitraries.frequencyOf(kinds.toArray(Tuple.Tuple2[]::new));
    }

    /** CSV and other text bodies: the documented examples with cells broken, rows dropped or repeated, and noise. */
    private static Arbitrary<Body> textBodies(String type, List<JsonNode> examples) {
        List<String> texts = examples.stream().map(JsonNode::asText).filter(text -> !text.isEmpty()).toList();
        List<String> bases = texts.isEmpty() ? List.of("a,b\n1,2\n") : texts;
        Arbitrary<String> cell = Arbitraries.oneOf(SchemaValues.hostileText(), Arbitraries.of("\"", "\"\"", "a\"b", "\"x,y\"", "=1+1",
                "-5", "99999999999999999999", "1.5", "", ",", "\n"));
        Arbitrary<String> edited = Combinators.combine(Arbitraries.of(bases), Arbitraries.integers().between(0, 1_000),
                Arbitraries.integers().between(0, 1_000), cell, Arbitraries.integers().between(0, 5)).as((base, row, column, value, edit) -> {
                    List<String> lines = new ArrayList<>(List.of(base.split("\n", -1)));
                    int r = row % lines.size();
                    List<String> cells = new ArrayList<>(List.of(lines.get(r).split(",", -1)));
                    int c = column % cells.size();
                    switch (edit) {
                        case 0 -> cells.set(c, value);
                        case 1 -> cells.remove(c);
                        case 2 -> cells.add(value);
                        case 3 -> lines.add(lines.get(r));
                        case 4 -> lines.remove(r);
                        default -> lines.add(value);
                    }
                    if (edit <= 2) {
                        lines.set(r, String.join(",", cells));
                    }
                    return String.join("\n", lines);
                });
        Arbitrary<String> many = Arbitraries.of(bases).map(base -> {
            String[] lines = base.split("\n");
            StringBuilder text = new StringBuilder(lines[0]).append('\n');
            for (int i = 0; i < 300; i++) {
                text.append(lines.length > 1 ? lines[1 + i % (lines.length - 1)] : "x").append('\n');
            }
            return text.toString();
        });
        Arbitrary<String> noise = Arbitraries.oneOf(SchemaValues.hostileText(), Arbitraries.of("", "\n", "\uFEFF", "sku\n", ",,,\n,,,"));
        return Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.of(bases)), Tuple.of(55, edited), Tuple.of(10, many), Tuple.of(15, noise))
                .map(text -> new Body(type, text, "text body"));
    }

    /** The example with one field replaced by a hostile value, or removed, or one unknown field more. */
    private static Arbitrary<JsonNode> mutated(JsonNode example) {
        List<String> paths = SchemaValues.pointers(example);
        if (paths.isEmpty()) {
            return SchemaValues.hostile();
        }
        return Combinators.combine(Arbitraries.of(paths), SchemaValues.hostile(), Arbitraries.integers().between(0, 9))
                .as((path, value, how) -> {
                    JsonNode copy = example.deepCopy();
                    SchemaValues.edit(copy, path, how == 0 ? null : value);
                    return copy;
                });
    }

    private Finding send(URI base, Request request) {
        String uri = base.toString().replaceAll("/$", "") + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60));
        } catch (IllegalArgumentException notAUri) {
            return new Finding(request, -1, notAUri.getMessage(), "the fuzzer built a bad URI");
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        String token = tokens.get(request.role());
        if (token != null) {
            builder.header("Authorization", token);
        }
        request.headers().forEach(builder::header);
        HttpResponse<String> response;
        try {
            try {
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException closed) {
                // the server closes a connection after refusing a request at the HTTP layer (a 414, say); the client may
                // have picked that connection for this request: once more, on a fresh one
                response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return new Finding(request, -1, e.toString(), "no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Finding(request, response.statusCode(), response.body(), fault(request, response));
    }

    /** What is wrong with the answer, or null. */
    private String fault(Request request, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return "a server error";
        }
        if (status < 400) {
            return null;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            return "a " + status + " that is not problem JSON (Content-Type: " + contentType + ")";
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem == null || !problem.isObject() || problem.path("status").asInt() != status) {
                return "a problem whose status is not " + status;
            }
        } catch (IOException e) {
            return "a problem that is not JSON";
        }
        JsonNode operation = document.path("paths").path(request.template()).path(request.method().toLowerCase());
        // 405, 406, 413, 414, 415 and 431 come from the HTTP layer for any operation (method, content negotiation, sizes)
        if (!FRAMEWORK_STATUSES.contains(status) && !operation.path("responses").has(Integer.toString(status))) {
            return "a " + status + " the document does not list for the operation";
        }
        return null;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** What a header may carry: visible ASCII and spaces (the HTTP client refuses the rest before sending). */
    private static String headerSafe(String value) {
        StringBuilder safe = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                safe.append(c);
            }
        }
        return safe.toString().strip();
    }

    /** Percent-encodes every byte but the unreserved characters of RFC 3986. */
    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
