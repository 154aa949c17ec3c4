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
                .containsExactlyInAnyOrderElementsOf(Contract.DEPLOYMENTS);
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
        for (String name : Contract.DEPLOYMENTS) {
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
                .map(p -> label(p, "app.kubernetes.io/name")).toList())
                .containsExactlyInAnyOrder("allocation-service", Contract.CONSOLE);
    }

    /** The service that answers each address the console reads, by its configuration key. */
    private static final Map<String, String> CONSOLE_CALLS = Map.of(
            "STOCKLINE_INVENTORY_URL", "inventory-service",
            "STOCKLINE_CHANNELS_URL", "channel-connector-service",
            "STOCKLINE_ALERTS_URL", "alert-service",
            "STOCKLINE_ALLOCATIONS_URL", "allocation-service");

    /**
     * The console calls the services' APIs through their Services, and each of those lets its pods in; it reaches
     * nothing else (no Kafka, no database, nothing outside the cluster), checks tokens with the services' key, and
     * runs as in production: no development sign-in, the session cookie over HTTPS only.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theConsoleCallsTheServicesInsideTheClusterWithTheirKeyAndNoDevelopmentSignIn(String overlay) {
        Rendered r = Rendered.overlay(overlay);
        Deployment console = r.one(Deployment.class, Contract.CONSOLE);
        PodSpec pod = console.getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> env = container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));
        String properties = Repo.read("console/src/main/resources/application.properties");
        NetworkPolicy own = r.one(NetworkPolicy.class, Contract.CONSOLE);
        // a service the console starts calling must be named here, and so reach the checks below
        assertThat(java.util.regex.Pattern.compile("\\$\\{(STOCKLINE_[A-Z]+_URL):").matcher(properties).results()
                .map(match -> match.group(1)).toList()).as("the addresses the console reads")
                .containsExactlyInAnyOrderElementsOf(CONSOLE_CALLS.keySet());

        CONSOLE_CALLS.forEach((key, service) -> {
            assertThat(properties).as("console reads %s", key).contains("${" + key + ":");
            URI url = URI.create(env.get(key));
            assertThat(url.getHost()).as("%s: %s's Service", key, service).isEqualTo(service);
            int servicePort = url.getPort() < 0 ? 80 : url.getPort();
            Service target = r.one(Service.class, service);
            String targetPort = target.getSpec().getPorts().stream().filter(p -> p.getPort() == servicePort).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " Service has no port " + servicePort))
                    .getTargetPort().getStrVal();
            int containerPort = r.one(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0)
                    .getPorts().stream().filter(p -> p.getName().equals(targetPort)).findFirst().orElseThrow()
                    .getContainerPort();
            assertThat(targetPort).as("%s: the console calls %s's API port", key, service).isEqualTo("http");
            assertThat(own.getSpec().getEgress()).as("the console may reach %s on %d", service, containerPort)
                    .anyMatch(rule -> ports(rule).contains(containerPort)
                            && peers(rule).anyMatch(p -> service.equals(label(p, "app.kubernetes.io/name"))));
            assertThat(r.one(NetworkPolicy.class, service).getSpec().getIngress())
                    .as("%s lets the console's pods in on %d", service, containerPort)
                    .anyMatch(rule -> rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == containerPort)
                            && rule.getFrom().stream().anyMatch(p -> p.getNamespaceSelector() == null
                                    && p.getPodSelector() != null && Contract.CONSOLE.equals(
                                            p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))));
        });
        // DNS and the services' APIs, nothing more
        assertThat(own.getSpec().getEgress()).as("console egress").hasSize(1 + CONSOLE_CALLS.size())
                .allMatch(rule -> !ports(rule).isEmpty() && peers(rule).noneMatch(p -> p.getIpBlock() != null));

        String key = env.get("STOCKLINE_AUTH_PUBLIC_KEY_LOCATION");
        assertThat(key).as("the console's token key").isEqualTo(r.one(Deployment.class, "inventory-service").getSpec()
                .getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("STOCKLINE_AUTH_PUBLIC_KEY_LOCATION")).findFirst().orElseThrow().getValue());
        String mount = container.getVolumeMounts().stream().filter(m -> key.startsWith(m.getMountPath() + "/"))
                .findFirst().orElseThrow().getName();
        assertThat(pod.getVolumes()).as("from the services' ConfigMap stockline-auth")
                .anyMatch(v -> v.getName().equals(mount) && v.getConfigMap() != null
                        && "stockline-auth".equals(v.getConfigMap().getName()));

        assertThat(container.getEnv()).as("no development sign-in, no profile but production's")
                .noneMatch(e -> e.getName().startsWith("STOCKLINE_CONSOLE_DEV") || e.getName().equals("QUARKUS_PROFILE"));
        assertThat(env.get("STOCKLINE_CONSOLE_SECURE_COOKIE")).as("the session cookie over HTTPS only").isEqualTo("true");
        assertThat(container.getEnv()).as("no cookie forced onto plain HTTP")
                .noneMatch(e -> e.getName().startsWith("QUARKUS_REST_CSRF"));
        assertThat(container.getEnvFrom()).as("the console uses no Kafka or database settings").isNullOrEmpty();
        assertThat(pod.getVolumes()).as("and no secret").allMatch(v -> v.getSecret() == null);
        assertThat(console.getSpec().getTemplate().getMetadata().getLabels()).as("not a Kafka client")
                .doesNotContainKey("stockline.io/kafka-client");
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
