package io.stockline.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One service running as a real process from its built jar ({@code <module>/target/quarkus-app}), on a
 * free port of the loopback interface (and its management interface, the production profile's /q/metrics, /q/openapi
 * and /q/swagger-ui, on another), with its log in {@code target/service-logs}. For tests that start, kill and restart
 * services.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Map<String, String> config;
    private final int port;
    private final int managementPort;
    private final File log;
    private Process process;

    private ServiceProcess(String module, Map<String, String> config, int port, int managementPort, File log) {
        this.module = module;
        this.config = config;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /** Starts the module's jar with the configuration as system properties and waits until it is ready. */
    public static ServiceProcess start(String module, Map<String, String> config) {
        ServiceProcess service = launch(module, config);
        service.awaitReady();
        return service;
    }

    /**
     * Starts the module's jar and returns at once, its ports already known; {@link #awaitReady()} waits for it. A start
     * keeps every core busy (JIT, class loading, Flyway), so on two cores services launched side by side are ready no
     * sooner than one after another (measured in session 15); with more cores their starts overlap.
     */
    public static ServiceProcess launch(String module, Map<String, String> config) {
        ServiceProcess service = new ServiceProcess(module, Map.copyOf(config), freePort(), freePort(),
                new File("target/service-logs/" + module + "-" + Infrastructure.shortId() + ".log"));
        service.spawn();
        return service;
    }

    private void spawn() {
        Path jar = Infrastructure.repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the module first");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        command.add("-Dquarkus.log.console.json.enabled=false");
        command.add("-jar");
        command.add(jar.toString());
        log.getParentFile().mkdirs();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + module, e);
        }
    }

    /** Returns once the service answers ready; fails if it exits first or is not ready within two minutes. */
    public void awaitReady() {
        Awaitility.await(module + " ready (log: " + log + ")").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .failFast(module + " exited (log: " + log + ")", () -> !process.isAlive())
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/health/ready"))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** On the management interface: /q/metrics, /q/openapi, /q/swagger-ui. */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** SIGKILL: no shutdown hooks, no flushing; what was not committed is lost, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** Starts the same jar again, with the same configuration and port. */
    public void restart() {
        spawn();
        awaitReady();
    }

    /** SIGTERM and a graceful shutdown. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
