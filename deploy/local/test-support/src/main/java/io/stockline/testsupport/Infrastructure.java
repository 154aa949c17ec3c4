package io.stockline.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real Kafka broker and PostgreSQL server that tests run against, found once per JVM:
 * (a) the ones named by environment variables, else (b) Testcontainers when a Docker engine answers,
 * else (c) deploy/local's, started when they are not running.
 * <p>
 * deploy/local's broker takes SASL/SCRAM clients only (deploy/local/kafka/server.properties): every Kafka client of
 * the tests is built from {@link #kafkaClientProperties()}, which logs in as the broker's super user
 * ({@code stockline-admin}, its development password in deploy/local/kafka/users.properties; another user:
 * {@code STOCKLINE_KAFKA_USER} and {@code STOCKLINE_KAFKA_PASSWORD}). The super user because every test class works
 * on topics and consumer groups under a prefix of its own, which the services' ACLs (literal names) do not cover;
 * what the ACLs allow each service is shown by KafkaAclTest. A broker named by the environment without SASL:
 * {@code STOCKLINE_KAFKA_SECURITY_PROTOCOL=PLAINTEXT}; the Testcontainers broker has none.
 */
public final class Infrastructure {

    public static final String ENV_KAFKA = "STOCKLINE_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_PG_HOST = "STOCKLINE_PG_HOST";
    public static final String ENV_PG_PORT = "STOCKLINE_PG_PORT";
    public static final String ENV_PG_USER = "STOCKLINE_PG_USER";
    public static final String ENV_PG_PASSWORD = "STOCKLINE_PG_PASSWORD";
    public static final String ENV_KAFKA_SECURITY_PROTOCOL = "STOCKLINE_KAFKA_SECURITY_PROTOCOL";
    public static final String ENV_KAFKA_USER = "STOCKLINE_KAFKA_USER";
    public static final String ENV_KAFKA_PASSWORD = "STOCKLINE_KAFKA_PASSWORD";
    public static final String ENV_KAFKA_USERS = "STOCKLINE_KAFKA_USERS";
    /** The local broker's super user (deploy/local/kafka/server.properties). */
    public static final String KAFKA_SUPER_USER = "stockline-admin";

    /** The topics of DESIGN.md; tests get them under a prefix of their own. */
    public static final Map<String, String> TOPICS = Map.of(
            "stockline.topics.stock-changed", "inventory.stock-changed",
            "stockline.topics.orders", "orders",
            "stockline.topics.allocations", "allocations",
            "stockline.topics.alerts", "alerts",
            "stockline.topics.sync-status", "channel.sync-status",
            "stockline.topics.items", "inventory.items",
            "stockline.topics.locations", "inventory.locations",
            "stockline.topics.reorder-points", "inventory.reorder-points");

    private static Infrastructure instance;

    private final String kafkaBootstrapServers;
    private final String pgHost;
    private final int pgPort;
    private final String pgUser;
    private final String pgPassword;
    private final boolean kafkaSasl;

    private Infrastructure(String kafkaBootstrapServers, boolean kafkaSasl, String pgHost, int pgPort, String pgUser,
            String pgPassword) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.kafkaSasl = kafkaSasl;
        this.pgHost = pgHost;
        this.pgPort = pgPort;
        this.pgUser = pgUser;
        this.pgPassword = pgPassword;
    }

    public static synchronized Infrastructure get() {
        if (instance == null) {
            instance = locate();
        }
        return instance;
    }

    private static Infrastructure locate() {
        String kafka = System.getenv(ENV_KAFKA);
        String pgHost = System.getenv(ENV_PG_HOST);
        if (kafka != null && pgHost != null) {
            return new Infrastructure(kafka, !"PLAINTEXT".equals(envOr(ENV_KAFKA_SECURITY_PROTOCOL, "SASL_PLAINTEXT")), pgHost,
                    Integer.parseInt(envOr(ENV_PG_PORT, "5432")), envOr(ENV_PG_USER, "stockline"),
                    envOr(ENV_PG_PASSWORD, "stockline"));
        }
        if (dockerAnswers()) {
            return fromTestcontainers();
        }
        return fromDeployLocal();
    }

    private static boolean dockerAnswers() {
        // Asking Testcontainers costs seconds and logs errors when no engine is configured at all.
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // containers live as long as the test JVM; Ryuk removes them
    private static Infrastructure fromTestcontainers() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:15")
                .withUsername("stockline").withPassword("stockline");
        kafka.start();
        postgres.start();
        return new Infrastructure(kafka.getBootstrapServers(), false, postgres.getHost(), postgres.getMappedPort(5432),
                "stockline", "stockline");
    }

    private static Infrastructure fromDeployLocal() {
        if (!(portOpen(9092) && portOpen(5432))) {
            runInfra(repositoryRoot().resolve("deploy/local/infra"), 10, "start");
        }
        return new Infrastructure("127.0.0.1:9092", true, "127.0.0.1", 5432, envOr(ENV_PG_USER, "stockline"),
                envOr(ENV_PG_PASSWORD, "stockline"));
    }

    /** Runs deploy/local/infra ({@code script}) with {@code args}, its output on this process's; fails unless it ends well. */
    public static void runInfra(Path script, int minutes, String... args) {
        runInfra(script, minutes, Map.of(), args);
    }

    /**
     * {@link #runInfra(Path, int, String...)} with more environment, such as {@code STOCKLINE_KAFKA_PORT} and
     * {@code STOCKLINE_PG_PORT}, so a stop or start reaches the broker or database of those ports.
     */
    public static void runInfra(Path script, int minutes, Map<String, String> environment, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script.toString()));
        command.addAll(java.util.List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The checkout this test runs in: the nearest folder above the working directory with deploy/local/infra. */
    public static Path repositoryRoot() {
        for (File dir = new File(System.getProperty("user.dir")).getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            if (Files.isRegularFile(dir.toPath().resolve("deploy/local/infra"))) {
                return dir.toPath();
            }
        }
        throw new IllegalStateException("no deploy/local/infra above " + System.getProperty("user.dir"));
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Whether the broker takes SASL/SCRAM clients only (deploy/local's) rather than anyone (Testcontainers'). */
    public boolean kafkaSasl() {
        return kafkaSasl;
    }

    /**
     * What a Kafka client of the tests (producer, consumer, admin) is built from: the broker's address and, on a
     * SASL broker, the super user's credentials. Add serializers, group and the like to the copy returned.
     */
    public Properties kafkaClientProperties() {
        Properties properties = new Properties();
        properties.putAll(kafkaSecurity());
        properties.put("bootstrap.servers", kafkaBootstrapServers);
        return properties;
    }

    /** {@link #kafkaClientProperties()} as another user of the broker (KafkaAclTest: a service's own user). */
    public Properties kafkaClientProperties(String user, String password) {
        Properties properties = new Properties();
        properties.putAll(scram(user, password));
        properties.put("bootstrap.servers", kafkaBootstrapServers);
        return properties;
    }

    /** The security settings of {@link #kafkaClientProperties()} alone (PLAINTEXT on a broker without SASL). */
    public Map<String, String> kafkaSecurity() {
        if (!kafkaSasl) {
            return Map.of("security.protocol", "PLAINTEXT");
        }
        String user = envOr(ENV_KAFKA_USER, KAFKA_SUPER_USER);
        String password = System.getenv(ENV_KAFKA_PASSWORD);
        return scram(user, password == null || password.isBlank() ? kafkaPassword(user) : password);
    }

    /**
     * The configuration that gives a service process (or a Quarkus test) the tests' Kafka identity, as Quarkus keys
     * ({@code kafka.security.protocol}...); {@link #kafkaEnvironment()} as environment variables.
     */
    public Map<String, String> kafkaServiceConfig() {
        Map<String, String> config = new TreeMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrapServers);
        kafkaSecurity().forEach((key, value) -> config.put("kafka." + key, value));
        return config;
    }

    /** {@link #kafkaServiceConfig()} as the environment a Quarkus service reads it from (KAFKA_SASL_JAAS_CONFIG...). */
    public Map<String, String> kafkaEnvironment() {
        Map<String, String> environment = new TreeMap<>();
        kafkaServiceConfig().forEach((key, value) -> environment.put(key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        return environment;
    }

    /** A user's password on deploy/local's broker: deploy/local/kafka/users.properties (or STOCKLINE_KAFKA_USERS). */
    public static String kafkaPassword(String user) {
        String file = System.getenv(ENV_KAFKA_USERS);
        Path users = file == null || file.isBlank() ? repositoryRoot().resolve("deploy/local/kafka/users.properties") : Path.of(file);
        Properties passwords = new Properties();
        try (Reader reader = Files.newBufferedReader(users)) {
            passwords.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the Kafka users of " + users, e);
        }
        String password = passwords.getProperty(user);
        if (password == null) {
            throw new IllegalStateException(users + " has no password for Kafka user " + user);
        }
        return password;
    }

    private static Map<String, String> scram(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + user + "\" password=\"" + password + "\";");
    }

    public int pgPort() {
        return pgPort;
    }

    public String pgUser() {
        return pgUser;
    }

    public String pgPassword() {
        return pgPassword;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    /** A new empty database, so that no two test runs see each other's rows. */
    public String createDatabase(String service) {
        String name = (service.replaceAll("[^A-Za-z0-9]", "_") + "_t" + shortId()).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return name;
    }

    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), pgUser, pgPassword);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A prefix no other test run uses, for topic names. */
    public static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
