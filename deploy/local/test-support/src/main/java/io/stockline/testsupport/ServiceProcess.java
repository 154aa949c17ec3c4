package io.stockline.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;

/**
 * One service running as a real process from its built jar ({@code <module>/target/quarkus-app}), on a
 * free port of the loopback interface ({@link LoopbackPorts}) (and its management interface, the production profile's /q/metrics, /q/openapi
 * and /q/swagger-ui, on another), with its log in {@code target/service-logs}. For tests that start, kill and restart
 * services.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * A test's service lives for seconds to minutes, and most of a start's CPU is C2 compiling start-up code that
     * runs once (BENCHMARKS.md, Start-up and memory: C1 alone takes 17 CPU-seconds down to 10). With several services
     * starting at once on two cores, that CPU is what a test waits for; no test here measures peak throughput. C1 alone
     * would size the code cache for a JVM without tiers (48 MB), and a full one fails method-handle calls: the tiered
     * size is kept.
     */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:ReservedCodeCacheSize=240m");

    private final String module;
    private final Map<String, String> config;
    private final int port;
    private final int managementPort;
    private final File log;
    private Process process;
    /** Where this process writes the module's class-data archive at a graceful exit, if none was current at start. */
    private Path archiveBeingWritten;
    private Path archive;

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
        ServiceProcess service = new ServiceProcess(module, Map.copyOf(config), LoopbackPorts.free(), LoopbackPorts.free(),
                new File("target/service-logs/" + module + "-" + Infrastructure.shortId() + ".log"));
        service.spawn();
        return service;
    }

    private void spawn() {
        Path jar = Infrastructure.repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the module first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(classArchiveOptions(jar));
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
        keepClassArchive();
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
        keepClassArchive();
    }

    /**
     * The module's classes as loaded by a start, kept in a class-data archive (AppCDS) beside its jar: a start that
     * maps it skips loading and verifying them again (BENCHMARKS.md, Start-up and memory: 2 to 3 CPU-seconds a start).
     * The first process of a build writes it at its graceful exit to a file of its own, moved into place whole, so
     * two instances of one module never write one file and a start never maps a half-written one.
     */
    private List<String> classArchiveOptions(Path jar) {
        // in target/, not in quarkus-app/, which the images copy whole
        archive = jar.getParent().getParent().resolve("service-classes.jsa");
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                archiveBeingWritten = null;
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
            }
        } catch (IOException e) {
            // an archive that cannot be read is written afresh
        }
        archiveBeingWritten = archive.resolveSibling(archive.getFileName() + "." + Infrastructure.shortId());
        // -Xlog: the archive's notes on the classes it leaves out would fill the service's log
        return List.of("-XX:ArchiveClassesAtExit=" + archiveBeingWritten, "-Xlog:cds*=off");
    }

    private void keepClassArchive() {
        if (archiveBeingWritten == null) {
            return;
        }
        try {
            if (Files.size(archiveBeingWritten) > 0) {
                Files.move(archiveBeingWritten, archive, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // a killed process wrote none; the next start writes one
        } finally {
            try {
                Files.deleteIfExists(archiveBeingWritten);
            } catch (IOException e) {
                // left in target/, removed by the next clean
            }
            archiveBeingWritten = null;
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
}
