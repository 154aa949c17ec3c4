package io.stockline.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The events of deploy/asyncapi.yaml (bundled as {@value #RESOURCE}): each message's payload and CloudEvent header
 * schemas keyed by its CloudEvent type (the message's {@code name}), and which service sends or receives which
 * channel (the operations' tags).
 * <p>
 * Two readings of one schema: a consumer's ({@link #violations}) lets unknown fields through and treats lists marked
 * {@code x-open-enum} as open, since producers may add fields and values; a producer's ({@link #strictViolations})
 * allows nothing the document does not name, so what we send is exactly what integrators were promised.
 */
public final class EventContract {

    public static final String RESOURCE = "META-INF/stockline/asyncapi.yaml";
    public static final String OPEN_ENUM = "x-open-enum";

    /** One message an operation carries, on the channel's address (the default topic name). */
    public record Exchange(String operation, String action, String address, String type) {
    }

    private static volatile EventContract bundled;

    private final JsonNode document;
    private final Map<String, JsonNode> payloads = new LinkedHashMap<>();
    private final Map<String, JsonNode> headers = new LinkedHashMap<>();
    private final Map<String, JsonSchema> lenient = new LinkedHashMap<>();
    private final Map<String, JsonSchema> strict = new LinkedHashMap<>();
    private final Map<String, JsonSchema> strictHeaders = new LinkedHashMap<>();

    private EventContract(JsonNode document) {
        this.document = document;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        document.path("components").path("messages").properties().forEach(entry -> {
            JsonNode message = resolve(entry.getValue());
            String type = message.path("name").asText(entry.getKey());
            JsonNode payload = message.path("payload");
            payloads.put(type, payload);
            lenient.put(type, factory.getSchema(consumerReading(payload.deepCopy()), config));
            strict.put(type, factory.getSchema(producerReading(payload.deepCopy()), config));
            for (JsonNode trait : message.path("traits")) {
                JsonNode traitHeaders = resolve(trait).path("headers");
                if (!traitHeaders.isMissingNode()) {
                    headers.put(type, traitHeaders);
                    strictHeaders.put(type, factory.getSchema(withoutExtensions(traitHeaders.deepCopy()), config));
                }
            }
        });
    }

    /** The contract bundled with the platform. */
    public static EventContract bundled() {
        EventContract contract = bundled;
        if (contract == null) {
            try (InputStream in = EventContract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the classpath");
                }
                contract = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = contract;
        }
        return contract;
    }

    /** A contract from AsyncAPI YAML (or JSON). */
    public static EventContract parse(InputStream yaml) throws IOException {
        return new EventContract(new YAMLMapper().readTree(yaml));
    }

    /** The CloudEvent types the document describes. */
    public Set<String> types() {
        return new TreeSet<>(payloads.keySet());
    }

    public boolean knows(String type) {
        return payloads.containsKey(type);
    }

    /** The payload schema of a type, its local references resolved. */
    public Optional<JsonNode> payload(String type) {
        return Optional.ofNullable(payloads.get(type));
    }

    /** The header schema (the CloudEvent attributes) of a type, its local references resolved. */
    public Optional<JsonNode> headers(String type) {
        return Optional.ofNullable(headers.get(type));
    }

    /** What a consumer refuses in {@code payload}: empty when it keeps to the contract as a consumer reads it. */
    public List<String> violations(String type, JsonNode payload) {
        List<String> found = new ArrayList<>(messages(lenient.get(type), payload));
        payload(type).ifPresent(schema -> beyondFormat(schema, payload, "", found));
        return found;
    }

    /** What a producer must not send: anything the type's schema does not allow, unknown fields included. */
    public List<String> strictViolations(String type, JsonNode payload) {
        List<String> found = new ArrayList<>(messages(strict.get(type), payload));
        payload(type).ifPresent(schema -> beyondFormat(schema, payload, "", found));
        return found;
    }

    /**
     * Integers wider than their declared {@code format: int64} (or {@code int32}): the validator checks only that they
     * are integers, so a consumer not reading the field took {@code 18446744073709551616} as valid (the fuzz tests).
     */
    private static void beyondFormat(JsonNode schema, JsonNode value, String path, List<String> found) {
        if (schema == null || value == null) {
            return;
        }
        if (value.isIntegralNumber()) {
            String format = schema.path("format").asText("");
            int bits = "int64".equals(format) ? 63 : "int32".equals(format) ? 31 : 0;
            if (bits > 0 && value.bigIntegerValue().bitLength() > bits) {
                found.add(path + ": " + value + " is beyond " + format);
            }
        } else if (value.isObject()) {
            value.properties().forEach(field -> beyondFormat(schema.path("properties").get(field.getKey()), field.getValue(),
                    path + "/" + field.getKey(), found));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                beyondFormat(schema.get("items"), value.get(i), path + "/" + i, found);
            }
        }
    }

    /** What is wrong with a record's CloudEvent headers ({@code ce_*} as text) for the type. */
    public List<String> headerViolations(String type, JsonNode headerValues) {
        return messages(strictHeaders.get(type), headerValues);
    }

    /** The messages the operations tagged with {@code service} send ({@code send}) or receive ({@code receive}). */
    public List<Exchange> exchanges(String service, String action) {
        List<Exchange> exchanges = new ArrayList<>();
        document.path("operations").properties().forEach(entry -> {
            JsonNode operation = entry.getValue();
            boolean tagged = false;
            for (JsonNode tag : operation.path("tags")) {
                tagged |= service.equals(resolve(tag).path("name").asText());
            }
            if (!tagged || !action.equals(operation.path("action").asText())) {
                return;
            }
            JsonNode channel = resolve(operation.path("channel"));
            JsonNode messages = operation.has("messages") ? operation.path("messages") : channel.path("messages");
            for (JsonNode message : iterable(messages)) {
                exchanges.add(new Exchange(entry.getKey(), action, channel.path("address").asText(),
                        resolve(message).path("name").asText()));
            }
        });
        exchanges.sort(Comparator.comparing(Exchange::address).thenComparing(Exchange::type));
        return exchanges;
    }

    private static List<String> messages(JsonSchema schema, JsonNode instance) {
        if (schema == null) {
            return List.of();
        }
        return schema.validate(instance).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        List<JsonNode> values = new ArrayList<>();
        node.elements().forEachRemaining(values::add);
        return values;
    }

    /** Follows a local {@code $ref} (and the ones nested under it) to what it names. */
    private JsonNode resolve(JsonNode node) {
        if (node.isObject() && node.has("$ref")) {
            return resolve(document.at(node.get("$ref").asText().substring(1)));
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            node.properties().forEach(entry -> copy.set(entry.getKey(), resolve(entry.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            node.forEach(element -> copy.add(resolve(element)));
            return copy;
        }
        return node;
    }

    private static JsonNode consumerReading(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if (object.path(OPEN_ENUM).asBoolean(false)) {
                object.remove("enum");
            }
        }
        schema.forEach(EventContract::consumerReading);
        return withoutExtensions(schema);
    }

    private static JsonNode producerReading(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            if (object.has("properties")) {
                object.get("properties").forEach(EventContract::producerReading);
            }
            if (object.has("items")) {
                producerReading(object.get("items"));
            }
        }
        return withoutExtensions(schema);
    }

    /** The x- keys are the document's, not JSON Schema's: the validator would warn of each. */
    private static JsonNode withoutExtensions(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode object = (ObjectNode) schema;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().startsWith("x-")) {
                    fields.remove();
                } else if (field.getKey().equals("properties")) {
                    // its keys are field names, which may start with x- without being extensions
                    field.getValue().forEach(EventContract::withoutExtensions);
                } else {
                    withoutExtensions(field.getValue());
                }
            }
        } else if (schema.isArray()) {
            schema.forEach(EventContract::withoutExtensions);
        }
        return schema;
    }
}
