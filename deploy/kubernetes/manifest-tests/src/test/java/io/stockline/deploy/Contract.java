package io.stockline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the repository says about topics: deploy/asyncapi.yaml (the event contract), the platform's topic defaults
 * (platform Topics), and each service's application.properties (its incoming and outgoing channels, dead letters and
 * consumer group) and sources (the topics it hands to its outbox).
 */
final class Contract {

    static final List<String> SERVICES = List.of("inventory-service", "channel-connector-service", "allocation-service", "alert-service");
    /** The web console: a Deployment like the services', but no Kafka, no database, no traces. */
    static final String CONSOLE = "console";
    /** Every Deployment: the services and the console. */
    static final List<String> DEPLOYMENTS = Stream.concat(SERVICES.stream(), Stream.of(CONSOLE)).toList();

    private static final Pattern TOPIC_METHOD = Pattern.compile("\\bString\\s+(\\w+)\\(\\)\\s*;");
    private static final Pattern TOPICS_CALL = Pattern.compile("\\btopics\\.(\\w+)\\(\\)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
    /** The platform relay's channel: every record names its own topic, so the channel's topic is never written. */
    static final String OUTBOX_CHANNEL = "outbox-out";

    private Contract() {
    }

    /** Every topic address of deploy/asyncapi.yaml. */
    static Set<String> asyncApiTopics() {
        try {
            JsonNode channels = new ObjectMapper(new YAMLFactory()).readTree(Repo.read("deploy/asyncapi.yaml")).path("channels");
            Set<String> topics = new TreeSet<>();
            channels.forEach(channel -> topics.add(channel.path("address").asText()));
            topics.remove("");
            return topics;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * stockline.topics.<name> → default, from the platform's configuration defaults, for each name the platform's
     * Topics mapping declares (method stockChanged → stock-changed).
     */
    static Map<String, String> topicDefaults() {
        Properties platform = new Properties();
        try {
            platform.load(new StringReader(Repo.read("platform/src/main/resources/META-INF/microprofile-config.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Matcher m = TOPIC_METHOD.matcher(Repo.read("platform/src/main/java/io/stockline/platform/config/Topics.java"));
        while (m.find()) {
            String name = kebab(m.group(1));
            String value = platform.getProperty("stockline.topics." + name);
            if (value != null) {
                defaults.put(name, value);
            }
        }
        return defaults;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** One service's Kafka use as its configuration and sources state it. */
    record ServiceKafka(String service, Set<String> consumes, Set<String> groups, Set<String> deadLetters,
                        Set<String> channelProduces, Set<String> topicsInSource, Set<String> topicsConfigured,
                        Set<String> consumesByPattern) {

        /** Every topic it reads: its channels' topics, and those of deploy/asyncapi.yaml its pattern channels match. */
        Set<String> reads() {
            Set<String> all = new TreeSet<>(consumes);
            all.addAll(consumesByPattern);
            return all;
        }
    }

    static ServiceKafka service(String service) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Repo.read(service + "/src/main/resources/application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties platform = new Properties();
        try {
            platform.load(new StringReader(Repo.read("platform/src/main/resources/META-INF/microprofile-config.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> defaults = topicDefaults();
        Set<String> consumes = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> deadLetters = new TreeSet<>();
        Set<String> produces = new TreeSet<>();
        Set<String> configured = new TreeSet<>();
        Set<String> consumesByPattern = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue; // dev and test profiles: not what runs in a cluster
            }
            String value = resolve(p.getProperty(key), p, platform, defaults);
            if (key.startsWith("stockline.topics.")) {
                configured.add(value);
            }
            String[] parts = key.split("\\.", 4);
            if (parts.length < 4 || !parts[0].equals("mp") || !parts[1].equals("messaging")) {
                continue;
            }
            String direction = parts[2];
            String channel = parts[3].substring(0, parts[3].indexOf('.') < 0 ? parts[3].length() : parts[3].indexOf('.'));
            String attribute = parts[3].substring(channel.length()).replaceFirst("^\\.", "");
            String prefix = "mp.messaging." + direction + "." + channel + ".";
            if (!"smallrye-kafka".equals(p.getProperty(prefix + "connector"))) {
                continue;
            }
            String topic = resolve(p.getProperty(prefix + "topic", channel), p, platform, defaults);
            if (direction.equals("incoming") && attribute.equals("connector")
                    && Boolean.parseBoolean(p.getProperty(prefix + "pattern", "false"))) {
                // a topic pattern (alert-service's dead-letter watch): what it reads are the topics it matches; a
                // side channel, not what the service scales on
                Pattern matching = Pattern.compile(topic);
                asyncApiTopics().stream().filter(known -> matching.matcher(known).matches()).forEach(consumesByPattern::add);
                groups.add(resolve(p.getProperty(prefix + "group.id", "<none>"), p, platform, defaults));
                continue;
            }
            if (direction.equals("incoming") && attribute.equals("connector")) {
                consumes.add(topic);
                groups.add(resolve(p.getProperty(prefix + "group.id", "<none>"), p, platform, defaults));
                if ("dead-letter-queue".equals(p.getProperty(prefix + "failure-strategy"))) {
                    deadLetters.add(resolve(p.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + topic), p, platform, defaults));
                }
            } else if (direction.equals("outgoing") && attribute.equals("connector") && !channel.equals(OUTBOX_CHANNEL)) {
                produces.add(topic);
            }
        }
        Set<String> inSource = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Repo.path(service + "/src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = TOPICS_CALL.matcher(Files.readString(file));
                while (m.find()) {
                    String name = kebab(m.group(1));
                    if (defaults.containsKey(name)) {
                        inSource.add(resolve("${stockline.topics." + name + "}", p, platform, defaults));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceKafka(service, consumes, groups, deadLetters, produces, inSource, configured, consumesByPattern);
    }

    private static String resolve(String value, Properties p, Properties platform, Map<String, String> defaults) {
        String current = value;
        for (int depth = 0; depth < 10; depth++) {
            Matcher m = PLACEHOLDER.matcher(current);
            if (!m.find()) {
                return current;
            }
            String key = m.group(1);
            String replacement = p.getProperty(key, platform.getProperty(key));
            if (replacement == null && key.startsWith("stockline.topics.")) {
                replacement = defaults.get(key.substring("stockline.topics.".length()));
            }
            if (replacement == null) {
                replacement = m.group(2) == null ? "<unresolved " + key + ">" : m.group(2);
            }
            current = current.substring(0, m.start()) + replacement + current.substring(m.end());
        }
        return current;
    }

    /**
     * Who produces and consumes what (deploy/asyncapi.yaml's operations, the reliability issue's ACLs): the table the
     * KafkaUsers must match exactly. The tests also check it against what the services' configuration states.
     */
    record Access(Set<String> reads, Set<String> writes, String group) {
    }

    static final Map<String, Access> ACCESS = Map.of(
            "inventory-service", new Access(Set.of(),
                    Set.of("inventory.stock-changed", "inventory.items", "inventory.locations",
                            "inventory.reorder-points"), null),
            "channel-connector-service", new Access(Set.of("inventory.stock-changed", "inventory.items"),
                    Set.of("channel.sync-status", "inventory.stock-changed.dlq", "inventory.items.dlq"), "channel-connector-service"),
            "allocation-service", new Access(Set.of("orders", "inventory.stock-changed", "inventory.locations"),
                    Set.of("allocations", "orders.dlq", "inventory.stock-changed.dlq", "inventory.locations.dlq"), "allocation-service"),
            // alert-service also reads every dead-letter topic (DEAD_LETTERS alerts)
            "alert-service", new Access(Set.of("inventory.stock-changed", "channel.sync-status", "inventory.reorder-points",
                    "inventory.stock-changed.dlq", "channel.sync-status.dlq", "inventory.items.dlq", "inventory.locations.dlq",
                    "inventory.reorder-points.dlq", "orders.dlq"),
                    Set.of("alerts", "inventory.stock-changed.dlq", "channel.sync-status.dlq",
                            "inventory.reorder-points.dlq"), "alert-service"));
}
