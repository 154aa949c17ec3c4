package io.stockline.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Strimzi: a KafkaTopic for every topic of the contract and of the services' configuration; a KafkaUser per service. */
class KafkaTest {

    @BeforeAll
    static void kubectl() {
        assumeTrue(Rendered.kubectlPresent(), "kubectl is not installed (.ci/run installs it)");
    }

    static Map<String, GenericKubernetesResource> topics(Rendered r) {
        return r.custom("KafkaTopic").stream().collect(Collectors.toMap(t -> {
            String name = t.get("spec", "topicName");
            return name == null ? t.getMetadata().getName() : name;
        }, Function.identity()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicOfTheContractHasAKafkaTopicAndNoOtherExists(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> contract = Contract.asyncApiTopics();
        assertThat(contract).as("deploy/asyncapi.yaml topics").contains("inventory.stock-changed", "orders", "inventory.stock-changed.dlq");
        assertThat(topics(r).keySet()).as("%s KafkaTopics", overlay).containsExactlyInAnyOrderElementsOf(contract);

        String kafka = r.custom("Kafka").get(0).getMetadata().getName();
        for (var entry : topics(r).entrySet()) {
            GenericKubernetesResource topic = entry.getValue();
            assertThat(topic.getMetadata().getLabels()).as("%s is the Topic Operator's", entry.getKey()).containsEntry("strimzi.io/cluster", kafka);
            Map<String, Object> config = topic.get("spec", "config");
            boolean compacted = Set.of("inventory.items", "inventory.locations", "inventory.reorder-points").contains(entry.getKey());
            assertThat(String.valueOf(config.get("cleanup.policy"))).as("%s cleanup.policy", entry.getKey())
                    .isEqualTo(compacted ? "compact" : "delete");
            int partitions = ((Number) topic.get("spec", "partitions")).intValue();
            assertThat(partitions).as("%s partitions", entry.getKey()).isPositive();
        }
    }

    @Test
    void prodTopicsAreReplicatedThreeTimesAndNeedTwoInSync() {
        Rendered r = Rendered.overlay("prod");
        for (var entry : topics(r).entrySet()) {
            assertThat(((Number) entry.getValue().get("spec", "replicas")).intValue()).as("%s replicas", entry.getKey()).isEqualTo(3);
            Map<String, Object> config = entry.getValue().get("spec", "config");
            assertThat(((Number) config.get("min.insync.replicas")).intValue()).as("%s min.insync.replicas", entry.getKey()).isEqualTo(2);
        }
        List<GenericKubernetesResource> pools = r.custom("KafkaNodePool");
        assertThat(pools).as("KRaft node pools").anySatisfy(p -> assertThat((List<String>) p.get("spec", "roles")).contains("controller"));
        int brokers = pools.stream().filter(p -> ((List<String>) p.get("spec", "roles")).contains("broker"))
                .mapToInt(p -> ((Number) p.get("spec", "replicas")).intValue()).sum();
        assertThat(brokers).as("brokers for three replicas").isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyTopicAServiceNamesExists(String overlay) {
        Set<String> existing = topics(Rendered.overlay(overlay)).keySet();
        assertThat(Contract.topicDefaults()).as("platform Topics' defaults read").containsEntry("stock-changed", "inventory.stock-changed");
        assertThat(existing).as("the platform's topic defaults").containsAll(Contract.topicDefaults().values());
        for (String service : Contract.SERVICES) {
            Contract.ServiceKafka kafka = Contract.service(service);
            Set<String> named = new TreeSet<>();
            named.addAll(kafka.reads());
            named.addAll(kafka.deadLetters());
            named.addAll(kafka.channelProduces());
            named.addAll(kafka.topicsInSource());
            named.addAll(kafka.topicsConfigured());
            assertThat(named).as("%s names topics", service).isNotEmpty();
            assertThat(existing).as("%s: topics of its configuration and sources %s", service, named).containsAll(named);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasAKafkaUserWhoseAclsMatchWhatItProducesAndConsumes(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> existing = topics(r).keySet();
        for (String service : Contract.SERVICES) {
            Contract.Access expected = Contract.ACCESS.get(service);
            GenericKubernetesResource user = r.customOne("KafkaUser", service);
            assertThat((String) user.get("spec", "authentication", "type")).as("%s authentication", service).isEqualTo("scram-sha-512");
            assertThat((String) user.get("spec", "authorization", "type")).as("%s authorization", service).isEqualTo("simple");
            List<Map<String, Object>> acls = user.get("spec", "authorization", "acls");

            Set<String> reads = resources(acls, "topic", "Read");
            Set<String> writes = resources(acls, "topic", "Write");
            Set<String> groups = resources(acls, "group", "Read");
            assertThat(reads).as("%s reads", service).isEqualTo(expected.reads());
            assertThat(writes).as("%s writes", service).isEqualTo(expected.writes());
            assertThat(groups).as("%s consumer group", service).isEqualTo(expected.group() == null ? Set.of() : Set.of(expected.group()));
            // Nothing broader than the literal topics and groups it needs
            assertThat(acls).as("%s ACLs are literal and not on the cluster", service).allSatisfy(acl -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
                assertThat(resource.get("type")).isIn("topic", "group");
                assertThat(resource.getOrDefault("patternType", "literal")).isEqualTo("literal");
                assertThat(String.valueOf(resource.get("name"))).doesNotContain("*");
                assertThat(operations(acl)).isSubsetOf("Read", "Write", "Describe");
            });
            assertThat(existing).as("%s ACLs name existing topics", service).containsAll(reads).containsAll(writes);

            // The same, as the service's own configuration and sources state it
            Contract.ServiceKafka config = Contract.service(service);
            assertThat(reads).as("%s reads what its incoming channels consume", service).isEqualTo(config.reads());
            assertThat(groups).as("%s group.id of its incoming channels", service)
                    .isEqualTo(config.consumes().isEmpty() ? Set.of() : config.groups());
            assertThat(writes).as("%s writes its dead letters and outgoing channels", service)
                    .containsAll(config.deadLetters()).containsAll(config.channelProduces());
            Set<String> touched = new HashSet<>(reads);
            touched.addAll(writes);
            assertThat(touched).as("%s: every topic its sources hand to the outbox or read", service).containsAll(config.topicsInSource());
            if (config.consumes().isEmpty()) {
                // A pure producer (inventory's outbox): what its sources publish is exactly what it may write
                assertThat(writes).as("%s writes what its sources publish", service).isEqualTo(config.topicsInSource());
            }
        }
    }

    private static Set<String> resources(List<Map<String, Object>> acls, String type, String operation) {
        Set<String> out = new TreeSet<>();
        for (Map<String, Object> acl : acls) {
            @SuppressWarnings("unchecked")
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            if (type.equals(resource.get("type")) && operations(acl).contains(operation)) {
                out.add(String.valueOf(resource.get("name")));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> operations(Map<String, Object> acl) {
        Object many = acl.get("operations");
        return many != null ? (List<String>) many : List.of(String.valueOf(acl.get("operation")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theBrokersAuthenticateWithScramAndAuthoriseWithAcls(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        GenericKubernetesResource kafka = r.custom("Kafka").get(0);
        List<Map<String, Object>> listeners = kafka.get("spec", "kafka", "listeners");
        assertThat(listeners).as("%s listeners all authenticate with SCRAM-SHA-512 over TLS", overlay).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get("tls")).isEqualTo(true);
            assertThat(((Map<?, ?>) l.get("authentication")).get("type")).isEqualTo("scram-sha-512");
        });
        assertThat((String) kafka.get("spec", "kafka", "authorization", "type")).isEqualTo("simple");
        assertThat((List<?>) kafka.get("spec", "kafka", "authorization", "superUsers")).as("no super users in %s", overlay).isNullOrEmpty();
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceUsesItsOwnKafkaUserOverSaslSsl(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        String kafka = r.custom("Kafka").get(0).getMetadata().getName();
        for (String service : Contract.SERVICES) {
            Container c = r.one(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, EnvVar> env = c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL").getValue()).as(service).isEqualTo("SASL_SSL");
            assertThat(env.get("KAFKA_SASL_MECHANISM").getValue()).as(service).isEqualTo("SCRAM-SHA-512");
            var jaas = env.get("KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef();
            assertThat(jaas.getName()).as("%s JAAS from its KafkaUser's Secret", service).isEqualTo(r.customOne("KafkaUser", service).getMetadata().getName());
            assertThat(jaas.getKey()).isEqualTo("sasl.jaas.config");
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION").getValue();
            var mount = c.getVolumeMounts().stream().filter(m -> truststore.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow();
            var volume = r.one(Deployment.class, service).getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getSecret().getSecretName()).as("%s trusts Strimzi's cluster CA", service).isEqualTo(kafka + "-cluster-ca-cert");
            // The bootstrap address is the SCRAM listener's port
            String bootstrap = r.one(io.fabric8.kubernetes.api.model.ConfigMap.class, "stockline").getData().get("kafka.bootstrap.servers");
            assertThat(bootstrap).isEqualTo(kafka + "-kafka-bootstrap:9093");
        }
    }
}
