package io.stockline.testsupport;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stockline.platform.events.EventContract;

/**
 * Event payloads generated from a message's schema in deploy/asyncapi.yaml: valid ones (only the required fields,
 * every field, each value of each list, each boundary, null where allowed, unknown extra fields, values a list marked
 * {@code x-open-enum} does not name yet) and invalid ones (not JSON, not an object, each required field missing,
 * each field of the wrong type, each bound crossed, each format broken, each closed list left), each invalid one
 * with the field its dead-letter reason must name.
 * <p>
 * Every instance gets fresh identifiers (strings and uuids are unique per instance), so a consumer that drops
 * duplicates never takes two instances for one event.
 */
public final class ContractInstances {

    private static final DateTimeFormatter RFC_3339_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    /** A payload the contract allows, and why it is worth trying. */
    public record Valid(String label, String json) {
    }

    /** A payload the contract refuses, and the word its dead-letter reason must contain (a field name, say). */
    public record Invalid(String label, String json, String reasonNames) {
    }

    private final EventContract contract;

    public ContractInstances(EventContract contract) {
        this.contract = contract;
    }

    public List<Valid> valid(String type) {
        JsonNode schema = schema(type);
        List<Valid> valid = new ArrayList<>();
        valid.add(new Valid("only the required fields", write(build(schema, true))));
        valid.add(new Valid("every field", write(build(schema, false))));
        for (String path : paths(schema, "")) {
            JsonNode field = at(schema, path);
            for (JsonNode value : field.path("enum")) {
                valid.add(new Valid(path + " = " + value.asText(), write(with(build(schema, false), path, value))));
            }
            if (field.path(EventContract.OPEN_ENUM).asBoolean(false)) {
                valid.add(new Valid(path + " a value the list does not name yet",
                        write(with(build(schema, false), path, NODES.textNode("A_FUTURE_VALUE")))));
            }
            if (field.has("maxLength")) {
                valid.add(new Valid(path + " at its longest", write(with(build(schema, false), path,
                        NODES.textNode(unique(field.get("maxLength").asInt()))))));
            }
            if (field.has("maximum")) {
                valid.add(new Valid(path + " at its maximum", write(with(build(schema, false), path, field.get("maximum")))));
            }
            if (field.has("minimum")) {
                valid.add(new Valid(path + " at its minimum", write(with(build(schema, false), path, field.get("minimum")))));
            }
            if (SchemaValues.types(field).contains("null")) {
                valid.add(new Valid(path + " null", write(with(build(schema, false), path, NODES.nullNode()))));
            }
            if (SchemaValues.types(field).contains("boolean")) {
                valid.add(new Valid(path + " false", write(with(build(schema, false), path, NODES.booleanNode(false)))));
            }
        }
        ObjectNode extra = (ObjectNode) build(schema, false);
        addUnknownFields(extra);
        valid.add(new Valid("unknown fields at every level", write(extra)));
        return valid;
    }

    public List<Invalid> invalid(String type) {
        JsonNode schema = schema(type);
        List<Invalid> invalid = new ArrayList<>();
        String id = unique(12);
        invalid.add(new Invalid("not JSON", "{\"broken\": \"" + id, "unreadable"));
        invalid.add(new Invalid("a JSON array", "[\"" + id + "\"]", "not a JSON object"));
        invalid.add(new Invalid("a JSON string", "\"" + id + "\"", "not a JSON object"));
        for (String path : paths(schema, "")) {
            JsonNode field = at(schema, path);
            String name = path.substring(path.lastIndexOf('.') + 1).replace("[]", "");
            if (required(schema, path)) {
                invalid.add(new Invalid("without " + path, write(without(build(schema, false), path)), name));
            }
            invalid.add(new Invalid(path + " of the wrong type", write(with(build(schema, false), path, wrongType(field))), name));
            if (field.has("enum") && !field.path(EventContract.OPEN_ENUM).asBoolean(false)) {
                invalid.add(new Invalid(path + " not in its list", write(with(build(schema, false), path,
                        NODES.textNode("NOT_IN_THE_LIST"))), name));
            }
            if (field.has("minimum")) {
                invalid.add(new Invalid(path + " under its minimum", write(with(build(schema, false), path,
                        NODES.numberNode(field.get("minimum").asDouble() - 1))), name));
            }
            if (field.has("maximum")) {
                invalid.add(new Invalid(path + " over its maximum", write(with(build(schema, false), path,
                        NODES.numberNode(field.get("maximum").asDouble() + 1))), name));
            }
            if (field.has("maxLength")) {
                invalid.add(new Invalid(path + " too long", write(with(build(schema, false), path,
                        NODES.textNode(unique(field.get("maxLength").asInt() + 1)))), name));
            }
            if (field.has("minLength") && field.get("minLength").asInt() > 0) {
                invalid.add(new Invalid(path + " empty", write(with(build(schema, false), path, NODES.textNode(""))), name));
            }
            if (field.has("minItems") && field.get("minItems").asInt() > 0) {
                invalid.add(new Invalid(path + " empty", write(with(build(schema, false), path, NODES.arrayNode())), name));
            }
            String format = field.path("format").asText("");
            if (List.of("uuid", "date-time", "date").contains(format)) {
                invalid.add(new Invalid(path + " not a " + format, write(with(build(schema, false), path,
                        NODES.textNode("not-a-" + format))), name));
            }
        }
        return invalid;
    }

