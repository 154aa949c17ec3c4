package io.stockline.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The built-in kinds hold only fields the Kubernetes API knows: the fabric8 model keeps a field it does not know in
 * additionalProperties (the API server would drop it, so a misspelt securityContext would silently not apply).
 */
class KnownFieldsTest {

    @BeforeAll
    static void kubectl() {
        assumeTrue(Rendered.kubectlPresent(), "kubectl is not installed (.ci/run installs it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void builtInResourcesHaveNoUnknownFields(String overlay) {
        List<String> unknown = new ArrayList<>();
        List<HasMetadata> typed = Rendered.overlay(overlay).resources.stream()
                .filter(r -> !(r instanceof GenericKubernetesResource)).toList();
        assertThat(typed).extracting(HasMetadata::getKind).contains("Deployment", "NetworkPolicy", "PodDisruptionBudget", "Service");
        typed.forEach(r -> walk(r, r.getKind() + "/" + r.getMetadata().getName(), unknown));
        assertThat(unknown).as(overlay).isEmpty();
    }

    @Test
    void aMisspeltFieldIsFound() {
        Deployment d = (Deployment) Rendered.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: x }
                spec:
                  selector: { matchLabels: { a: b } }
                  template:
                    spec:
                      containers:
                        - name: x
                          securityContex: { runAsNonRoot: true }
                """).get(0);
        List<String> unknown = new ArrayList<>();
        walk(d, "Deployment/x", unknown);
        assertThat(unknown).singleElement().asString().contains("containers[0]").contains("securityContex");
    }

    static void walk(Object node, String path, List<String> unknown) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, unknown));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": unknown " + extra.keySet());
                }
                continue;
            }
            String field = getter.getName().startsWith("is") ? getter.getName().substring(2) : getter.getName().substring(3);
            walk(value, path + "." + Character.toLowerCase(field.charAt(0)) + field.substring(1), unknown);
        }
    }
}
