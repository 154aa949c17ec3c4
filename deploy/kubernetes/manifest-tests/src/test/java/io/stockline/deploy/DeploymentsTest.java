package io.stockline.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every service runs hardened, probed, bounded, disrupted one pod at a time, and talks only to what it needs. */
class DeploymentsTest {

    @BeforeAll
    static void kubectl() {
        assumeTrue(Rendered.kubectlPresent(), "kubectl is not installed (.ci/run installs it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasADeploymentWithProbesLimitsAndTheSecurityContext(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        assertThat(r.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Contract.SERVICES);
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertThat(pod.getAutomountServiceAccountToken()).as("%s automountServiceAccountToken", name).isFalse();
            assertThat(pod.getContainers()).as("%s containers", name).isNotEmpty();
            for (Container c : pod.getContainers()) {
                String where = overlay + " " + name + "/" + c.getName();
                assertProbe(where + " startupProbe", c.getStartupProbe(), "/q/health/started");
                assertProbe(where + " readinessProbe", c.getReadinessProbe(), "/q/health/ready");
                assertProbe(where + " livenessProbe", c.getLivenessProbe(), "/q/health/live");

                assertThat(c.getResources()).as(where + " resources").isNotNull();
                Map<String, Quantity> limits = c.getResources().getLimits();
                Map<String, Quantity> requests = c.getResources().getRequests();
                assertThat(limits).as(where + " limits").containsKeys("cpu", "memory");
                assertThat(requests).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                        .as(where + " memory request within its limit").isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")));

                SecurityContext sc = c.getSecurityContext();
                assertThat(sc).as(where + " securityContext").isNotNull();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                        : pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsNonRoot();
                assertThat(nonRoot).as(where + " runAsNonRoot").isTrue();
                assertThat(sc.getReadOnlyRootFilesystem()).as(where + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(where + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getCapabilities()).as(where + " capabilities").isNotNull();
                assertThat(sc.getCapabilities().getDrop()).as(where + " capabilities dropped").contains("ALL");
                assertThat(sc.getCapabilities().getAdd()).as(where + " capabilities added").isNullOrEmpty();
                String seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile().getType()
                        : pod.getSecurityContext() == null || pod.getSecurityContext().getSeccompProfile() == null ? null
                        : pod.getSecurityContext().getSeccompProfile().getType();
                assertThat(seccomp).as(where + " seccompProfile").isEqualTo("RuntimeDefault");

                // A read-only root needs a writable /tmp (Vert.x, Kafka's native libraries)
                String tmpVolume = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .map(m -> m.getName()).findFirst().orElse(null);
                assertThat(tmpVolume).as(where + " mounts /tmp").isNotNull();
                assertThat(pod.getVolumes()).as(where + " /tmp is an emptyDir")
                        .anyMatch(v -> v.getName().equals(tmpVolume) && v.getEmptyDir() != null);
            }
        }
    }

    private static void assertProbe(String what, Probe probe, String path) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + " httpGet").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what + " path").isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasAServiceAPodDisruptionBudgetAndAServiceMonitor(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String name : Contract.SERVICES) {
            Map<String, String> labels = r.one(Deployment.class, name).getSpec().getTemplate().getMetadata().getLabels();
            Service service = r.one(Service.class, name);
            assertThat(labels).as("%s Service selects the pods", name).containsAllEntriesOf(service.getSpec().getSelector());
            PodDisruptionBudget pdb = r.one(PodDisruptionBudget.class, name);
            assertThat(labels).as("%s PDB selects the pods", name).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
            assertThat(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null).as("%s PDB bound", name).isTrue();
            var monitor = r.customOne("ServiceMonitor", name);
            @SuppressWarnings("unchecked")
            Map<String, Object> selector = (Map<String, Object>) ((Map<String, Object>) monitor.get("spec", "selector")).get("matchLabels");
            assertThat(service.getMetadata().getLabels()).as("%s ServiceMonitor selects the Service", name).containsAllEntriesOf(
                    selector.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()))));
            List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
            assertThat(endpoints).as("%s scraped at /q/metrics on the management port", name)
                    .anyMatch(e -> "/q/metrics".equals(e.get("path")) && "management".equals(e.get("port")));
            // The management interface (metrics, OpenAPI, Swagger UI): a port of the pod and the Service, which only
            // the monitoring namespace may reach; the API's port lets the monitoring namespace in no more
            int management = r.one(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getPorts().stream().filter(port -> "management".equals(port.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no management port")).getContainerPort();
            assertThat(service.getSpec().getPorts()).as("%s Service exposes the management port", name)
                    .anyMatch(port -> "management".equals(port.getName()));
            for (var rule : r.one(NetworkPolicy.class, name).getSpec().getIngress()) {
                boolean toManagement = rule.getPorts().stream().anyMatch(port -> port.getPort().getIntVal() == management);
                boolean onlyMonitoring = rule.getFrom().stream().allMatch(peer -> peer.getNamespaceSelector() != null
                        && "monitoring".equals(peer.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")));
                assertThat(toManagement).as("%s: only the monitoring namespace reaches the management port", name)
                        .isEqualTo(onlyMonitoring);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void allocationSignsItsOwnInventoryTokensAndInventoryTrustsItsKeyAlone(String overlay) throws Exception {
        Rendered r = Rendered.overlay(overlay);
        PodSpec allocation = r.one(Deployment.class, "allocation-service").getSpec().getTemplate().getSpec();
        Map<String, String> env = allocation.getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValue() != null).collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        assertThat(allocation.getContainers().get(0).getEnv()).as("no long-lived token")
                .noneMatch(e -> e.getName().contains("TOKEN"));
        String signingKey = env.get("STOCKLINE_INVENTORY_SIGNING_KEY_LOCATION");
        assertThat(signingKey).as("allocation's signing key").isNotBlank();
        String mount = allocation.getContainers().get(0).getVolumeMounts().stream()
                .filter(m -> signingKey.startsWith(m.getMountPath() + "/")).findFirst().orElseThrow().getName();
        assertThat(allocation.getVolumes()).anyMatch(v -> v.getName().equals(mount) && v.getSecret() != null
                && "stockline-allocation-signing-key".equals(v.getSecret().getSecretName()));

        Container inventory = r.one(Deployment.class, "inventory-service").getSpec().getTemplate().getSpec().getContainers().get(0);
        String trusted = inventory.getEnv().stream().filter(e -> e.getName().equals("STOCKLINE_ALLOCATION_PUBLIC_KEY_LOCATION"))
                .findFirst().orElseThrow().getValue();
        assertThat(trusted).isEqualTo("/etc/stockline/auth/allocation-service.pem");
        String published = r.one(ConfigMap.class, "stockline-auth").getData().get("allocation-service.pem");
        assertThat(published).as("stockline-auth holds allocation's public key").contains("BEGIN PUBLIC KEY");
        if (overlay.equals("dev")) {
            assertThat(published.strip()).as("the development pair")
                    .isEqualTo(java.nio.file.Files.readString(Repo.path("deploy/local/keys/dev-allocation-public.pem")).strip());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesAllowOnlyWhatEachServiceTalksTo(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        for (String name : Contract.SERVICES) {
            NetworkPolicy policy = r.one(NetworkPolicy.class, name);
            Map<String, String> labels = r.one(Deployment.class, name).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(labels).as("%s NetworkPolicy selects the pods", name)
                    .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
            assertThat(policy.getSpec().getPolicyTypes()).as("%s policy types", name).contains("Ingress", "Egress");
            List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();

            assertThat(egress).as("%s reaches the Kafka brokers", name).anyMatch(rule ->
                    ports(rule).contains(9093) && peers(rule).anyMatch(p -> "stockline".equals(label(p, "strimzi.io/cluster"))));
            String pgCluster = r.custom("Cluster").get(0).getMetadata().getName();
            assertThat(egress).as("%s reaches its PostgreSQL", name).anyMatch(rule ->
                    ports(rule).contains(5432) && peers(rule).anyMatch(p -> pgCluster.equals(label(p, "cnpg.io/cluster"))));
            assertThat(egress).as("%s resolves names", name).anyMatch(rule -> ports(rule).contains(53));

            boolean callsInventory = egress.stream().anyMatch(rule -> ports(rule).contains(8081)
                    && peers(rule).anyMatch(p -> "inventory-service".equals(label(p, "app.kubernetes.io/name"))));
            assertThat(callsInventory).as("%s may call inventory-service", name).isEqualTo(name.equals("allocation-service"));

            boolean leavesCluster = egress.stream().anyMatch(rule -> ports(rule).contains(443)
                    && peers(rule).anyMatch(p -> p.getIpBlock() != null));
            assertThat(leavesCluster).as("%s may call out on 443", name)
                    .isEqualTo(Set.of("channel-connector-service", "alert-service").contains(name));

            // Nothing else: every egress rule names its ports (no allow-all)
            assertThat(egress).as("%s egress rules all name ports", name).allMatch(rule -> !ports(rule).isEmpty());
            assertThat(policy.getSpec().getIngress()).as("%s ingress rules all name ports", name)
                    .allMatch(rule -> rule.getPorts() != null && !rule.getPorts().isEmpty());
        }
        // Only allocation-service's pods may reach inventory-service's API besides the API namespaces
        NetworkPolicy inventory = r.one(NetworkPolicy.class, "inventory-service");
        assertThat(inventory.getSpec().getIngress().stream().flatMap(rule -> rule.getFrom().stream())
                .filter(p -> p.getPodSelector() != null && p.getNamespaceSelector() == null)
                .map(p -> label(p, "app.kubernetes.io/name")).toList()).containsExactly("allocation-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceKnowsTheTraceCollectorAndMayReachIt(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        String endpoint = r.one(ConfigMap.class, "stockline-tracing").getData().get("OTEL_EXPORTER_OTLP_ENDPOINT");
        assertThat(endpoint).as("the OTLP endpoint").isNotBlank();
        URI collector = URI.create(endpoint);
        // <service>.<namespace>.svc: the namespace the NetworkPolicies must open
        String namespace = collector.getHost().split("\\.")[1];
        for (String name : Contract.SERVICES) {
            Container container = r.one(Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getEnvFrom()).as("%s takes its tracing settings", name)
                    .anyMatch(from -> from.getConfigMapRef() != null && "stockline-tracing".equals(from.getConfigMapRef().getName()));
            assertThat(r.one(NetworkPolicy.class, name).getSpec().getEgress()).as("%s reaches the collector", name)
                    .anyMatch(rule -> ports(rule).contains(collector.getPort()) && peers(rule).anyMatch(p ->
                            p.getNamespaceSelector() != null && p.getNamespaceSelector().getMatchLabels() != null
                                    && namespace.equals(p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"))));
        }
    }

    private static Set<Integer> ports(NetworkPolicyEgressRule rule) {
        return rule.getPorts() == null ? Set.of() : rule.getPorts().stream()
                .map(p -> p.getPort() == null ? null : p.getPort().getIntVal()).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    private static java.util.stream.Stream<NetworkPolicyPeer> peers(NetworkPolicyEgressRule rule) {
        return rule.getTo() == null ? java.util.stream.Stream.empty() : rule.getTo().stream();
    }

    private static String label(NetworkPolicyPeer peer, String key) {
        return peer.getPodSelector() == null || peer.getPodSelector().getMatchLabels() == null ? null
                : peer.getPodSelector().getMatchLabels().get(key);
    }
}
