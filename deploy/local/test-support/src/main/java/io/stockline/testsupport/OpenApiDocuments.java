package io.stockline.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The committed OpenAPI documents under deploy/openapi: a service's test compares what it serves at /q/openapi with
 * its file, so a change to the API shows in review. {@code -Dstockline.openapi.write=true} rewrites the files instead.
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
}
