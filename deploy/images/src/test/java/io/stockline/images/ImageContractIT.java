package io.stockline.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.testsupport.Infrastructure;
import io.stockline.testsupport.LoopbackPorts;
import io.stockline.testsupport.Tokens;

/**
 * alert-service's image, as the profile {@code images} builds it (this module's Jib execution, OCI tarball), held to the
 * contract the Kubernetes Deployments rely on. No Docker engine here: the tarball is read as files (OCI index, manifest,
 * config), its layers are unpacked into a directory, and the entry point is started from there, with the image's own
 * dynamic loader, C library and Java runtime (paths inside the image mapped into the unpacked directory, since this
 * cannot chroot), configured through the environment as a Deployment configures it.
 */
class ImageContractIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Names that would mean a credential was baked into the image */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|secret|token|credential|private|key).*");

    private static final Properties IMAGE = image();

    private static Path layout;
    private static JsonNode manifest;
    private static JsonNode config;

    @BeforeAll
    static void readImage() throws Exception {
        Path tarball = Path.of(IMAGE.getProperty("image.tar"));
        assertThat(tarball).as("the image tarball Jib wrote at package").isRegularFile();
        layout = Files.createDirectories(Path.of("target/image-contract").toAbsolutePath()).resolve("oci-" + Infrastructure.shortId());
        Files.createDirectories(layout);
        run("tar", "-xf", tarball.toString(), "-C", layout.toString());

        assertThat(Files.readString(layout.resolve("oci-layout"))).contains("\"imageLayoutVersion\"");
        JsonNode index = JSON.readTree(layout.resolve("index.json").toFile());
        assertThat(index.path("manifests")).hasSize(1);
        assertThat(index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText())
                .isEqualTo(IMAGE.getProperty("image.name"));
        manifest = blob(index.path("manifests").get(0).path("digest").asText());
        config = blob(manifest.path("config").path("digest").asText());
    }

    @Test
    void theConfigurationIsWhatTheDeploymentsRelyOn() {
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.path("layers")).isNotEmpty().allSatisfy(layer ->
                assertThat(layer.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip"));
        assertThat(config.path("os").asText()).isEqualTo("linux");
        assertThat(config.path("architecture").asText()).isEqualTo("amd64");

        JsonNode container = config.path("config");
        // Numeric and not root: runAsNonRoot can only verify a numeric user
        assertThat(container.path("User").asText()).isEqualTo("185");
        List<String> ports = new ArrayList<>();
        container.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertThat(ports).containsExactly(IMAGE.getProperty("image.port") + "/tcp");
        assertThat(container.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(strings(container.path("Entrypoint"))).containsExactly(
                "/opt/java/bin/java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/deployments/quarkus-run.jar");
        assertThat(container.path("Cmd").isMissingNode() || container.path("Cmd").isNull()
                || container.path("Cmd").isEmpty()).as("no Cmd appended to the entry point").isTrue();
        assertThat(strings(container.path("Env"))).contains("JAVA_HOME=/opt/java")
                .allSatisfy(variable -> assertThat(variable.substring(0, variable.indexOf('=')))
                        .as("no credential in the image's environment").doesNotMatch(SECRET_NAME));
        assertThat(container.path("Labels").path("org.opencontainers.image.title").asText()).isEqualTo("alert-service");
        assertThat(container.path("Labels").path("org.opencontainers.image.version").asText()).isNotBlank();
    }

    @Test
    void theEntryPointStartsAHealthyServiceFromTheImagesOwnFiles() throws Exception {
        Path root = Files.createDirectories(layout.resolveSibling(layout.getFileName() + "-rootfs"));
        for (JsonNode layer : manifest.path("layers")) {
            run("tar", "--warning=no-unknown-keyword", "-xzf", blobPath(layer.path("digest").asText()).toString(),
                    "-C", root.toString());
        }
        assertThat(root.resolve("opt/java/bin/java")).isExecutable();
        assertThat(root.resolve("lib64/ld-linux-x86-64.so.2")).isExecutable();
        assertThat(root.resolve("deployments/quarkus-run.jar")).isRegularFile();
        assertThat(root.resolve("tmp")).isDirectory();
        assertThat(Files.readAllLines(root.resolve("etc/passwd"))).anyMatch(line -> line.matches("[^:]+:x:185:185:.*"));
        assertThat(root.resolve("opt/java/lib/security/cacerts")).isRegularFile();
        // The runtime's class-data archive (jlink --generate-cds-archive): without it each start loads and verifies the
        // JDK's own classes afresh (BENCHMARKS.md, Start-up and memory)
        assertThat(root.resolve("opt/java/lib/server/classes.jsa")).isRegularFile();
        // Nothing of the build machine's JDK, nor Jib's own copy of the application, in the image
        assertThat(root.resolve("app")).doesNotExist();

        Infrastructure infrastructure = Infrastructure.get();
        String database = infrastructure.createDatabase("image_alert");
        int port = LoopbackPorts.free();
        File log = new File("target/service-logs/alert-service-image-" + Infrastructure.shortId() + ".log");
        log.getParentFile().mkdirs();
        Process process = null;
        try {
            ProcessBuilder builder = new ProcessBuilder(command(root)).directory(
                    root.resolve(config.path("config").path("WorkingDir").asText().substring(1)).toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
            Map<String, String> environment = builder.environment();
            // The image's environment and what the Deployment adds, nothing of this machine's
            environment.clear();
            strings(config.path("config").path("Env")).forEach(variable ->
                    environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1)));
            environment.putAll(deploymentEnvironment(infrastructure, database, port));
            process = builder.start();

            Process running = process;
            Awaitility.await("alert-service from its image ready (log: " + log + ")").atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .failFast("alert-service from its image exited (log: " + log + ")", () -> !running.isAlive())
                    .untilAsserted(() -> assertUp(port, "/q/health/ready"));
            assertUp(port, "/q/health/live");
            assertThat(Files.readString(log.toPath())).as("the Deployment's JVM options taken by the image's runtime")
                    .contains("Picked up JAVA_TOOL_OPTIONS: " + deploymentJvmSettings().get("JAVA_TOOL_OPTIONS"));
            assertUp(port, "/q/health/started");
            assertThat(Files.readString(log.toPath())).as("the image's own runtime, not the build machine's")
                    .doesNotContain("UnsatisfiedLinkError").doesNotContain("NoClassDefFoundError");

            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("a graceful stop on SIGTERM").isTrue();
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            infrastructure.dropDatabase(database);
        }
    }

    /**
     * The image's entry point as this machine can run it: through the image's own dynamic loader and C library (not
     * the machine's), its paths under the unpacked root.
     */
    private static List<String> command(Path root) {
        List<String> entrypoint = strings(config.path("config").path("Entrypoint"));
        List<String> command = new ArrayList<>(List.of(root.resolve("lib64/ld-linux-x86-64.so.2").toString(),
                "--library-path", root.resolve("lib/x86_64-linux-gnu") + ":" + root.resolve("usr/lib/x86_64-linux-gnu")));
        for (String argument : entrypoint) {
            command.add(argument.startsWith("/") ? root.resolve(argument.substring(1)).toString() : argument);
        }
        return command;
    }

    /** What deploy/kubernetes/base/services/alert-service.yaml sets, pointed at the test broker and database */
    private static Map<String, String> deploymentEnvironment(Infrastructure infrastructure, String database, int port)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.putAll(infrastructure.kafkaEnvironment()); // KAFKA_BOOTSTRAP_SERVERS and the tests' credentials
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", infrastructure.reactiveUrl(database));
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", infrastructure.jdbcUrl(database));
        environment.put("QUARKUS_DATASOURCE_USERNAME", infrastructure.pgUser());
        environment.put("QUARKUS_DATASOURCE_PASSWORD", infrastructure.pgPassword());
        environment.put("STOCKLINE_AUTH_PUBLIC_KEY_LOCATION", Tokens.publicKey().toString());
        environment.put("STOCKLINE_SECRETS_KEY_LOCATION",
                Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-secrets.key").toString());
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.putAll(deploymentJvmSettings());
        // Topics of this run only, so the service reads nobody else's records
        String prefix = "img" + Infrastructure.shortId() + ".";
        Infrastructure.TOPICS.forEach((key, topic) ->
                environment.put(key.toUpperCase().replaceAll("[^A-Z0-9]", "_"), prefix + topic));
        return environment;
    }

    /**
     * The JVM's options and the C library's setting the Deployments give the services (deploy/kubernetes/base/services/
     * jvm.env, the ConfigMap each reads): the image's runtime must accept them, or the pod would not start (a flag a
     * JVM of that version refuses stops it before anything else).
     */
    private static Map<String, String> deploymentJvmSettings() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Infrastructure.repositoryRoot()
                .resolve("deploy/kubernetes/base/services/jvm.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                settings.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(settings).as("the services' JVM settings").containsOnlyKeys("JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");
        return settings;
    }

    private static void assertUp(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("status").asText()).as(path).isEqualTo("UP");
    }

    private static JsonNode blob(String digest) throws IOException {
        return JSON.readTree(blobPath(digest).toFile());
    }

    private static Path blobPath(String digest) {
        assertThat(digest).startsWith("sha256:");
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(String.join(" ", command)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private static Properties image() {
        Properties image = new Properties();
        try (var in = ImageContractIT.class.getResourceAsStream("/stockline-image.properties")) {
            image.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return image;
    }
}
