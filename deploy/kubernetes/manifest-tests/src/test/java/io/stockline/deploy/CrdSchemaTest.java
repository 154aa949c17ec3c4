package io.stockline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every custom resource of both overlays against its operator's CRD schema (src/test/resources/crd-schemas, from the
 * releases SOURCES.md names): the API server would prune an unknown field silently, so a misspelt field would
 * otherwise only show as an operator doing something else.
 */
class CrdSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @BeforeAll
    static void kubectl() {
        assumeTrue(Rendered.kubectlPresent(), "kubectl is not installed (.ci/run installs it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCustomResourceMatchesItsOperatorsSchema(String overlay) throws IOException {
        List<GenericKubernetesResource> custom = Rendered.overlay(overlay).all(GenericKubernetesResource.class);
        assertThat(custom).hasSizeGreaterThan(25);
        List<String> problems = new ArrayList<>();
        for (GenericKubernetesResource resource : custom) {
            JsonNode schema = schema(resource.getApiVersion(), resource.getKind());
            assertThat(schema).as("%s: a schema for %s %s", overlay, resource.getApiVersion(), resource.getKind()).isNotNull();
            JsonNode document = JSON.readTree(SERIALIZATION.asJson(resource));
            check(document, schema, resource.getKind() + "/" + resource.getMetadata().getName(), problems);
        }
        assertThat(problems).as(overlay).isEmpty();
    }

    @Test
    void theCheckFindsMisspeltFieldsWrongTypesValuesOutsideTheEnumAndMissingFields() throws IOException {
        JsonNode schema = schema("kafka.strimzi.io/v1", "KafkaUser");
        JsonNode user = JSON.readTree("""
                {"apiVersion":"kafka.strimzi.io/v1","kind":"KafkaUser","metadata":{"name":"x"},
                 "spec":{"authentication":{"type":"scram-sha-512"},"authorization":{"type":"simple","acls":[
                   {"resource":{"type":"topic","name":"t","patternType":"literal"},"operations":["Read"],"operation":"Read"},
                   {"resource":{"type":"topik","name":"t"},"operations":"Read"},
                   {"operations":["Read"]}]}}}""");
        List<String> problems = new ArrayList<>();
        check(user, schema, "KafkaUser/x", problems);
        assertThat(problems).anyMatch(p -> p.contains("acls[0].operation") && p.contains("unknown"))
                .anyMatch(p -> p.contains("acls[1].resource.type") && p.contains("topik"))
                .anyMatch(p -> p.contains("acls[1].operations") && p.contains("array"))
                .anyMatch(p -> p.contains("acls[2]") && p.contains("resource") && p.contains("required"));
    }

    private static JsonNode schema(String apiVersion, String kind) throws IOException {
        String file = "/crd-schemas/" + apiVersion.replace('/', '_') + "_" + kind + ".json";
        try (InputStream in = CrdSchemaTest.class.getResourceAsStream(file)) {
            return in == null ? null : JSON.readTree(in);
        }
    }

    /** The structural subset of OpenAPI v3 Kubernetes applies: types, enums, required, minimum, unknown fields. */
    static void check(JsonNode node, JsonNode schema, String path, List<String> problems) {
        if (schema == null || schema.isMissingNode() || node.isNull()) {
            return;
        }
        String type = schema.path("type").asText("");
        boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
        if (intOrString) {
            if (!node.isIntegralNumber() && !node.isTextual()) {
                problems.add(path + ": not an integer or string: " + node);
            }
            return;
        }
        switch (type) {
            case "object" -> {
                if (!node.isObject()) {
                    problems.add(path + ": not an object: " + node);
                    return;
                }
            }
            case "array" -> {
                if (!node.isArray()) {
                    problems.add(path + ": not an array: " + node);
                    return;
                }
            }
            case "string" -> {
                if (!node.isTextual()) {
                    problems.add(path + ": not a string: " + node);
                }
            }
            case "integer" -> {
                if (!node.isIntegralNumber()) {
                    problems.add(path + ": not an integer: " + node);
                }
            }
            case "number" -> {
                if (!node.isNumber()) {
                    problems.add(path + ": not a number: " + node);
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    problems.add(path + ": not a boolean: " + node);
                }
            }
            default -> {
            }
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(node) || (allowed.isTextual() && allowed.asText().equals(node.asText()));
            }
            if (!listed) {
                problems.add(path + ": " + node + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && node.isNumber() && node.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(path + ": " + node + " below the minimum " + schema.get("minimum"));
        }
        if (node.isArray() && schema.has("items")) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), schema.get("items"), path + "[" + i + "]", problems);
            }
        }
        if (node.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!node.has(required.asText())) {
                    problems.add(path + ": required field " + required.asText() + " missing");
                }
            }
            if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                return;
            }
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String at = path + "." + field.getKey();
                if (properties != null && properties.has(field.getKey())) {
                    check(field.getValue(), properties.get(field.getKey()), at, problems);
                } else if (additional != null && additional.isObject()) {
                    check(field.getValue(), additional, at, problems);
                } else if (properties != null && !(additional != null && additional.asBoolean(false))) {
                    problems.add(at + ": unknown field");
                }
            }
        }
    }
}
