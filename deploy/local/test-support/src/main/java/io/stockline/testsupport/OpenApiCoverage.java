package io.stockline.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Which operations of a service's OpenAPI document its tests exercised. {@link OpenApiConformance} appends every
 * {@code /api/} exchange it checks (method, path, status) to the file the system property {@value #EXCHANGES} names (the
 * module's surefire run sets it); after the unit tests, the module's {@code OpenApiCoverageIT} (failsafe) holds the
 * document to them: every operation must have been answered with a 2xx at least once, so every success answer a client
 * can get was validated against its schema, not only the refusals.
 */
public final class OpenApiCoverage {

    /** The system property naming the file of exchanges. */
    public static final String EXCHANGES = "stockline.openapi.exchanges";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiCoverage() {
    }

    /** Appends one exchange to the file {@value #EXCHANGES} names; does nothing when the property is not set. */
    static synchronized void record(String method, String path, int status) {
        String file = System.getProperty(EXCHANGES);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Path target = Path.of(file);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, method.toUpperCase() + " " + path + " " + status + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets the exchanges of an earlier run; called once per test JVM, before its first test. */
    static void reset() {
        String file = System.getProperty(EXCHANGES);
        if (file != null && !file.isBlank()) {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Fails naming every operation of deploy/openapi/{service}.json that no exchange in {@code exchanges} answered with
     * a 2xx.
     */
    public static void assertEveryOperationSucceeded(String service, Path exchanges) {
        List<String> missing = unexercised(read(OpenApiDocuments.committed(service)), read(exchanges));
        if (!missing.isEmpty()) {
            fail("no test of " + service + " got a 2xx answer from these operations of deploy/openapi/" + service
                    + ".json, so their success answers were never held to the document (test them through RestAssured):\n  "
                    + String.join("\n  ", missing));
        }
    }

    /** The operations ({@code METHOD /path/{template}}) of {@code document} without a 2xx among {@code exchanges}. */
    static List<String> unexercised(String document, String exchanges) {
        Map<String, Pattern> operations = operations(document);
        Set<String> succeeded = new java.util.HashSet<>();
        for (String line : exchanges.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length != 3 || !parts[2].startsWith("2")) {
                continue;
            }
            match(operations, parts[0], parts[1]).ifPresent(succeeded::add);
        }
        List<String> missing = new ArrayList<>();
        operations.keySet().stream().filter(op -> !succeeded.contains(op)).forEach(missing::add);
        return missing;
    }

    /** The operation a request names: of the templates it matches, the one with the fewest parameters. */
    static Optional<String> match(Map<String, Pattern> operations, String method, String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return operations.entrySet().stream()
                .filter(op -> op.getKey().startsWith(method.toUpperCase() + " ") && op.getValue().matcher(bare).matches())
                .map(Map.Entry::getKey)
                .min(Comparator.comparingLong((String op) -> op.chars().filter(c -> c == '{').count()));
    }

    static Map<String, Pattern> operations(String document) {
        Map<String, Pattern> operations = new TreeMap<>();
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern = Pattern.compile(path.getKey().replaceAll("\\{[^}/]+}", "\u0000")
                    .replaceAll("([.+*?^$()\\[\\]|\\\\])", "\\\\$1").replace("\u0000", "[^/]+"));
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    operations.put(method.toUpperCase() + " " + path.getKey(), pattern);
                }
            });
        }
        return operations;
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
