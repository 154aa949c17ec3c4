package io.stockline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Scaling on lag, the databases, the secrets the services need, and the dashboard. */
class PlatformTest {

    private static final List<String> CONSUMERS = List.of("channel-connector-service", "allocation-service", "alert-service");

    @BeforeAll
    static void kubectl() {
        assumeTrue(Rendered.kubectlPresent(), "kubectl is not installed (.ci/run installs it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kedaScalesEveryConsumerOnItsGroupsLagNoFurtherThanItsTopicsPartitions(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Map<String, GenericKubernetesResource> topics = KafkaTest.topics(r);
        assertThat(r.custom("ScaledObject")).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(CONSUMERS);
        for (GenericKubernetesResource scaled : r.custom("ScaledObject")) {
            String service = scaled.getMetadata().getName();
            Contract.ServiceKafka config = Contract.service(service);
            assertThat((String) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo(service);
            r.one(Deployment.class, service);
            int max = ((Number) scaled.get("spec", "maxReplicaCount")).intValue();
            int min = ((Number) scaled.get("spec", "minReplicaCount")).intValue();
            assertThat(min).as("%s min <= max", service).isPositive().isLessThanOrEqualTo(max);
            List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
            Set<String> triggerTopics = new TreeSet<>();
            for (Map<String, Object> trigger : triggers) {
                assertThat(trigger.get("type")).isEqualTo("kafka");
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
                String topic = String.valueOf(metadata.get("topic"));
                triggerTopics.add(topic);
                assertThat(config.groups()).as("%s lag of its own consumer group", service).containsExactly(String.valueOf(metadata.get("consumerGroup")));
                assertThat(topics).as("%s trigger topic", service).containsKey(topic);
                int partitions = ((Number) topics.get(topic).get("spec", "partitions")).intValue();
                assertThat(max).as("%s maxReplicaCount <= partitions of %s", service, topic).isLessThanOrEqualTo(partitions);
                assertThat(String.valueOf(metadata.get("bootstrapServers"))).contains(":9093");
                @SuppressWarnings("unchecked")
                String auth = String.valueOf(((Map<String, Object>) trigger.get("authenticationRef")).get("name"));
                assertThat(r.custom("TriggerAuthentication")).extracting(t -> t.getMetadata().getName()).contains(auth);
            }
            assertThat(triggerTopics).as("%s scales on every topic it consumes", service).isEqualTo(config.consumes());
            assertThat(r.one(Deployment.class, service).getSpec().getReplicas())
                    .as("%s leaves its replicas to the autoscaler", service).isNull();
        }
        // KEDA's user may look at the lag and nothing else
        List<Map<String, Object>> acls = r.customOne("KafkaUser", "stockline-keda").get("spec", "authorization", "acls");
        assertThat(acls).allSatisfy(acl -> assertThat((List<String>) acl.get("operations")).containsExactly("Describe"));
    }

    @Test
    void theHpaComponentReplacesKedaWithinThePartitions() throws IOException {
        Path dir = Path.of("target", "hpa-overlay").toAbsolutePath();
        Files.createDirectories(dir);
        Path overlays = dir.relativize(Repo.path("deploy/kubernetes/overlays/prod"));
        Path component = dir.relativize(Repo.path("deploy/kubernetes/components/hpa"));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [" + overlays + "]\ncomponents: [" + component + "]\n");
        Rendered r = Rendered.of(dir, "prod+hpa");
        assertThat(r.custom("ScaledObject")).isEmpty();
        Map<String, GenericKubernetesResource> topics = KafkaTest.topics(r);
        assertThat(r.all(HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrderElementsOf(CONSUMERS);
        for (HorizontalPodAutoscaler hpa : r.all(HorizontalPodAutoscaler.class)) {
            String service = hpa.getSpec().getScaleTargetRef().getName();
            for (String topic : Contract.service(service).consumes()) {
                assertThat(hpa.getSpec().getMaxReplicas()).as("%s maxReplicas <= partitions of %s", service, topic)
                        .isLessThanOrEqualTo(((Number) topics.get(topic).get("spec", "partitions")).intValue());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsOwnDatabaseAndOwnerInTheCloudNativePgCluster(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertThat(r.custom("Cluster")).hasSize(1);
        GenericKubernetesResource cluster = r.custom("Cluster").get(0);
        String clusterName = cluster.getMetadata().getName();
        String host = r.one(ConfigMap.class, "stockline-postgres").getData().get("POSTGRES_HOST");
        assertThat(host).as("the services connect to the primary").isEqualTo(clusterName + "-rw");

        Map<String, Object> initdb = cluster.get("spec", "bootstrap", "initdb");
        List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
        Set<String> databases = new HashSet<>();
        for (String service : Contract.SERVICES) {
            Map<String, EnvVar> env = env(r, service);
            String url = env.get("QUARKUS_DATASOURCE_JDBC_URL").getValue();
            String database = url.substring(url.lastIndexOf('/') + 1);
            assertThat(databases.add(database)).as("%s has a database of its own", service).isTrue();
            String userSecret = env.get("QUARKUS_DATASOURCE_USERNAME").getValueFrom().getSecretKeyRef().getName();
            assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getName()).isEqualTo(userSecret);

            String owner;
            if (database.equals(initdb.get("database"))) {
                owner = String.valueOf(initdb.get("owner"));
                // initdb's owner: CloudNativePG makes the credentials (<cluster>-app) unless a secret is named
                assertThat(initdb.get("secret")).isNull();
                assertThat(userSecret).as("%s uses the Secret CloudNativePG makes", service).isEqualTo(clusterName + "-app");
            } else {
                GenericKubernetesResource db = r.custom("Database").stream().filter(d -> database.equals(d.get("spec", "name")))
                        .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no Database " + database + " for " + service));
                assertThat((String) db.get("spec", "cluster", "name")).isEqualTo(clusterName);
                owner = db.get("spec", "owner");
                Map<String, Object> role = roles.stream().filter(ro -> owner.equals(ro.get("name"))).findFirst()
                        .orElseThrow(() -> new AssertionError(service + ": owner " + owner + " is no managed role"));
                assertThat(role.get("login")).isEqualTo(true);
                @SuppressWarnings("unchecked")
                Map<String, Object> password = (Map<String, Object>) role.get("passwordSecret");
                assertThat(password.get("name")).as("%s logs in as its database's owner", service).isEqualTo(userSecret);
            }
            assertThat(owner).as("%s owner", service).isNotBlank();
        }
    }

    private static Map<String, EnvVar> env(Rendered r, String service) {
        Container c = r.one(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
        return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretTheServicesNeedIsRenderedMadeByAnOperatorOrListedInTheReadme(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Set<String> rendered = r.all(Secret.class).stream().map(s -> s.getMetadata().getName()).collect(Collectors.toSet());
        Set<String> byOperators = new HashSet<>();
        r.custom("KafkaUser").forEach(u -> byOperators.add(u.getMetadata().getName()));
        r.custom("Kafka").forEach(k -> byOperators.add(k.getMetadata().getName() + "-cluster-ca-cert"));
        r.custom("Cluster").forEach(c -> byOperators.add(c.getMetadata().getName() + "-app"));
        String readme = Repo.read("deploy/kubernetes/README.md");

        Set<String> needed = new TreeSet<>();
        Map<String, Boolean> optional = new java.util.HashMap<>();
        for (Deployment d : r.all(Deployment.class)) {
            var pod = d.getSpec().getTemplate().getSpec();
            pod.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> {
                needed.add(v.getSecret().getSecretName());
                optional.merge(v.getSecret().getSecretName(), Boolean.TRUE.equals(v.getSecret().getOptional()), Boolean::logicalAnd);
            });
            for (Container c : pod.getContainers()) {
                c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null).forEach(e -> {
                    needed.add(e.getValueFrom().getSecretKeyRef().getName());
                    optional.merge(e.getValueFrom().getSecretKeyRef().getName(),
                            Boolean.TRUE.equals(e.getValueFrom().getSecretKeyRef().getOptional()), Boolean::logicalAnd);
                });
                c.getEnvFrom().stream().filter(e -> e.getSecretRef() != null).forEach(e -> {
                    needed.add(e.getSecretRef().getName());
                    optional.merge(e.getSecretRef().getName(), Boolean.TRUE.equals(e.getSecretRef().getOptional()), Boolean::logicalAnd);
                });
            }
        }
        for (GenericKubernetesResource auth : r.custom("TriggerAuthentication")) {
            List<Map<String, Object>> refs = auth.get("spec", "secretTargetRef");
            refs.forEach(ref -> needed.add(String.valueOf(ref.get("name"))));
        }
        for (GenericKubernetesResource cluster : r.custom("Cluster")) {
            List<Map<String, Object>> roles = cluster.get("spec", "managed", "roles");
            roles.forEach(role -> needed.add(String.valueOf(((Map<?, ?>) role.get("passwordSecret")).get("name"))));
        }
        assertThat(needed).contains("stockline-allocation-signing-key", "stockline-channel-credentials", "stockline-mail");
        for (String secret : needed) {
            boolean accounted = rendered.contains(secret) || byOperators.contains(secret) || readme.contains("`" + secret + "`");
            assertThat(accounted).as("%s: Secret %s is rendered, made by an operator, or listed in the README (optional: %s)",
                    overlay, secret, optional.getOrDefault(secret, false)).isTrue();
        }
    }

    @Test
    void devTrustsTheLocalKeysAndProdAPlaceholderItMustReplace() {
        assertThat(Rendered.overlay("dev").one(ConfigMap.class, "stockline-auth").getData().get("public.pem"))
                .isEqualTo(Repo.read("deploy/local/keys/dev-public.pem"));
        assertThat(Rendered.overlay("prod").one(ConfigMap.class, "stockline-auth").getData().get("public.pem"))
                .as("prod never ships the development key").isNotEqualTo(Repo.read("deploy/local/keys/dev-public.pem"))
                .contains("BEGIN PUBLIC KEY");
        assertThat(Rendered.overlay("prod").all(Secret.class)).as("prod keeps no secret values in git")
                .allMatch(s -> s.getMetadata().getName().equals("stockline-keda-username"));
    }

    private static final Pattern STOCKLINE_METRIC = Pattern.compile("\\bstockline_[a-z_]+");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDashboardShowsWhatOpsWatchWithMetricsTheServicesExpose(String overlay) throws IOException {
        ConfigMap map = Rendered.overlay(overlay).one(ConfigMap.class, "stockline-grafana-dashboard");
        assertThat(map.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode dashboard = new ObjectMapper().readTree(map.getData().values().iterator().next());
        List<String> titles = dashboard.findValuesAsText("title");
        assertThat(String.join("|", titles).toLowerCase()).contains("stock changes/s", "reservation latency", "channel lag", "channel calls",
                "allocation decisions", "deliveries", "consumer lag", "dlq sizes");
        List<String> exprs = dashboard.findValuesAsText("expr");
        assertThat(exprs).isNotEmpty();
        // Every Stockline meter a panel queries is one the services register (Micrometer: dots become underscores,
        // counters get _total)
        String sources = servicesMainSources();
        Set<String> queried = new TreeSet<>();
        exprs.forEach(e -> {
            Matcher m = STOCKLINE_METRIC.matcher(e);
            while (m.find()) {
                queried.add(m.group());
            }
        });
        assertThat(queried).as("Stockline meters on the dashboard").isNotEmpty();
        for (String metric : queried) {
            String meter = metric.replaceFirst("_(total|seconds_count|seconds_sum|seconds_max|seconds_bucket|count|sum|max)$", "").replace('_', '.');
            assertThat(sources).as("a service registers meter %s (queried as %s)", meter, metric).contains("\"" + meter + "\"");
        }
        assertThat(String.join("\n", exprs)).as("consumer lag and DLQ sizes from the Kafka Exporter")
                .contains("kafka_consumergroup_lag").contains("kafka_topic_partition_current_offset").contains(".dlq");
    }

    private static String servicesMainSources() throws IOException {
        StringBuilder out = new StringBuilder();
        for (String dir : List.of("inventory-service", "channel-connector-service", "allocation-service", "alert-service", "platform")) {
            try (Stream<Path> files = Files.walk(Repo.path(dir + "/src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    out.append(Files.readString(f)).append('\n');
                }
            }
        }
        return out.toString();
    }

    @Test
    void everyDocumentOfBothOverlaysParsesWithTheFabric8Model() {
        for (String overlay : List.of("dev", "prod")) {
            List<HasMetadata> all = Rendered.overlay(overlay).resources;
            assertThat(all).as(overlay).hasSizeGreaterThan(40);
            Set<String> kinds = all.stream().map(HasMetadata::getKind).collect(Collectors.toSet());
            assertThat(kinds).as(overlay).contains("Deployment", "Service", "NetworkPolicy", "PodDisruptionBudget", "Kafka",
                    "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database", "ScaledObject", "ServiceMonitor");
            assertThat(all).as("%s: every object in the stockline namespace", overlay)
                    .allMatch(h -> h.getKind().equals("Namespace") || "stockline".equals(h.getMetadata().getNamespace()));
        }
    }
}
