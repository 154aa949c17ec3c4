package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * deploy/asyncapi.yaml passes the AsyncAPI parser (the AsyncAPI CLI's validate) with no warning: errors and
 * warnings fail, information (such as a newer AsyncAPI version existing) does not. Skipped only where there is no npx.
 */
class AsyncApiLintTest {

    static final String CLI = "@asyncapi/cli@6.2.0";

    @Test
    void theParserReportsNoWarning() throws Exception {
        assumeTrue(OpenApiLintTest.onPath("npx"), "npx (Node.js) is not installed: the AsyncAPI CLI cannot run");
        Path root = OpenApiDocuments.committed("inventory-service").getParent().getParent().getParent();
        List<String> command = List.of("npx", "-y", CLI, "validate", "deploy/asyncapi.yaml", "--fail-severity=warn");
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        // no anonymous usage metrics from a test run
        builder.environment().put("ASYNCAPI_METRICS", "false");
        Process cli = builder.start();
        cli.getOutputStream().close();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(10, TimeUnit.MINUTES)).as("the AsyncAPI CLI finished").isTrue();
        assertThat(cli.exitValue()).as(String.join(" ", command) + " says:\n" + output).isZero();
        assertThat(output).as(output).contains("deploy/asyncapi.yaml is valid")
                .doesNotContainPattern("[1-9]\\d* (errors?|warnings?)\\b");
    }
}
