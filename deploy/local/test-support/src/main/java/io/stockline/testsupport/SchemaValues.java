package io.stockline.testsupport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik arbitraries of JSON values for a JSON schema (an OpenAPI document's or deploy/asyncapi.yaml's): values that
 * keep to it ({@link #conforming}), values that mostly keep to it with hostile leaves (wrong types, huge numbers, long
 * and strange strings, broken formats, nulls, unknown fields: {@link #fuzzed}), and hostile values of any kind
 * ({@link #hostile}). Property names may be given known values ({@code sku} → the test's items), so that some values
 * reach past "not found". The fuzzers sample them with {@link #seed} set, so a finding can be replayed.
 */
public final class SchemaValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 6;

    /** Strings that have broken parsers, queries and templates somewhere. */
    static final List<String> NASTY_STRINGS = List.of("", " ", "\t", "null", "0", "-1", "1e309", "NaN", "true",
            "' OR '1'='1", "\"; DROP TABLE item; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "%2F",
            "\u0000", "a\u0000b", "\uD83D\uDE00\uD83D\uDE00", "\u202Eevil", "\u00C5ngstr\u00F6m \u03A9\u2248\u00E7",
            "\uFFFF", "\uD800", "${jndi:ldap://x/a}", "{{7*7}}", "\r\n", "line\nbreak", ",;|\"'", "\\", "x".repeat(65),
            "x".repeat(257), "y".repeat(5_000), "\u0130i\u0307", "  padded  ", "-", "*", "%", "_");

    private final JsonNode root;
    private final Map<String, List<String>> known;

    /**
     * @param root the document {@code $ref}s point into ({@code #/components/schemas/X})
     * @param known values worth trying per property or parameter name
     */
    public SchemaValues(JsonNode root, Map<String, List<String>> known) {
        this.root = root;
        this.known = known;
    }

    /** Makes the samples drawn on this thread from now on repeat for the same seed. */
    public static void seed(long seed) {
        // jqwik's sampling outside a property draws from its engine's per-thread source, which only the engine's
        // internal SourceOfRandomness sets (the engine is a runtime dependency, hence reflection)
        try {
            Class.forName("net.jqwik.engine.SourceOfRandomness").getMethod("create", String.class).invoke(null, Long.toString(seed));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jqwik's engine cannot be seeded", e);
        }
    }

    /** One value of {@code arbitrary}, from this thread's seeded source. */
    public static <T> T sample(Arbitrary<T> arbitrary) {
        return arbitrary.sample();
    }

    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int hops = 0; current.has("$ref") && hops < 20; hops++) {
            current = root.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** A value the schema accepts (as far as the common keywords go). */
    public Arbitrary<JsonNode> conforming(JsonNode schema) {
        return value(schema, 0, false, null);
    }

    /** A value of the schema's shape, its leaves now and then hostile, now and then of the wrong type or missing. */
    public Arbitrary<JsonNode> fuzzed(JsonNode schema) {
        return value(schema, 0, true, null);
    }

    /** {@link #fuzzed} for a property or parameter named {@code name} (its known values are tried too). */
    public Arbitrary<JsonNode> fuzzed(JsonNode schema, String name) {
        return value(schema, 0, true, name);
    }

    private Arbitrary<JsonNode> value(JsonNode rawSchema, int depth, boolean hostile, String name) {
        JsonNode schema = resolve(rawSchema);
        Arbitrary<JsonNode> fitting = fitting(schema, depth, hostile, name);
        if (!hostile) {
            return fitting;
        }
        return Arbitraries.frequencyOf(Tuple.of(85, fitting), Tuple.of(6, hostileLeaf()), Tuple.of(4, Arbitraries.just(NODES.nullNode())),
                Tuple.of(5, depth < 2 ? hostile() : hostileLeaf()));
    }

    private Arbitrary<JsonNode> fitting(JsonNode schema, int depth, boolean hostile, String name) {
        if (schema.has("anyOf") || schema.has("oneOf")) {
            List<Arbitrary<JsonNode>> choices = new ArrayList<>();
            for (JsonNode choice : schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf")) {
                choices.add(value(choice, depth, hostile, name));
            }
            return Arbitraries.oneOf(choices);
        }
        if (schema.has("allOf")) {
            return value(schema.get("allOf").get(0), depth, hostile, name);
        }
        if (schema.has("const")) {
            return Arbitraries.just(schema.get("const"));
        }
        Set<String> types = types(schema);
        List<Arbitrary<JsonNode>> choices = new ArrayList<>();
        if (schema.has("enum")) {
            List<JsonNode> values = new ArrayList<>();
            schema.get("enum").forEach(values::add);
            choices.add(Arbitraries.of(values));
        } else {
            for (String type : types) {
                switch (type) {
                    case "object" -> choices.add(depth >= MAX_DEPTH ? Arbitraries.just(NODES.objectNode())
                            : object(schema, depth, hostile));
                    case "array" -> choices.add(depth >= MAX_DEPTH ? Arbitraries.just(NODES.arrayNode()) : array(schema, depth, hostile, name));
                    case "integer" -> choices.add(integer(schema, hostile));
                    case "number" -> choices.add(number(schema, hostile));
                    case "boolean" -> choices.add(Arbitraries.of(true, false).map(NODES::booleanNode));
                    case "string" -> choices.add(string(schema, hostile, name));
                    case "null" -> choices.add(Arbitraries.just(NODES.nullNode()));
                    default -> {
                    }
                }
            }
        }
        if (choices.isEmpty()) {
            choices.add(hostile ? hostileLeaf() : Arbitraries.just(NODES.textNode("x")));
        }
        Arbitrary<JsonNode> fitting = Arbitraries.oneOf(choices);
        if (schema.has("enum") && hostile) {
            fitting = Arbitraries.frequencyOf(Tuple.of(85, fitting),
                    Tuple.of(15, Arbitraries.of("NOT_IN_THE_LIST", "", "received").map(NODES::textNode)));
        }
        return fitting;
    }

    private Arbitrary<JsonNode> object(JsonNode schema, int depth, boolean hostile) {
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(field -> required.add(field.asText()));
        List<String> names = new ArrayList<>();
        List<Arbitrary<JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> property = it.next();
            names.add(property.getKey());
            Arbitrary<JsonNode> field = value(property.getValue(), depth + 1, hostile, property.getKey());
            // null here stands for "absent": a required field is left out now and then only when fuzzing
            double absent = required.contains(property.getKey()) ? (hostile ? 0.04 : 0) : 0.4;
            fields.add(absent > 0 ? field.injectNull(absent) : field);
        }
        JsonNode additional = schema.path("additionalProperties");
        Arbitrary<List<JsonNode>> values = fields.isEmpty() ? Arbitraries.just(List.of())
                : Combinators.combine(fields).as(list -> list);
        Arbitrary<List<Tuple.Tuple2<String, JsonNode>>> extra;
        if (additional.isObject()) {
            Arbitrary<String> keys = hostile ? Arbitraries.oneOf(plainText(), hostileText()) : plainText();
            extra = Combinators.combine(keys, value(additional, depth + 1, hostile, null)).as(Tuple::of).list().ofMaxSize(3);
        } else if (hostile) {
            extra = Combinators.combine(Arbitraries.of("aFieldFromTheFuture", "id", "__proto__", "version", ""),
                    hostileLeaf()).as(Tuple::of).list().ofMaxSize(1);
            extra = Arbitraries.frequencyOf(Tuple.of(90, Arbitraries.just(List.of())), Tuple.of(10, extra));
        } else {
            extra = Arbitraries.just(List.of());
        }
        return Combinators.combine(values, extra).as((present, more) -> {
            ObjectNode object = NODES.objectNode();
            for (int i = 0; i < names.size(); i++) {
                if (present.get(i) != null) {
                    object.set(names.get(i), present.get(i));
                }
            }
            more.forEach(pair -> object.set(pair.get1(), pair.get2()));
            return object;
        });
    }

    private Arbitrary<JsonNode> array(JsonNode schema, int depth, boolean hostile, String name) {
        int min = schema.path("minItems").asInt(0);
        int max = schema.path("maxItems").asInt(Math.max(min, 4));
        Arbitrary<JsonNode> item = value(schema.path("items"), depth + 1, hostile, name);
        Arbitrary<JsonNode> fitting = item.list().ofMinSize(min).ofMaxSize(Math.min(max, Math.max(min, 4)))
                .map(items -> {
                    ArrayNode array = NODES.arrayNode();
                    items.forEach(array::add);
                    return array;
                });
        if (!hostile) {
            return fitting;
        }
        Arbitrary<JsonNode> tooMany = item.list().ofSize(Math.min(max + 1, 1_000)).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        return Arbitraries.frequencyOf(Tuple.of(88, fitting), Tuple.of(6, Arbitraries.just(NODES.arrayNode())), Tuple.of(6, tooMany));
    }

    private Arbitrary<JsonNode> integer(JsonNode schema, boolean hostile) {
        long min = schema.has("minimum") ? schema.get("minimum").asLong() : Long.MIN_VALUE;
        long max = schema.has("maximum") ? schema.get("maximum").asLong() : Long.MAX_VALUE;
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
            min = schema.get("exclusiveMinimum").asLong() + 1;
        }
        if ("int32".equals(schema.path("format").asText())) {
            min = Math.max(min, Integer.MIN_VALUE);
            max = Math.min(max, Integer.MAX_VALUE);
        }
        long low = min;
        long high = max;
        Arbitrary<JsonNode> small = Arbitraries.longs().between(Math.max(low, -5), Math.min(high, 120)).map(NODES::numberNode);
        Arbitrary<JsonNode> anywhere = Arbitraries.longs().between(low, high).map(NODES::numberNode);
        if (Math.max(low, -5) > Math.min(high, 120)) {
            small = anywhere;
        }
        if (!hostile) {
            return Arbitraries.frequencyOf(Tuple.of(80, small), Tuple.of(20, anywhere));
        }
        List<JsonNode> edges = new ArrayList<>(List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1),
                NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(Integer.MIN_VALUE),
                NODES.numberNode((long) Integer.MAX_VALUE + 1), NODES.numberNode(Long.MAX_VALUE),
                NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(BigInteger.TWO.pow(63)),
                NODES.numberNode(BigInteger.TEN.pow(30).negate()), NODES.numberNode(new BigDecimal("1.5")),
                NODES.numberNode(new BigDecimal("1e400")), NODES.numberNode(-0.0)));
        if (low > Long.MIN_VALUE) {
            edges.add(NODES.numberNode(low));
            edges.add(NODES.numberNode(BigInteger.valueOf(low).subtract(BigInteger.ONE)));
        }
        if (high < Long.MAX_VALUE) {
            edges.add(NODES.numberNode(high));
            edges.add(NODES.numberNode(BigInteger.valueOf(high).add(BigInteger.ONE)));
        }
        return Arbitraries.frequencyOf(Tuple.of(60, small), Tuple.of(15, anywhere), Tuple.of(20, Arbitraries.of(edges)),
                Tuple.of(5, Arbitraries.of("12", "1e3", "many").map(NODES::textNode)));
    }

    private Arbitrary<JsonNode> number(JsonNode schema, boolean hostile) {
        double min = schema.path("minimum").asDouble(-1e6);
        double max = schema.path("maximum").asDouble(1e6);
        Arbitrary<JsonNode> fitting = Arbitraries.doubles().between(min, max).ofScale(4).map(NODES::numberNode);
        if (!hostile) {
            return fitting;
        }
        return Arbitraries.frequencyOf(Tuple.of(70, fitting), Tuple.of(30, Arbitraries.of(NODES.numberNode(Double.MAX_VALUE),
                NODES.numberNode(-Double.MAX_VALUE), NODES.numberNode(Double.MIN_VALUE), NODES.numberNode(new BigDecimal("1e400")),
                NODES.numberNode(new BigDecimal("-1e400")), NODES.numberNode(new BigDecimal("0.000000000000000000000000001")),
                NODES.numberNode(min - 1), NODES.numberNode(max + 1), NODES.textNode("3.20"), NODES.textNode("3,20"),
                NODES.textNode("Infinity"))));
    }

    private Arbitrary<JsonNode> string(JsonNode schema, boolean hostile, String name) {
        int minLength = schema.path("minLength").asInt(schema.has("pattern") ? 1 : 0);
        int maxLength = schema.path("maxLength").asInt(40);
        Arbitrary<String> fitting = switch (schema.path("format").asText("")) {
            case "uuid" -> Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as((high, low) -> new UUID(high, low).toString());
            case "date" -> Arbitraries.integers().between(-400, 400).map(days -> LocalDate.now().plusDays(days).toString());
            case "date-time" -> Arbitraries.integers().between(-400, 400)
                    .map(days -> LocalDate.now().plusDays(days) + "T10:15:30Z");
            case "local-time" -> Arbitraries.integers().between(0, 23).map(hour -> "%02d:30:00".formatted(hour));
            case "uri", "url" -> Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8)
                    .map(host -> "https://" + host.toLowerCase() + ".example.invalid/hook");
            default -> Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('-').ofMinLength(Math.max(minLength, 1))
                    .ofMaxLength(Math.max(Math.min(maxLength, 16), Math.max(minLength, 1)));
        };
        List<String> names = name == null ? List.of() : known.getOrDefault(name, List.of());
        if (!names.isEmpty()) {
            fitting = Arbitraries.frequencyOf(Tuple.of(60, Arbitraries.of(names)), Tuple.of(40, fitting));
        }
        Arbitrary<JsonNode> text = fitting.map(NODES::textNode);
        if (!hostile) {
            return text;
        }
        List<String> brokenFormats = switch (schema.path("format").asText("")) {
            case "uuid" -> List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "{" + UUID.randomUUID() + "}");
            case "date" -> List.of("2026-02-30", "2026-13-01", "+999999999-12-31", "-999999999-01-01", "yesterday", "2026/01/01");
            case "date-time" -> List.of("2026-11-23T10:00:00", "not-a-time", "+999999999-12-31T23:59:59Z",
                    "2026-11-23T25:00:00Z", "1970-01-01T00:00:00+18:00");
            case "local-time" -> List.of("25:00", "12:60:00", "noon");
            default -> List.of(maxLength < 1_000 ? "z".repeat(maxLength + 1) : "z".repeat(1_001));
        };
        return Arbitraries.frequencyOf(Tuple.of(70, text), Tuple.of(20, hostileText().map(NODES::textNode)),
                Tuple.of(10, Arbitraries.of(brokenFormats).map(NODES::textNode)));
    }

    /** Short text of letters and digits: field names, cells. */
    static Arbitrary<String> plainText() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    }

    /** Text a careless reader chokes on: the nasty list, any unicode (control characters and NUL included), long runs. */
    public static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.of(NASTY_STRINGS)),
                Tuple.of(40, Arbitraries.strings().all().ofMaxLength(30)),
                Tuple.of(10, Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)),
                Tuple.of(10, Arbitraries.integers().between(1_000, 70_000).map("w"::repeat)));
    }

    /** One hostile scalar of any JSON type. */
    public static Arbitrary<JsonNode> hostileLeaf() {
        return Arbitraries.oneOf(hostileText().map(NODES::textNode),
                Arbitraries.of(NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(Long.MIN_VALUE),
                        NODES.numberNode(BigInteger.TEN.pow(40)), NODES.numberNode(new BigDecimal("1e400")),
                        NODES.numberNode(new BigDecimal("-2.5")), NODES.numberNode(0), NODES.booleanNode(true),
                        NODES.booleanNode(false), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode()),
                Arbitraries.longs().map(NODES::numberNode));
    }

    /** Any hostile JSON value: scalars, small objects and arrays of them. */
    public static Arbitrary<JsonNode> hostile() {
        Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.oneOf(plainText(), hostileText()), hostileLeaf())
                .as(Tuple::of).list().ofMaxSize(4).map(pairs -> {
                    ObjectNode node = NODES.objectNode();
                    pairs.forEach(pair -> node.set(pair.get1(), pair.get2()));
                    return node;
                });
        Arbitrary<JsonNode> array = hostileLeaf().list().ofMaxSize(4).map(items -> {
            ArrayNode node = NODES.arrayNode();
            items.forEach(node::add);
            return node;
        });
        return Arbitraries.frequencyOf(Tuple.of(60, hostileLeaf()), Tuple.of(20, object), Tuple.of(20, array));
    }

    /** Text that is not quite JSON: cut short, unbalanced, another format, bytes of nothing. */
    public static Arbitrary<String> brokenJson(String wellFormed) {
        Arbitrary<String> cut = wellFormed.length() < 2 ? Arbitraries.just("{")
                : Arbitraries.integers().between(1, wellFormed.length() - 1).map(at -> wellFormed.substring(0, at));
        return Arbitraries.frequencyOf(Tuple.of(40, cut),
                Tuple.of(20, Arbitraries.of("{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'sku':'x'}", "<xml/>", "sku=x&quantity=1",
                        "{\"a\":1,}", "{\"a\":1}{\"b\":2}", "\uFEFF{}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":01}", "{\"a\":NaN}",
                        "[".repeat(5_000), "{\"a\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}")),
                Tuple.of(20, hostileText()),
                Tuple.of(20, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200)));
    }

    static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type.isTextual()) {
            types.add(type.asText());
        } else if (schema.has("properties") || schema.has("additionalProperties")) {
            types.add("object");
        }
        return types;
    }

    /** A fresh seed, for when none is asked for. */
    public static long newSeed() {
        return new Random().nextLong();
    }

    /** The JSON pointer of every field and element of {@code node}, at any depth. */
    static List<String> pointers(JsonNode node) {
        List<String> paths = new ArrayList<>();
        collectPointers(node, "", paths);
        return paths;
    }

    private static void collectPointers(JsonNode node, String prefix, List<String> paths) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                String path = prefix + "/" + name.replace("~", "~0").replace("/", "~1");
                paths.add(path);
                collectPointers(object.get(name), path, paths);
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                paths.add(prefix + "/" + i);
                collectPointers(array.get(i), prefix + "/" + i, paths);
            }
        }
    }

    /** Sets (or, with {@code value} null, removes) the node at the JSON pointer {@code path}. */
    static void edit(JsonNode root, String path, JsonNode value) {
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        String last = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (value == null) {
                object.remove(last);
            } else {
                object.set(last, value);
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        }
    }
}
