package io.stockline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


/**
 * The services of one end-to-end test class as processes on the real broker and database: each with a database of
 * its own and every topic under the class's prefix, so classes never read each other's records. Closing stops them
 * in reverse order of start (consumers before the producers they read) and drops their databases.
 */
public final class SystemProcesses implements AutoCloseable {

    /**
     * The broker and the database every class's system runs on: a class that stops or restarts them holds this
     * exclusively ({@code @ResourceLock} READ_WRITE), the others share it (READ) and may run side by side.
     */
    public static final String INFRASTRUCTURE = "the broker and the database";

    private static final Pattern CONSUMER_GROUP = Pattern.compile("(mp\\.messaging\\.incoming\\.[\\w-]+\\.group\\.id)=(.+)");

    private final Infrastructure infrastructure = Infrastructure.get();
    private final String name;
    private final String topicPrefix;
    private final Map<String, ServiceProcess> started = new LinkedHashMap<>();
    private final Map<String, String> databases = new LinkedHashMap<>();

    /** {@code name} prefixes the topics and the databases (letters and digits). */
    public SystemProcesses(String name) {
        this.name = name;
        this.topicPrefix = name + Infrastructure.shortId() + ".";
    }

    /**
     * Launches {@code service} (a module path) with its own new database, the test topics and {@code extra}, and
     * returns at once (its address is known): {@link #awaitReady()} waits for every service launched.
     */
    public ServiceProcess start(String service, Map<String, String> extra) {
        String database = infrastructure.createDatabase(name + "_" + service.replace("-service", "").replace('-', '_'));
        databases.put(service, database);
        Map<String, String> config = new LinkedHashMap<>(
                StocklineTestResource.serviceConfig(infrastructure, database, topicPrefix));
        config.putAll(consumerGroups(service));
        // alert-service watches the dead-letter topics of this run only, not every run's on the shared broker
        config.put("stockline.alerts.dead-letter-topics", java.util.regex.Pattern.quote(topicPrefix) + ".*\\.dlq");
        config.putAll(extra);
        ServiceProcess process = ServiceProcess.launch(service, config);
        started.put(service, process);
        return process;
    }

    /**
     * The service's consumer groups under this class's prefix: a group another test class's processes joined (and
     * one killed on purpose may still hold, until its session times out) would make this one wait for a rebalance.
     */
    private Map<String, String> consumerGroups(String service) {
        Map<String, String> groups = new LinkedHashMap<>();
        Path properties = Infrastructure.repositoryRoot().resolve(service).resolve("src/main/resources/application.properties");
        try {
            for (String line : Files.readAllLines(properties)) {
                Matcher group = CONSUMER_GROUP.matcher(line.trim());
                if (group.matches()) {
                    groups.put(group.group(1), topicPrefix + group.group(2).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + properties, e);
        }
        return groups;
    }

    /** Launches a process that needs neither database nor topics (the marketplace simulator), as {@link #start}. */
    public ServiceProcess startPlain(String module, Map<String, String> config) {
        ServiceProcess process = ServiceProcess.launch(module, config);
        started.put(module, process);
        return process;
    }

    /** Waits until every service launched is ready: they start side by side. */
    public void awaitReady() {
        started.values().forEach(ServiceProcess::awaitReady);
    }

    public ServiceProcess get(String service) {
        return started.get(service);
    }

    /** The address of topic {@code topic} (its name without prefix) in this run. */
    public String topic(String topic) {
        return topicPrefix + topic;
    }

    public String database(String service) {
        return databases.get(service);
    }

    public Infrastructure infrastructure() {
        return infrastructure;
    }

    /**
     * Whether deploy/local/infra started the PostgreSQL the tests use (its marker is there), so a test may stop and
     * start it; a server started some other way is left alone.
     */
    public boolean canRestartPostgres() {
        Path data = infraData();
        return Files.isRegularFile(data.resolve("postgres.started"))
                || Files.isRegularFile(data.resolve("postgres-embedded.pid"));
    }

    /** Whether deploy/local/infra started the broker the tests use (its pid file for that port is there). */
    public boolean canRestartKafka() {
        return Files.isRegularFile(infraData().resolve("kafka-" + kafkaPort() + ".pid"));
    }

    /** Stops PostgreSQL (deploy/local/infra stop postgres): every connection of every service ends. */
    public void stopPostgres() {
        infra("stop", "postgres");
    }

    /** Starts PostgreSQL again and returns once it answers. */
    public void startPostgres() {
        infra("start", "postgres");
    }

    /** Stops the broker (deploy/local/infra stop kafka; SIGTERM, a controlled shutdown). */
    public void stopKafka() {
        infra("stop", "kafka");
    }

    /** Starts the broker again on its data and returns once its port answers. */
    public void startKafka() {
        infra("start", "kafka");
    }

    /**
     * The deploy/local/infra that started the broker and database: {@code STOCKLINE_INFRA} when set (CI starts them
     * from its checkout and runs the tests in a fresh clone of it), else this checkout's.
     */
    private static Path infraScript() {
        String named = System.getenv("STOCKLINE_INFRA");
        return named != null && !named.isBlank() ? Path.of(named)
                : Infrastructure.repositoryRoot().resolve("deploy/local/infra");
    }

    private static Path infraData() {
        return infraScript().resolveSibling(".data");
    }

    private int kafkaPort() {
        String first = infrastructure.kafkaBootstrapServers().split(",")[0];
        return Integer.parseInt(first.substring(first.lastIndexOf(':') + 1));
    }

    /** Runs the script on the ports the tests use, so it stops and starts those servers and no others. */
    private void infra(String verb, String what) {
        Infrastructure.runInfra(infraScript(), 3, Map.of(
                "STOCKLINE_KAFKA_PORT", String.valueOf(kafkaPort()),
                "STOCKLINE_PG_PORT", String.valueOf(infrastructure.pgPort())), verb, what);
    }

    @Override
    public void close() {
        List<ServiceProcess> reversed = new ArrayList<>(started.values());
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::close);
        databases.values().forEach(infrastructure::dropDatabase);
    }
}
