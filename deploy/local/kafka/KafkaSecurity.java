import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.Yaml;

/**
 * Gives the local broker the security of the Kubernetes one, from the same source: the SCRAM users of
 * deploy/local/kafka/users.properties (development passwords), the topics of deploy/kubernetes/base/kafka/topics.yaml
 * (one replica here; services may not create topics) and the ACLs of every KafkaUser in
 * deploy/kubernetes/base/kafka/users.yaml. Run by deploy/local/infra once the broker answers, as the super user;
 * idempotent: users are (re)set to their passwords, missing topics created, ACLs added, and ACLs of those users that
 * users.yaml no longer grants removed.
 * With a prefix (tests: their topics live under one) it creates the prefixed topics and adds the same ACLs on the
 * prefixed topic, group and transactional id names, leaving users and other ACLs alone.
 * Run by the JDK's source launcher: java -cp 'kafka-libs/*' KafkaSecurity.java REPOSITORY_ROOT BOOTSTRAP [PREFIX]
 * (STOCKLINE_KAFKA_USERS: another users.properties).
 */
public class KafkaSecurity {

    static final String SUPER_USER = "stockline-admin";

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: KafkaSecurity REPOSITORY_ROOT BOOTSTRAP [PREFIX]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        String bootstrap = args[1];
        String prefix = args.length > 2 ? args[2] : "";
        Map<String, String> passwords = passwords(root);
        Path kafkaManifests = root.resolve("deploy/kubernetes/base/kafka");
        List<Map<String, Object>> users = documents(kafkaManifests.resolve("users.yaml"), "KafkaUser");
        List<Map<String, Object>> topics = documents(kafkaManifests.resolve("topics.yaml"), "KafkaTopic");

        Set<String> declared = new TreeSet<>();
        users.forEach(user -> declared.add(name(user)));
        Set<String> local = new TreeSet<>(passwords.keySet());
        local.remove(SUPER_USER);
        if (!declared.equals(local)) {
            throw new IllegalStateException("users.properties must hold a password for exactly the KafkaUsers of users.yaml "
                    + declared + " (and " + SUPER_USER + "), not " + local);
        }
        List<AclBinding> acls = new ArrayList<>();
        users.forEach(user -> acls.addAll(acls(user, prefix)));

        try (Admin admin = Admin.create(adminConfig(bootstrap, passwords.get(SUPER_USER)))) {
            if (prefix.isEmpty()) {
                List<UserScramCredentialAlteration> upserts = new ArrayList<>();
                passwords.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
                admin.alterUserScramCredentials(upserts).all().get();
            }
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (Map<String, Object> topic : topics) {
                String name = prefix + topicName(topic);
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, Optional.empty(), Optional.of((short) 1)).configs(localConfig(topic)));
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            admin.createAcls(acls).all().get();
            int removed = 0;
            if (prefix.isEmpty()) {
                List<AclBindingFilter> stale = new ArrayList<>();
                for (AclBinding binding : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
                    String principal = binding.entry().principal();
                    if (principal.startsWith("User:") && declared.contains(principal.substring(5)) && !acls.contains(binding)) {
                        stale.add(binding.toFilter());
                    }
                }
                if (!stale.isEmpty()) {
                    removed = admin.deleteAcls(stale).all().get().size();
                }
            }
            System.out.printf("kafka security%s: %d users, %d topics created, %d ACLs in force, %d stale removed%n",
                    prefix.isEmpty() ? "" : " (prefix " + prefix + ")", prefix.isEmpty() ? passwords.size() : 0,
                    missing.size(), acls.size(), removed);
        }
    }

    /** users.properties (or STOCKLINE_KAFKA_USERS): user = password. */
    static Map<String, String> passwords(Path root) throws IOException {
        String override = System.getenv("STOCKLINE_KAFKA_USERS");
        Path file = override == null || override.isBlank() ? root.resolve("deploy/local/kafka/users.properties") : Path.of(override);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> passwords = new TreeMap<>();
        properties.stringPropertyNames().forEach(user -> passwords.put(user, properties.getProperty(user)));
        if (!passwords.containsKey(SUPER_USER)) {
            throw new IllegalStateException(file + " has no password for the super user " + SUPER_USER);
        }
        return passwords;
    }

    static Map<String, Object> adminConfig(String bootstrap, String password) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put("security.protocol", "SASL_PLAINTEXT");
        config.put("sasl.mechanism", "SCRAM-SHA-512");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + SUPER_USER + "\" password=\"" + password + "\";");
        return config;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file, String kind) throws IOException {
        List<Map<String, Object>> found = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map && kind.equals(map.get("kind"))) {
                    found.add((Map<String, Object>) map);
                }
            }
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
    }

    static String name(Map<String, Object> resource) {
        return String.valueOf(child(resource, "metadata").get("name"));
    }

    static String topicName(Map<String, Object> topic) {
        Object name = child(topic, "spec").get("topicName");
        return name == null ? name(topic) : name.toString();
    }

    /** The topic's configuration less what needs replicas this single node does not have. */
    static Map<String, String> localConfig(Map<String, Object> topic) {
        Map<String, String> config = new TreeMap<>();
        child(child(topic, "spec"), "config").forEach((key, value) -> config.put(key, String.valueOf(value)));
        config.remove("min.insync.replicas");
        return config;
    }

    /** A KafkaUser's spec.authorization.acls as bindings for User:name, names under the prefix. */
    @SuppressWarnings("unchecked")
    static Collection<AclBinding> acls(Map<String, Object> user, String prefix) {
        String principal = "User:" + name(user);
        Set<AclBinding> bindings = new LinkedHashSet<>();
        Object list = child(child(user, "spec"), "authorization").get("acls");
        for (Object item : list instanceof List<?> l ? l : List.of()) {
            Map<String, Object> acl = (Map<String, Object>) item;
            Map<String, Object> resource = child(acl, "resource");
            ResourceType type = switch (String.valueOf(resource.get("type"))) {
                case "topic" -> ResourceType.TOPIC;
                case "group" -> ResourceType.GROUP;
                case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
                case "cluster" -> ResourceType.CLUSTER;
                default -> throw new IllegalStateException(principal + ": unknown ACL resource " + resource);
            };
            String resourceName = type == ResourceType.CLUSTER ? "kafka-cluster" : prefix + resource.get("name");
            PatternType pattern = "prefix".equals(resource.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL;
            List<Object> operations = acl.get("operations") instanceof List<?> many ? (List<Object>) many
                    : List.of(acl.get("operation"));
            for (Object operation : operations) {
                AclOperation op = AclOperation.fromString(String.valueOf(operation));
                if (op == AclOperation.UNKNOWN) {
                    throw new IllegalStateException(principal + ": unknown ACL operation " + operation);
                }
                AclPermissionType permission = "deny".equals(acl.get("type")) ? AclPermissionType.DENY : AclPermissionType.ALLOW;
                String host = acl.get("host") == null ? "*" : acl.get("host").toString();
                bindings.add(new AclBinding(new ResourcePattern(type, resourceName, pattern),
                        new AccessControlEntry(principal, host, op, permission)));
            }
        }
        return bindings;
    }
}
