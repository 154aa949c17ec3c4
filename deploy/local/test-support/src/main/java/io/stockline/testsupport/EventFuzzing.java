package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stockline.platform.events.EventContract;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Malformed and hostile records for every topic a service consumes (the receive operations tagged with it in
 * deploy/asyncapi.yaml), sent to the real broker: text that is not JSON, JSON that is not an object, payloads of the
 * message's shape with hostile leaves (wrong types, numbers beyond 64 bits, fractions, nulls, long and strange strings,
 * unknown fields), valid payloads with one field broken, valid payloads without CloudEvent headers, events of a type
 * nobody reads, and valid but odd ones (unknown SKUs, extreme numbers, strange text).
 * <p>
 * Each record is judged by what the contract says of it: one that breaks the payload schema, cannot be read (not
 * JSON, not an object, an integer beyond 64 bits or with a fraction) or is not a CloudEvent must reach {@code
 * <topic>.dlq} with a {@code dead-letter-reason}; one of a type the service does not know must be ignored (no dead
 * letter); a valid one may be read, or dead-lettered with a reason when the database refuses it (a NUL in a text).
 * Then: the service's consumer group moved past every record (nothing stalled), a valid event sent after them is
 * applied (a row of the service's database names it), and no row names any record that had to be refused or ignored
 * (every string key field of a record carries a marker of the run and the record's number, and the test scans every
 * text column of the service's database for them).
 */
public final class EventFuzzing {

    /** {@code -Dstockline.fuzz.kafka-records}: records per consumed topic and type (the issue's full run is 10,000). */
    public static final String TRIES = "stockline.fuzz.kafka-records";
    /** The header carrying a record's number, kept on its dead letter. */
    public static final String CASE_HEADER = "stockline-fuzz-case";

    // exact numbers: 1e400 read as a double is Infinity, which the schema validator cannot compare (a test-side crash)
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final List<String> KEY_FIELDS = List.of("orderId", "sku", "code", "channelId");
    private static final List<String> MARKED_FIELDS = List.of("orderId", "sku", "code", "channelId", "location");
    private static final List<String> CLOUD_EVENT_HEADERS = List.of("ce_specversion", "ce_id", "ce_type", "ce_source");

    /** What the contract says must become of a record. */
    public enum Expect {
        DEAD_LETTERED, IGNORED, READ_OR_DEAD_LETTERED
    }

    record Case(int number, String label, Expect expect, KafkaProbe.Outgoing record) {
    }

    private final String service;
    private final Function<String, String> topicOfAddress;
    private final EventContract contract = EventContract.bundled();

    /**
     * @param service the tag of the service's operations in deploy/asyncapi.yaml, and its consumer group
     * @param topicOfAddress the test's topic for a channel address
     */
    public EventFuzzing(String service, Function<String, String> topicOfAddress) {
        this.service = service;
        this.topicOfAddress = topicOfAddress;
    }

    /** The number of records per topic and type: {@code -Dstockline.fuzz.kafka-records}, else {@code byDefault}. */
    public static int tries(int byDefault) {
        return Integer.getInteger(TRIES, byDefault);
    }

    /** One test per message the service receives, each sending {@code tries} hostile records. */
    public Stream<DynamicTest> tests(int tries) {
        List<EventContract.Exchange> received = contract.exchanges(service, "receive");
        assertThat(received).as("the operations of deploy/asyncapi.yaml tagged " + service + " that receive").isNotEmpty();
        return received.stream().map(exchange -> DynamicTest.dynamicTest(
                tries + " hostile records of " + exchange.type() + " on " + exchange.address(), () -> fuzz(exchange, tries)));
    }

    private void fuzz(EventContract.Exchange exchange, int tries) throws Exception {
        String topic = topicOfAddress.apply(exchange.address());
        String deadLetters = topic + ".dlq";
        long seed = Long.getLong(OpenApiFuzzer.SEED, SchemaValues.newSeed());
        // one seed replays every type of the class, so each type draws from and marks its rows with its own:
        // with one run prefix for all, each type's check would find the rows of the types before it
        long typeSeed = seed * 31 + exchange.type().hashCode();
        SchemaValues.seed(typeSeed);
        String run = "FZ" + Long.toString(Math.floorMod(typeSeed, 1_000_000_000L), 36);
        List<Case> cases = cases(exchange.type(), run, tries);
        Map<Expect, Long> expected = new TreeMap<>();
        cases.forEach(c -> expected.merge(c.expect(), 1L, Long::sum));
        System.out.printf("[fuzz] %s %s: %d records (seed %d) %s%n", service, exchange.type(), tries, seed, expected);
        Duration patience = Duration.ofSeconds(90 + tries / 40);
        long started = System.nanoTime();
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(deadLetters))) {
            Map<Integer, Long> lastOffsets = new HashMap<>();
            for (int from = 0; from < cases.size(); from += 1_000) {
                List<Case> chunk = cases.subList(from, Math.min(cases.size(), from + 1_000));
                List<KafkaProbe.Sent> sent = kafka.sendAll(topic, chunk.stream().map(Case::record).toList());
                sent.forEach(s -> lastOffsets.merge(s.partition(), s.offset(), Math::max));
            }
            await().atMost(patience).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<Integer, Long> committed = kafka.committed(service, topic);
                lastOffsets.forEach((partition, last) -> assertThat(committed.getOrDefault(partition, -1L))
                        .as(service + " moved past every record on " + topic + " partition " + partition + " (seed " + seed + ")")
                        .isGreaterThan(last));
            });
            Map<Integer, Case> byNumber = new HashMap<>();
            cases.forEach(c -> byNumber.put(c.number(), c));
            await().atMost(patience).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<Integer, String> reasons = reasons(kafka.on(deadLetters), run);
                List<String> missing = cases.stream().filter(c -> c.expect() == Expect.DEAD_LETTERED && !reasons.containsKey(c.number()))
                        .limit(5).map(EventFuzzing::describe).toList();
                assertThat(missing).as("records the contract refuses that did not reach " + deadLetters + " (seed " + seed + ")").isEmpty();
            });
            Map<Integer, String> reasons = reasons(kafka.on(deadLetters), run);
            List<String> wrong = new ArrayList<>();
            reasons.forEach((number, reason) -> {
                Case c = byNumber.get(number);
                if (c == null) {
                    return;
                }
                if (reason == null || reason.isBlank()) {
                    wrong.add("dead-lettered without a reason: " + describe(c));
                } else if (c.expect() == Expect.IGNORED) {
                    wrong.add("dead-lettered though the contract says to ignore it (" + reason + "): " + describe(c));
                }
            });
            assertThat(wrong).as("dead letters of " + topic + " (seed " + seed + ")").isEmpty();
            long odd = cases.stream().filter(c -> c.expect() == Expect.READ_OR_DEAD_LETTERED && reasons.containsKey(c.number())).count();
            System.out.printf("[fuzz] %s %s: all %d refused records dead-lettered with a reason, %d valid ones dead-lettered"
                    + " (a rule of the consumer or the database refused them), in %d s%n", service, exchange.type(), expected.getOrDefault(Expect.DEAD_LETTERED, 0L),
                    odd, Duration.ofNanos(System.nanoTime() - started).toSeconds());

            // the consumer still reads: a valid event after all of them is applied. The schema cannot say every rule
            // (an order's line numbers are unique), so a sampled event the consumer refuses with a reason is followed by
            // another, until one is applied
            List<String> refusedCanaries = new ArrayList<>();
            for (int canary = tries; ; canary++) {
                assertThat(refusedCanaries).as("valid events sent after the hostile ones, each refused by a rule of "
                        + service + " (seed " + seed + ")").hasSizeLessThan(5);
                JsonNode payload = SchemaValues.sample(new SchemaValues(schema(exchange.type()), Map.of()).conforming(schema(exchange.type())));
                mark(payload, run + "c" + canary + "x");
                // a sampled id may be an edge case a hostile record already used: the consumer would skip it as a duplicate
                if (payload instanceof ObjectNode object && object.has("eventId")) {
                    object.put("eventId", UUID.randomUUID().toString());
                }
                kafka.sendAll(topic, List.of(cloudEvent(exchange.type(), key(payload), payload.toString(), run + ":" + canary)));
                int sentCanary = canary;
                await().atMost(patience).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                        marked(run).contains(sentCanary) || reasons(kafka.on(deadLetters), run).containsKey(sentCanary))
                        .as("a row of " + service + "'s database naming the valid event sent after the hostile ones, or its dead"
                                + " letter with a reason: " + payload + " (seed " + seed + ")").isTrue());
                if (marked(run).contains(sentCanary)) {
                    break;
                }
                String reason = reasons(kafka.on(deadLetters), run).get(sentCanary);
                assertThat(reason).as("the reason " + service + " refused a valid event").isNotBlank();
                System.out.printf("[fuzz] %s %s: the valid event %s was refused (%s); another follows%n", service,
                        exchange.type(), payload, reason);
                refusedCanaries.add(reason);
            }
            Set<Integer> applied = marked(run);
            List<String> changed = applied.stream().map(byNumber::get)
                    .filter(c -> c != null && c.expect() != Expect.READ_OR_DEAD_LETTERED).limit(5).map(EventFuzzing::describe).toList();
            assertThat(changed).as("records that had to be refused or ignored but left a row in " + service + "'s database (seed "
                    + seed + ")").isEmpty();
        }
    }

    /**
     * Sends {@code payload} as a CloudEvent of a type nobody reads, then a broken record after it on its partition (same
     * key), waits for that one's dead letter and checks the first was not dead-lettered: the regression test of the
     * consumers that read foreign types as their own. The caller checks that nothing was written.
     */
    public static void assertTypeNobodyReadsIsIgnored(String topic, String key, String payload) {
        String deadLetters = topic + ".dlq";
        try (KafkaProbe kafka = new KafkaProbe(Infrastructure.get().kafkaBootstrapServers()).watch(List.of(deadLetters))) {
            kafka.sendCloudEvent(topic, key, "com.example.something-else.v1", UUID.randomUUID().toString(), payload);
            kafka.sendRaw(topic, key, "{");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kafka.on(deadLetters))
                    .anyMatch(dead -> key.equals(dead.key()) && "{".equals(dead.value())));
            assertThat(kafka.on(deadLetters)).noneMatch(dead -> payload.equals(dead.value()));
        }
    }

    private JsonNode schema(String type) {
        return contract.payload(type).orElseThrow(() -> new IllegalArgumentException("no message " + type));
    }

    List<Case> cases(String type, String run, int tries) {
        JsonNode schema = schema(type);
        SchemaValues values = new SchemaValues(schema, Map.of());
        Arbitrary<JsonNode> valid = values.conforming(schema);
        Arbitrary<String> notJson = Arbitraries.oneOf(valid.flatMap(node -> SchemaValues.brokenJson(node.toString())),
                SchemaValues.hostileText(), SchemaValues.hostile().filter(node -> !node.isObject()).map(JsonNode::toString));
        Arbitrary<String> shaped = values.fuzzed(schema).map(JsonNode::toString);
        Arbitrary<String> oneBroken = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(0, 7))
                .as((node, where, how) -> broken(node, schema, where, how).toString());
        Arbitrary<String> odd = Combinators.combine(valid, Arbitraries.integers().between(0, 10_000), oddValue())
                .as((node, where, value) -> odd(node, schema, where, value).toString());
        Arbitrary<Tuple.Tuple3<String, String, Integer>> payloads = Arbitraries.frequencyOf(
                Tuple.of(15, notJson.map(text -> Tuple.of("not JSON", text, 0))),
                Tuple.of(40, shaped.map(text -> Tuple.of("of the message's shape, with hostile leaves", text, 0))),
                Tuple.of(15, oneBroken.map(text -> Tuple.of("valid with one field broken", text, 0))),
                Tuple.of(10, valid.map(node -> Tuple.of("valid, CloudEvent headers broken", node.toString(), 1))),
                Tuple.of(5, valid.map(node -> Tuple.of("valid, of a type nobody reads", node.toString(), 2))),
                Tuple.of(15, odd.map(text -> Tuple.of("valid but odd", text, 0))));
        Arbitrary<Integer> headerBreak = Arbitraries.integers().between(0, CLOUD_EVENT_HEADERS.size() + 1);
        List<Case> cases = new ArrayList<>();
        for (int number = 0; number < tries; number++) {
            Tuple.Tuple3<String, String, Integer> payload = SchemaValues.sample(payloads);
            String text = payload.get2();
            JsonNode tree = readObject(text);
            if (tree != null) {
                mark(tree, run + "c" + number + "x");
                text = tree.toString();
            }
            KafkaProbe.Outgoing record = cloudEvent(type, tree == null ? null : key(tree), text, run + ":" + number);
            String label = payload.get1();
            if (payload.get3() == 1) {
                int which = SchemaValues.sample(headerBreak);
                Map<String, String> headers = new LinkedHashMap<>(record.headers());
                if (which < CLOUD_EVENT_HEADERS.size()) {
                    headers.remove(CLOUD_EVENT_HEADERS.get(which));
                    label = "valid, without " + CLOUD_EVENT_HEADERS.get(which);
                } else if (which == CLOUD_EVENT_HEADERS.size()) {
                    CLOUD_EVENT_HEADERS.forEach(headers::remove);
                    label = "valid, no CloudEvent headers at all";
                } else {
                    headers.put("ce_specversion", "0.1");
                    label = "valid, CloudEvents spec version 0.1";
                }
                record = new KafkaProbe.Outgoing(record.key(), record.value(), headers);
            } else if (payload.get3() == 2) {
                Map<String, String> headers = new LinkedHashMap<>(record.headers());
                headers.put("ce_type", "com.example.something-else.v1");
                record = new KafkaProbe.Outgoing(record.key(), record.value(), headers);
            }
            cases.add(new Case(number, label, expect(type, schema, record, tree), record));
        }
        return cases;
    }

    /** What the contract says of a record. */
    private Expect expect(String type, JsonNode schema, KafkaProbe.Outgoing record, JsonNode tree) {
        Map<String, String> headers = record.headers();
        if (!CLOUD_EVENT_HEADERS.stream().allMatch(headers::containsKey) || !"1.0".equals(headers.get("ce_specversion"))) {
            // consumers differ here by design: orders must be CloudEvents (dead-lettered without), inventory's topics
            // are read as plain records too (the event id is in the data); neither may stall
            return tree == null || !contract.violations(type, tree).isEmpty() || unreadableNumber(tree, schema)
                    ? Expect.DEAD_LETTERED : Expect.READ_OR_DEAD_LETTERED;
        }
        if (!type.equals(headers.get("ce_type"))) {
            return Expect.IGNORED;
        }
        if (tree == null || !contract.violations(type, tree).isEmpty() || unreadableNumber(tree, schema)) {
            return Expect.DEAD_LETTERED;
        }
        return Expect.READ_OR_DEAD_LETTERED;
    }

    /** An integer field holding a number no 64-bit reader keeps: beyond the range, or with a fraction. */
    private static boolean unreadableNumber(JsonNode node, JsonNode schema) {
        if (node == null || schema == null) {
            return false;
        }
        if (node.isNumber() && SchemaValues.types(schema).contains("integer")) {
            if (!node.isIntegralNumber()) {
                return node.decimalValue().stripTrailingZeros().scale() > 0
                        || node.decimalValue().toBigInteger().bitLength() > 63;
            }
            return node.bigIntegerValue().bitLength() > 63;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (unreadableNumber(field.getValue(), schema.path("properties").get(field.getKey()))) {
                    return true;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode item : node) {
                if (unreadableNumber(item, schema.path("items"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The valid instance with one field broken: removed, of another type, null, beyond 64 bits, a fraction, ... */
    private static JsonNode broken(JsonNode instance, JsonNode schema, int where, int how) {
        List<String> paths = SchemaValues.pointers(instance);
        if (paths.isEmpty()) {
            return instance;
        }
        String path = paths.get(where % paths.size());
        JsonNode value = switch (how) {
            case 0 -> null;
            case 1 -> SchemaValues.NODES.nullNode();
            case 2 -> SchemaValues.NODES.numberNode(BigInteger.TWO.pow(64));
            case 3 -> SchemaValues.NODES.numberNode(new BigDecimal("2.5"));
            case 4 -> SchemaValues.NODES.textNode("NOT_IN_THE_LIST");
            case 5 -> SchemaValues.NODES.objectNode().put("not", "a value");
            case 6 -> SchemaValues.NODES.textNode("");
            default -> SchemaValues.NODES.arrayNode().add(1);
        };
        SchemaValues.edit(instance, path, value);
        return instance;
    }

    /** The valid instance with one string or integer field given an odd value its type still allows. */
    private static JsonNode odd(JsonNode instance, JsonNode schema, int where, JsonNode value) {
        List<String> paths = SchemaValues.pointers(instance);
        List<String> fitting = paths.stream().filter(path -> {
            JsonNode current = instance.at(path);
            return value.isTextual() ? current.isTextual() : current.isIntegralNumber();
        }).toList();
        if (!fitting.isEmpty()) {
            SchemaValues.edit(instance, fitting.get(where % fitting.size()), value);
        }
        return instance;
    }

    private static Arbitrary<JsonNode> oddValue() {
        return Arbitraries.oneOf(SchemaValues.hostileText().filter(text -> !text.isEmpty()).map(SchemaValues.NODES::textNode),
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L, (long) Integer.MAX_VALUE + 1).map(SchemaValues.NODES::numberNode));
    }

    /** Puts the marker in front of every non-empty key field (SKU, location, order id, ...) at any depth. */
    private static void mark(JsonNode node, String marker) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (MARKED_FIELDS.contains(name) && value.isTextual() && !value.asText().isEmpty()) {
                    object.put(name, marker + value.asText());
                } else {
                    mark(value, marker);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> mark(item, marker));
        }
    }

    private static JsonNode readObject(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            return tree != null && tree.isObject() ? tree : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    /** The record key the channel asks for (order id, SKU, code; {@code sku|location} for reorder points). */
    private static String key(JsonNode payload) {
        if (payload.path("sku").isTextual() && payload.path("location").isTextual() && payload.has("reorderPoint")) {
            return payload.get("sku").asText() + "|" + payload.get("location").asText();
        }
        for (String field : KEY_FIELDS) {
            if (payload.path(field).isTextual()) {
                return payload.get(field).asText();
            }
        }
        return null;
    }

    private static KafkaProbe.Outgoing cloudEvent(String type, String key, String value, String number) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", UUID.randomUUID().toString());
        headers.put("ce_type", type);
        headers.put("ce_source", "/stockline/fuzz");
        headers.put("ce_time", "2026-11-23T10:00:00Z");
        headers.put("content-type", "application/json");
        headers.put(CASE_HEADER, number);
        return new KafkaProbe.Outgoing(key, value, headers);
    }

    /** The dead-letter reason of each record of this run, by its number (other runs share the topic). */
    private static Map<Integer, String> reasons(List<KafkaProbe.Received> deadLetters, String run) {
        Map<Integer, String> reasons = new HashMap<>();
        for (KafkaProbe.Received dead : deadLetters) {
            String number = dead.header(CASE_HEADER);
            if (number != null && number.startsWith(run + ":")) {
                reasons.put(Integer.parseInt(number.substring(run.length() + 1)), dead.header("dead-letter-reason"));
            }
        }
        return reasons;
    }

    /** The numbers of the records some row of the service's database names (every text column scanned). */
    private static Set<Integer> marked(String run) throws Exception {
        Pattern marker = Pattern.compile(Pattern.quote(run) + "c(\\d+)x");
        Set<Integer> found = new LinkedHashSet<>();
        for (String text : TestDatabase.textsContaining(run + "c")) {
            Matcher matcher = marker.matcher(text);
            while (matcher.find()) {
                found.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return found;
    }

    private static String describe(Case c) {
        String value = c.record().value() == null ? "null" : c.record().value();
        return "#" + c.number() + " " + c.label() + " (" + c.expect() + "), key " + c.record().key() + ", headers "
                + c.record().headers().keySet() + ": " + (value.length() > 400 ? value.substring(0, 400) + "…" : value);
    }
}
