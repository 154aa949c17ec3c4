package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The committed OpenAPI documents (deploy/openapi, checked against what each service serves by its
 * OpenApiDocumentTest) lint clean with Spectral's {@code spectral:oas} rules: no warning that the ruleset file does
 * not waive with its reason. Spectral comes from the npm registry; skipped only where there is no npx.
 */
class OpenApiLintTest {

    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";

    @Test
    void spectralReportsNothing() throws Exception {
        assumeTrue(onPath("npx"), "npx (Node.js) is not installed: Spectral cannot run");
        Path dir = OpenApiDocuments.committed("inventory-service").getParent();
        List<String> documents;
        try (Stream<Path> files = Files.list(dir)) {
            documents = files.filter(file -> file.toString().endsWith(".json")).map(file -> dir.getParent().getParent()
                    .relativize(file).toString()).sorted().toList();
        }
        assertThat(documents).as("documents under " + dir).hasSize(4);
        List<String> command = new ArrayList<>(List.of("npx", "-y", SPECTRAL, "lint", "--ruleset",
                "deploy/openapi/.spectral.yaml", "--fail-severity=warn"));
        command.addAll(documents);
        Process spectral = new ProcessBuilder(command).directory(dir.getParent().getParent().toFile())
                .redirectErrorStream(true).start();
        spectral.getOutputStream().close();
        String output = new String(spectral.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(spectral.waitFor(5, TimeUnit.MINUTES)).as("Spectral finished").isTrue();
        assertThat(spectral.exitValue()).as(String.join(" ", command) + " says:\n" + output).isZero();
    }

    static boolean onPath(String program) throws IOException {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
