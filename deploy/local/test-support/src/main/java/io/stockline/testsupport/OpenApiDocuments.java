package io.stockline.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The committed OpenAPI documents under deploy/openapi: a service's test compares what it serves at /q/openapi with
 * its file, so a change to the API shows in review. {@code -Dstockline.openapi.write=true} rewrites the files instead.
 * {@link #assertConforms} holds every operation to what issue 21 asks of an API an integrator builds on.
 */
public final class OpenApiDocuments {

    public static final String WRITE = "stockline.openapi.write";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private OpenApiDocuments() {
    }

    /** deploy/openapi/{service}.json from the repository root above the working directory. */
    public static Path committed(String service) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/openapi"))) {
                return dir.resolve("deploy/openapi").resolve(service + ".json");
            }
        }
        throw new IllegalStateException("no deploy/openapi above " + Path.of("").toAbsolutePath());
    }

    /** Fails when {@code served} (the JSON of /q/openapi) differs from the committed document, unless asked to rewrite it. */
    public static void assertMatchesCommitted(String service, String served) {
        Path file = committed(service);
        try {
            String normalized = normalize(served);
            if (Boolean.getBoolean(WRITE)) {
                Files.writeString(file, normalized, StandardCharsets.UTF_8);
                return;
            }
            String message = "the OpenAPI document of " + service + " differs from " + file
                    + ": review the change and refresh the file with ./mvnw -pl " + service + " -am verify -D" + WRITE
                    + "=true -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false";
            if (!Files.exists(file)) {
                fail(message + " (there is no file yet)");
            }
            String committed = Files.readString(file, StandardCharsets.UTF_8);
            if (!committed.equals(normalized)) {
                fail(message + "\nfirst difference at: " + firstDifference(committed, normalized));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String normalize(String json) throws IOException {
        JsonNode tree = JSON.readTree(json);
        return JSON.writeValueAsString(JSON.treeToValue(tree, Object.class)) + "\n";
    }

    static String firstDifference(String committed, String served) {
        String[] a = committed.split("\n", -1);
        String[] b = served.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "line " + (i + 1) + ": committed «" + a[i].strip() + "», served «" + b[i].strip() + "»";
            }
        }
        return "line " + (Math.min(a.length, b.length) + 1) + " (one is longer)";
    }

    /** The roles a Stockline token carries, lowest first. */
    public static final List<String> ROLES = List.of("viewer", "operator", "admin");

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][A-Za-z0-9]*");
    /** The sentence the platform's filter appends; a description must say more than it. */
    private static final Pattern ROLE_SENTENCE = Pattern.compile("\\s*Needs a bearer token with the `(\\w+)` role[^.]*\\.\\s*$");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    /**
     * Fails, listing every fault, unless the document (JSON) declares a bearer JWT scheme and every operation: is
     * secured by it and names its role in {@code x-stockline-role} and in its description; has an {@code operationId}
     * (unique, lower camel case; a {@code create...} answers 201, a DELETE 204), a summary of two words or more, not
     * every one a capitalised word (as Quarkus makes of a method name), and a
     * description saying more than the role; is tagged by a declared, described resource tag (not a class name); answers
     * 401 and 403, a 2xx, and the {@code Problem} schema as {@code application/problem+json} on every 4xx and 5xx; and
     * shows an example of every request body. {@code info} has a title, a description, a version and a contact, and a
     * licence exactly when the repository has a LICENSE file.
     */
    public static void assertConforms(String service, String document) {
        List<String> faults = faults(document, repositoryHasLicense());
        if (!faults.isEmpty()) {
            fail("the OpenAPI document of " + service + " falls short of what every Stockline API document gives "
                    + "(issue 21; see the README's API documents):\n  " + String.join("\n  ", faults));
        }
    }

    /** What {@link #assertConforms} finds wrong; {@code licensed} says whether the repository grants a licence. */
    public static List<String> faults(String document, boolean licensed) {
        List<String> faults = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        JsonNode info = root.path("info");
        for (String field : List.of("title", "description", "version")) {
            if (info.path(field).asText("").isBlank()) {
                faults.add("info." + field + " is missing");
            }
        }
        if (info.path("contact").path("name").asText("").isBlank()) {
            faults.add("info.contact.name is missing");
        }
        if (licensed && info.path("license").path("name").asText("").isBlank()) {
            faults.add("info.license is missing, though the repository has a LICENSE file");
        }
        if (!licensed && !info.path("license").isMissingNode()) {
            faults.add("info.license names " + info.path("license").path("name").asText()
                    + ", but the repository declares no licence (no LICENSE file)");
        }
        if (!root.path("servers").isArray() || root.path("servers").isEmpty()) {
            faults.add("no servers");
        }
        Set<String> bearer = new HashSet<>();
        root.path("components").path("securitySchemes").fields().forEachRemaining(scheme -> {
            JsonNode s = scheme.getValue();
            if ("http".equals(s.path("type").asText()) && "bearer".equalsIgnoreCase(s.path("scheme").asText())
                    && "JWT".equals(s.path("bearerFormat").asText())) {
                bearer.add(scheme.getKey());
            }
        });
        if (bearer.isEmpty()) {
            faults.add("components.securitySchemes declares no http bearer scheme with bearerFormat JWT");
        }
        if (!root.path("components").path("schemas").has("Problem")) {
            faults.add("components.schemas.Problem is missing");
        }
        Map<String, String> tags = new java.util.HashMap<>();
        root.path("tags").forEach(tag -> tags.put(tag.path("name").asText(), tag.path("description").asText("")));
        Set<String> ids = new HashSet<>();
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations++;
                    operation(op.getKey(), path.getKey(), op.getValue(), bearer, tags, ids, faults);
                }
            }
        }
        if (operations == 0) {
            faults.add("no operations");
        }
        return faults;
    }

    private static void operation(String method, String path, JsonNode op, Set<String> bearer, Map<String, String> tags,
            Set<String> ids, List<String> faults) {
        String at = method.toUpperCase() + " " + path + ": ";
        String id = op.path("operationId").asText("");
        if (!OPERATION_ID.matcher(id).matches()) {
            faults.add(at + "operationId «" + id + "» is missing or not lower camel case (@Operation(operationId))");
        } else if (!ids.add(id)) {
            faults.add(at + "operationId " + id + " is used twice");
        }
        String summary = op.path("summary").asText("").strip();
        String[] words = summary.split("\\s+");
        // Quarkus makes a summary of the method name when @Operation gives none: one word, or every word capitalised
        // ("Put Item"); an acronym ("Export CSV") is a person's
        if (words.length < 2 || !Character.isUpperCase(summary.charAt(0))
                || Stream.of(words).allMatch(word -> word.matches("[A-Z][a-z0-9]*"))) {
            faults.add(at + "summary «" + summary + "» is not a phrase such as «Create a location» "
                    + "(@Operation(summary); Quarkus makes «Put Item» of a method name)");
        }
        String role = op.path("x-stockline-role").asText("");
        if (!ROLES.contains(role)) {
            faults.add(at + "x-stockline-role is «" + role + "», not one of " + ROLES + " (@RolesAllowed)");
        }
        String description = op.path("description").asText("");
        var sentence = ROLE_SENTENCE.matcher(description);
        if (!sentence.find() || !sentence.group(1).equals(role)) {
            faults.add(at + "the description does not end by naming the `" + role + "` role");
        } else if (description.substring(0, sentence.start()).isBlank()) {
            faults.add(at + "the description says nothing but the role (@Operation(description))");
        }
        JsonNode security = op.path("security");
        if (!security.isArray() || security.isEmpty()) {
            faults.add(at + "no security requirement");
        }
        security.forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
            if (!bearer.contains(scheme)) {
                faults.add(at + "security names «" + scheme + "», which is no declared bearer JWT scheme");
            }
        }));
        JsonNode opTags = op.path("tags");
        if (!opTags.isArray() || opTags.isEmpty()) {
            faults.add(at + "no tag (@Tag on the resource)");
        }
        opTags.forEach(tag -> {
            String name = tag.asText();
            if (name.endsWith("Resource")) {
                faults.add(at + "tag «" + name + "» is a class name: tag by resource (@Tag(name, description))");
            } else if (tags.getOrDefault(name, "").isBlank() || tags.get(name).startsWith("Operations on ")) {
                faults.add(at + "tag «" + name + "» is not declared with a description of its own (@Tag(description))");
            }
        });
        JsonNode responses = op.path("responses");
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        List<String> success = codes.stream().filter(code -> code.startsWith("2")).toList();
        if (success.isEmpty()) {
            faults.add(at + "no 2xx answer documented");
        }
        if (id.startsWith("create") && !success.equals(List.of("201"))) {
            faults.add(at + "a create answers 201, documented " + success + " (@APIResponse(responseCode = \"201\"))");
        }
        if ("delete".equals(method) && !success.equals(List.of("204"))) {
            faults.add(at + "a delete answers 204, documented " + success);
        }
        for (String code : List.of("401", "403")) {
            if (!codes.contains(code)) {
                faults.add(at + "no " + code + " answer");
            }
        }
        for (String code : codes) {
            if (code.startsWith("4") || code.startsWith("5")) {
                JsonNode content = responses.path(code).path("content");
                List<String> types = new ArrayList<>();
                content.fieldNames().forEachRemaining(types::add);
                if (!types.equals(List.of("application/problem+json"))
                        || !PROBLEM_REF.equals(content.path("application/problem+json").path("schema").path("$ref").asText())) {
                    faults.add(at + code + " is not the Problem schema as application/problem+json");
                }
            }
        }
        JsonNode body = op.path("requestBody").path("content");
        body.fields().forEachRemaining(media -> {
            JsonNode m = media.getValue();
            if (!m.has("example") && (!m.path("examples").isObject() || m.path("examples").isEmpty())) {
                faults.add(at + "the " + media.getKey() + " request body has no example "
                        + "(src/main/resources/META-INF/openapi.yaml)");
            }
        });
    }

    /** Whether the repository root (above deploy/openapi) has a LICENSE, LICENSE.md, LICENCE.txt, ... */
    static boolean repositoryHasLicense() {
        Path root = committed("inventory-service").getParent().getParent().getParent();
        try (Stream<Path> files = Files.list(root)) {
            return files.map(file -> file.getFileName().toString().toUpperCase())
                    .anyMatch(name -> name.startsWith("LICENSE") || name.startsWith("LICENCE") || name.startsWith("COPYING"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