    private JsonNode schema(String type) {
        return contract.payload(type).orElseThrow(() -> new IllegalArgumentException("no message " + type));
    }

    /** An instance: every required field, and the optional ones too unless {@code minimal}. */
    private static JsonNode build(JsonNode schema, boolean minimal) {
        Set<String> types = SchemaValues.types(schema);
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (types.contains("object")) {
            ObjectNode object = NODES.objectNode();
            Set<String> required = required(schema);
            schema.path("properties").properties().forEach(entry -> {
                if (!minimal || required.contains(entry.getKey())) {
                    object.set(entry.getKey(), build(entry.getValue(), minimal));
                }
            });
            return object;
        }
        if (types.contains("array")) {
            ArrayNode array = NODES.arrayNode();
            int size = Math.max(1, schema.path("minItems").asInt(1));
            for (int i = 0; i < size; i++) {
                array.add(build(schema.path("items"), minimal));
            }
            return array;
        }
        if (types.contains("integer")) {
            return NODES.numberNode(schema.has("minimum") ? Math.max(schema.get("minimum").asLong(), 1) : 1 + SEQUENCE.get() % 7);
        }
        if (types.contains("number")) {
            double low = schema.path("minimum").asDouble(-1e6);
            double high = schema.path("maximum").asDouble(1e6);
            return NODES.numberNode(Math.min(high, Math.max(low, 12.5)));
        }
        if (types.contains("boolean")) {
            return NODES.booleanNode(true);
        }
        return switch (schema.path("format").asText("")) {
            case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
            // Always with seconds: OffsetDateTime.toString() drops ":00" at a full minute ("...T12:39Z"), which RFC 3339
            // refuses, and a valid instance generated in that second went to the dead letters (the alert flake).
            case "date-time" -> NODES.textNode(OffsetDateTime.now(ZoneOffset.UTC).format(RFC_3339_SECONDS));
            case "date" -> NODES.textNode(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
            default -> NODES.textNode(unique(Math.min(12, schema.path("maxLength").asInt(12))));
        };
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    /** Whether the last step of {@code path} is required in its parent (every parent on the way being present). */
    private static boolean required(JsonNode schema, String path) {
        int dot = path.lastIndexOf('.');
        JsonNode parent = dot < 0 ? schema : at(schema, path.substring(0, dot));
        if (SchemaValues.types(parent).contains("array")) {
            parent = parent.path("items");
        }
        return required(parent).contains(path.substring(dot + 1));
    }

    /** Every field's path, {@code lines[].sku} style; arrays are stepped into through their first element. */
    private static List<String> paths(JsonNode schema, String prefix) {
        List<String> paths = new ArrayList<>();
        schema.path("properties").properties().forEach(entry -> {
            String path = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            paths.add(path);
            JsonNode field = entry.getValue();
            if (SchemaValues.types(field).contains("object")) {
                paths.addAll(paths(field, path));
            } else if (SchemaValues.types(field).contains("array") && SchemaValues.types(field.path("items")).contains("object")) {
                paths.addAll(paths(field.path("items"), path + "[]"));
            }
        });
        return paths;
    }

    private static JsonNode at(JsonNode schema, String path) {
        JsonNode node = schema;
        for (String step : path.split("\\.")) {
            if (SchemaValues.types(node).contains("array")) {
                node = node.path("items");
            }
            node = node.path("properties").path(step.replace("[]", ""));
        }
        return node;
    }

    private static JsonNode with(JsonNode instance, String path, JsonNode value) {
        edit(instance, path, (parent, name) -> parent.set(name, value));
        return instance;
    }

    private static JsonNode without(JsonNode instance, String path) {
        edit(instance, path, ObjectNode::remove);
        return instance;
    }

    private interface Edit {
        void apply(ObjectNode parent, String name);
    }

    private static void edit(JsonNode instance, String path, Edit edit) {
        String[] steps = path.split("\\.");
        JsonNode node = instance;
        for (int i = 0; i < steps.length - 1; i++) {
            node = node.path(steps[i].replace("[]", ""));
            if (steps[i].endsWith("[]")) {
                node = node.path(0);
            }
        }
        if (node instanceof ObjectNode parent) {
            edit.apply(parent, steps[steps.length - 1].replace("[]", ""));
        }
    }

    private static JsonNode wrongType(JsonNode field) {
        Set<String> types = SchemaValues.types(field);
        if (types.contains("string")) {
            return NODES.objectNode().put("not", "a string");
        }
        if (types.contains("integer") || types.contains("number")) {
            return NODES.textNode("many");
        }
        if (types.contains("boolean")) {
            return NODES.textNode("yes");
        }
        if (types.contains("array")) {
            return NODES.objectNode().put("not", "a list");
        }
        return NODES.textNode("not an object");
    }

    private static void addUnknownFields(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(ContractInstances::addUnknownFields);
            object.put("aFieldFromTheFuture", "ignored by readers");
            object.set("anotherOne", NODES.objectNode().put("nested", 1));
        } else if (node instanceof ArrayNode array) {
            array.forEach(ContractInstances::addUnknownFields);
        }
    }

    /** A unique string of the given length: a counter, then random hex, padded when asked for more. */
    private static String unique(int length) {
        String id = Long.toString(SEQUENCE.incrementAndGet(), 36) + UUID.randomUUID().toString().replace("-", "");
        return id.length() >= length ? id.substring(0, Math.max(length, 1)) : id + "x".repeat(length - id.length());
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
