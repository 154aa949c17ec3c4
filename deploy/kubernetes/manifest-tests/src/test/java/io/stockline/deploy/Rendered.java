package io.stockline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One kustomization rendered by {@code kubectl kustomize} and every document read with the fabric8 Kubernetes model:
 * built-in kinds as their typed classes (Deployment, Service, NetworkPolicy...), the operators' custom resources
 * (Strimzi, CloudNativePG, KEDA, Prometheus operator) as {@link GenericKubernetesResource}.
 */
final class Rendered {

    private static final Map<Path, Rendered> CACHE = new ConcurrentHashMap<>();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    final String name;
    final List<HasMetadata> resources;

    private Rendered(String name, List<HasMetadata> resources) {
        this.name = name;
        this.resources = resources;
    }

    static boolean kubectlPresent() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    }

    /** An overlay of deploy/kubernetes/overlays. */
    static Rendered overlay(String overlay) {
        return of(Repo.path("deploy/kubernetes/overlays/" + overlay), overlay);
    }

    static Rendered of(Path kustomization, String name) {
        return CACHE.computeIfAbsent(kustomization.toAbsolutePath().normalize(), dir -> new Rendered(name, parse(kustomize(dir))));
    }

    private static String kustomize(Path dir) {
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("kubectl kustomize %s finished", dir).isTrue();
            assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, Files.readString(err)).isZero();
            String yaml = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            Files.delete(err);
            return yaml;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> out = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                KubernetesResource resource = SERIALIZATION.convertValue(document, KubernetesResource.class);
                assertThat(resource).as("%s/%s parses as a Kubernetes resource", document.path("kind").asText(),
                        document.path("metadata").path("name").asText()).isInstanceOf(HasMetadata.class);
                out.add((HasMetadata) resource);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(out);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> new AssertionError(this.name + ": no " + type.getSimpleName() + " " + name));
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst();
    }

    /** Custom resources of one kind (Strimzi, CloudNativePG, KEDA, Prometheus operator). */
    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    GenericKubernetesResource customOne(String kind, String name) {
        return custom(kind).stream().filter(r -> r.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(this.name + ": no " + kind + " " + name));
    }

    @Override
    public String toString() {
        return name;
    }
}
