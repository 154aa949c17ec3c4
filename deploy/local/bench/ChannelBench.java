import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Load and measurement for the channel pipeline, run with the JDK's source launcher and Kafka's own jars on the
 * class path (deploy/local/bench/channels does both):
 *   java ChannelBench.java floor  BOOTSTRAP TOPIC SIMULATOR_URL SAMPLES
 *       the floor: one Kafka produce -> consume plus one HTTP round trip to the simulator, per sample
 *   java ChannelBench.java loaded-floor BOOTSTRAP TOPIC SIMULATOR_URL SECONDS
 *       the floor again, one sample every 100 ms for SECONDS, in a process of its own while the stream runs
 *   java ChannelBench.java stream BOOTSTRAP TOPIC SIMULATOR_URL RATE CHANGES SKU_PREFIX SKUS LOCATION INITIAL METRICS_URL
 *       CHANGES one-unit sales at RATE per second onto the stock-changed topic, then waits until the six channels
 *       ({@link #CHANNELS}) hold every SKU's final number; signed latency per channel x SKU (see {@link #stream})
 * Prints key=value lines.
 */
public class ChannelBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();

    record Channel(String marketplace, String scope, LongUnaryOperator rule) {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "floor" -> floor(args[1], args[2], args[3], Integer.parseInt(args[4]));
            case "stream" -> stream(args[1], args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]), args[6],
                    Integer.parseInt(args[7]), args[8], Long.parseLong(args[9]), args[10]);
            case "loaded-floor" -> loadedFloor(args[1], args[2], args[3], Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    /**
     * The connector's own timings over the stream's last two minutes (PipelineTimings, read as the stream ends, before
     * the marketplaces catch up): how long records waited for their batch, the batch transaction and its size, and the
     * webhook worker's step phases. Where the webhook's latency goes beyond the floor.
     */
    static void pipelineTimings(String metricsUrl) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Pattern quantile = java.util.regex.Pattern.compile(
                "^(stockline_channel_(?:stock_changed_(?:wait|delivery|gap|apply)_seconds|stock_changed_records|worker_step_seconds))\\{(.*)quantile=\"([0-9.]+)\",?\\} (\\S+)$");
        Map<String, Map<String, Double>> byMeter = new java.util.TreeMap<>();
        for (String line : metrics.split("\n")) {
            java.util.regex.Matcher match = quantile.matcher(line);
            if (!match.matches() || (match.group(1).contains("worker_step") && !match.group(2).contains("channel=\"bench-hook\""))) {
                continue;
            }
            boolean seconds = match.group(1).endsWith("_seconds");
            String labels = match.group(2).replaceAll("channel=\"[^\"]*\",?", "").replaceAll("[\",]", " ").trim();
            String name = match.group(1).replace("stockline_channel_", "") + (labels.isEmpty() ? "" : " " + labels);
            double value = Double.parseDouble(match.group(4)) * (seconds ? 1000 : 1);
            byMeter.computeIfAbsent(name, key -> new java.util.TreeMap<>()).put(match.group(3), value);
        }
        byMeter.forEach((name, quantiles) -> System.out.printf("pipeline %-42s p50=%.0f p90=%.0f p99=%.0f%s%n", name,
                quantiles.getOrDefault("0.5", Double.NaN), quantiles.getOrDefault("0.9", Double.NaN),
                quantiles.getOrDefault("0.99", Double.NaN), name.contains("records") ? " records" : " ms"));
    }

    /**
     * A Kafka client's settings: the address, and the credentials the environment holds as a Quarkus service reads
     * them (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_JAAS_CONFIG; the bench script sets the local
     * broker's super user's, deploy/local/infra kafka-env).
     */
    static Properties clientConfig(String bootstrap) {
        Properties config = new Properties();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("KAFKA_SECURITY_") || name.startsWith("KAFKA_SASL_") || name.startsWith("KAFKA_SSL_")) {
                config.put(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        config.put("bootstrap.servers", bootstrap);
        return config;
    }

    /** The idle floor, before the stream: SAMPLES probes one after the other. */
    static void floor(String bootstrap, String topic, String simulator, int samples) throws Exception {
        probeFloor(bootstrap, topic, simulator, samples, 0);
    }

    /** {@code samples} floor samples, one started every {@code intervalNanos} (0: each after the last), then the report. */
    static void probeFloor(String bootstrap, String topic, String simulator, int samples, long intervalNanos) throws Exception {
        List<Long> latencies = new ArrayList<>();
        List<long[]> parts = new ArrayList<>();
        List<Long> startedMillis = new ArrayList<>();
        try (FloorProbe probe = new FloorProbe(bootstrap, topic, simulator)) {
            for (int warm = 0; warm < 10; warm++) {
                probe.sample();
            }
            long next = System.nanoTime();
            for (int taken = 0; taken < samples; taken++) {
                startedMillis.add(System.currentTimeMillis());
                latencies.add(probe.sample());
                parts.add(probe.parts.clone());
                next += intervalNanos;
                for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }
        printFloor(latencies, parts, intervalNanos > 0 ? startedMillis : List.of());
    }

    /**
     * A floor's samples, and the p50 and p99 of each part; with {@code startedMillis} (the floor under the stream) also
     * its five slowest samples and when each began (UTC), to be set beside the webhook's slowest: a stall both met at
     * the same moment is the machine's (the broker, the simulator, the scheduler), not the pipeline's.
     */
    static void printFloor(List<Long> latencies, List<long[]> parts, List<Long> startedMillis) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("samples=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f", sorted.length, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        String[] names = { "ack", "consume", "http" };
        for (int part = 0; part < names.length; part++) {
            int which = part;
            long[] one = parts.stream().mapToLong(sample -> sample[which]).sorted().toArray();
            System.out.printf(" %s_p50/p99_ms=%.1f/%.1f", names[part], percentile(one, 50) / 1e6, percentile(one, 99) / 1e6);
        }
        if (!startedMillis.isEmpty()) {
            System.out.print(" slowest=" + java.util.stream.IntStream.range(0, latencies.size()).boxed()
                    .sorted(java.util.Comparator.comparingLong((Integer i) -> latencies.get(i)).reversed()).limit(5)
                    .map(i -> String.format("%.0f@%s", latencies.get(i) / 1e6,
                            java.time.LocalTime.ofInstant(Instant.ofEpochMilli(startedMillis.get(i)), java.time.ZoneOffset.UTC)))
                    .toList());
        }
        System.out.println();
    }

    /**
     * One floor sample at a time: a record produced (acks=all) and consumed back, then the request the webhook channel
     * makes, a signed POST of one update to the simulator's webhook receiver (under a path of its own). What any
     * pipeline from the stock-changed topic to a marketplace pays at least, on this machine. Each sample's parts are
     * kept too: the broker's acknowledgement, the record consumed after it, the HTTP round trip.
     */
    static final class FloorProbe implements AutoCloseable {
        private final KafkaProducer<String, String> producer;
        private final KafkaConsumer<String, String> consumer;
        private final String topic;
        private final URI webhook;
        private final javax.crypto.Mac signer;
        /** The last sample's parts, in nanoseconds: acknowledged, consumed, answered. */
        final long[] parts = new long[3];
        private long sequence;

        FloorProbe(String bootstrap, String topic, String simulator) throws Exception {
            Properties producerConfig = clientConfig(bootstrap);
            producerConfig.put("acks", "all");
            producerConfig.put("linger.ms", "0");
            Properties consumerConfig = clientConfig(bootstrap);
            consumerConfig.put("group.id", "floor-" + UUID.randomUUID());
            consumerConfig.put("auto.offset.reset", "latest");
            this.topic = topic;
            this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
            this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
            this.webhook = URI.create(simulator + "/webhook/floor");
            this.signer = javax.crypto.Mac.getInstance("HmacSHA256");
            signer.init(new javax.crypto.spec.SecretKeySpec(
                    System.getenv().getOrDefault("WEBHOOK_SECRET", "").getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            producer.send(new ProducerRecord<>(topic, "create", "topic")).get();
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            // Resolve every partition's position now: a record sent before a lazy "latest" reset would be skipped.
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
        }

        /** Nanoseconds from the send to the record consumed and the simulator's answer read. */
        long sample() throws Exception {
            long start = System.nanoTime();
            String id = UUID.randomUUID().toString();
            producer.send(new ProducerRecord<>(topic, id, id)).get();
            long acknowledged = System.nanoTime();
            boolean seen = false;
            long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!seen) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("record " + id + " not consumed within 10 s");
                }
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    seen |= id.equals(record.key());
                }
            }
            long consumed = System.nanoTime();
            String body = "{\"channel\":\"floor\",\"updates\":[{\"sku\":\"FLOOR\",\"quantity\":" + (++sequence) + "}]}";
            long now = Instant.now().getEpochSecond();
            String signature = "t=" + now + ",v1=" + java.util.HexFormat.of().formatHex(
                    signer.doFinal((now + "." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                    .header("X-Stockline-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("the simulator's webhook answered " + answer.statusCode());
            }
            long answered = System.nanoTime();
            parts[0] = acknowledged - start;
            parts[1] = consumed - acknowledged;
            parts[2] = answered - consumed;
            return answered - start;
        }

        @Override
        public void close() {
            producer.close();
            consumer.close();
        }
    }

    /**
     * The floor again, while the stream runs: one probe every 100 ms for {@code seconds} on a topic of its own, in a
     * process of its own (the load generator's JVM would add its own pauses), on the same two cores as the broker,
     * PostgreSQL, the simulator and the connector under the stream. The webhook's samples are taken under that load;
     * this is what the Kafka + HTTP part of its path costs under it.
     */
    static void loadedFloor(String bootstrap, String topic, String simulator, int seconds) throws Exception {
        probeFloor(bootstrap, topic, simulator, seconds * 10, 100_000_000L);
    }

    /**
     * The stream's topic stamps each record with the broker's clock when it appends it ({@code LogAppendTime}), and the
     * acknowledgement carries that time. Until session 27 the time was read in the producer's callback, so a pause of
     * this process (its own collector, the scheduler) moved it later and shortened the latencies measured from it.
     * Created here as the broker would create it (3 partitions), or changed if the connector's consumer made it first.
     */
    static void brokerTimestamps(String bootstrap, String topic) throws Exception {
        ConfigEntry stamped = new ConfigEntry("message.timestamp.type", "LogAppendTime");
        try (Admin admin = Admin.create(clientConfig(bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1).configs(Map.of(stamped.name(), stamped.value()))))
                        .all().get();
            } catch (java.util.concurrent.ExecutionException exists) {
                if (!(exists.getCause() instanceof TopicExistsException)) {
                    throw exists;
                }
            }
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                    new AlterConfigOp(stamped, AlterConfigOp.OpType.SET))))
                    .all().get();
        }
    }

    /** One change the stream sent: the SKU's available after it, and when the broker appended it (its clock). */
    record Sent(long available, long appendedMillis) {
    }

    /**
     * The stream: CHANGES one-unit sales at RATE per second, straight onto inventory's stock-changed topic as
     * inventory publishes them (a CloudEvent per change, versions in order per SKU). Sales only, so each SKU's number
     * only falls and the change that gave a channel its final number is known: the first after which the channel's
     * rule gives it. Latency per channel x SKU = the simulator's write of that number - the broker's append of that
     * change (its LogAppendTime, which the acknowledgement carries), signed: a negative sample would be the marketplace
     * holding a number before it was sent.
     */
    static void stream(String bootstrap, String topic, String simulator, int rate, int changes, String skuPrefix,
            int skus, String location, long initial, String connectorMetrics) throws Exception {
        Properties producerConfig = clientConfig(bootstrap);
        producerConfig.put("acks", "all");
        // Batched as inventory's outbox relay batches: it sets no linger, so the Kafka 4 client's default of 5 ms holds.
        // Until session 29 the stream sent one produce request per change (linger 0), 500 a second, which cost this
        // process and the broker CPU the pipeline under test then lacked (the machine was 95 % busy). Latency is
        // counted from the broker's append, so the linger is not in it. LINGER_MS=0 runs it the old way.
        producerConfig.put("linger.ms", System.getenv().getOrDefault("LINGER_MS", "5"));
        producerConfig.put("enable.idempotence", "true");
        Map<String, List<Sent>> sent = new ConcurrentHashMap<>();
        Map<String, long[]> state = new HashMap<>(); // sku -> {version, available}
        for (int i = 1; i <= skus; i++) {
            state.put(sku(skuPrefix, i), new long[] { 1, initial });
        }
        LongAdder failed = new LongAdder();
        long start;
        long end;
        brokerTimestamps(bootstrap, topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            long intervalNanos = 1_000_000_000L / rate;
            start = System.nanoTime();
            for (int n = 0; n < changes; n++) {
                long due = start + n * intervalNanos;
                // Parked, not spun: a busy wait would take one of the machine's two cores from the pipeline it measures.
                // The schedule is absolute, so a late wake-up is made up by the next send, not carried forward.
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                String sku = sku(skuPrefix, ThreadLocalRandom.current().nextInt(1, skus + 1));
                long[] current = state.get(sku);
                current[0]++;
                current[1]--;
                long available = current[1];
                producer.send(stockChanged(topic, sku, location, current[0], available), (metadata, failure) -> {
                    if (failure != null) {
                        failed.increment();
                    } else {
                        sent.computeIfAbsent(sku, key -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                .add(new Sent(available, metadata.timestamp()));
                    }
                });
            }
            producer.flush();
            end = System.nanoTime();
        }
        long endMillis = System.currentTimeMillis();
        double seconds = (end - start) / 1e9;
        System.out.printf("changes=%d failed=%d stream_s=%.1f changes_per_s=%.0f producer_linger_ms=%s%n", changes,
                failed.sum(), seconds, changes / seconds, producerConfig.get("linger.ms"));
        // The harness keeps still while the stream's last changes go through: its metrics scrape (a Prometheus page
        // of the connector's) and its listing reads (six dumps of the simulator every half second) would take CPU
        // from the connector and the simulator just when the last change of each SKU, the one its latency sample is
        // taken from, is on its way. Session 18 measured no difference; a measurement should not load what it
        // measures all the same (QUIET_MS=0: read at once, as before session 18).
        long quietMillis = Long.parseLong(System.getenv().getOrDefault("QUIET_MS", "3000"));
        if (quietMillis > 0) {
            Thread.sleep(quietMillis);
        }
        pipelineTimings(connectorMetrics);

        Map<String, Long> finalAvailable = new HashMap<>();
        state.forEach((sku, current) -> finalAvailable.put(sku, current[1]));
        long waitStart = end; // settled is counted from the stream's end, the quiet time included
        Map<String, Map<String, JsonNode>> held = new HashMap<>();
        Map<String, Integer> wrong = new java.util.TreeMap<>();
        int totalWrong = Integer.MAX_VALUE;
        while (totalWrong > 0 && System.nanoTime() - waitStart < Duration.ofMinutes(20).toNanos()) {
            totalWrong = 0;
            for (Channel channel : CHANNELS) {
                Map<String, JsonNode> listings = listings(simulator, channel.marketplace());
                held.put(channel.marketplace(), listings);
                int off = 0;
                for (var entry : finalAvailable.entrySet()) {
                    JsonNode listing = listings.get(listingId(channel.marketplace(), entry.getKey()));
                    if (listing == null || listing.path("quantity").asLong() != channel.rule().applyAsLong(entry.getValue())) {
                        off++;
                    }
                }
                wrong.put(channel.marketplace(), off);
                totalWrong += off;
            }
            if (totalWrong > 0) {
                Thread.sleep(500);
            }
        }
        System.out.printf("settled_after_stream_s=%.1f pairs_wrong=%d by_channel=%s%n", (System.nanoTime() - waitStart) / 1e9,
                totalWrong, wrong);

        for (Channel channel : CHANNELS) {
            List<Long> latencies = new ArrayList<>();
            List<long[]> timed = new ArrayList<>(); // {latency, ack millis}
            int unchanged = 0;
            for (var entry : finalAvailable.entrySet()) {
                List<Sent> changesOfSku = sent.getOrDefault(entry.getKey(), List.of()).stream()
                        .sorted(java.util.Comparator.comparingLong(Sent::available).reversed()).toList();
                long finalNumber = channel.rule().applyAsLong(entry.getValue());
                if (channel.rule().applyAsLong(initial) == finalNumber) {
                    unchanged++; // the channel held it from the start: no latency to measure
                    continue;
                }
                Sent madeFinal = changesOfSku.stream().filter(change -> channel.rule().applyAsLong(change.available()) == finalNumber)
                        .findFirst().orElse(null);
                JsonNode listing = held.get(channel.marketplace()).get(listingId(channel.marketplace(), entry.getKey()));
                if (madeFinal != null && listing != null && listing.path("quantity").asLong() == finalNumber) {
                    long latency = Instant.parse(listing.path("updatedAt").asText()).toEpochMilli() - madeFinal.appendedMillis();
                    latencies.add(latency);
                    timed.add(new long[] { latency, madeFinal.appendedMillis() });
                }
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long negative = latencies.stream().filter(latency -> latency < 0).count();
            System.out.printf("latency channel=%s samples=%d unchanged=%d p50_ms=%d p99_ms=%d max_ms=%d min_ms=%d negative=%d%n",
                    channel.marketplace(), sorted.length, unchanged, (long) percentile(sorted, 50), (long) percentile(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1], sorted.length == 0 ? 0 : sorted[0], negative);
            if ("webhook".equals(channel.marketplace()) && !timed.isEmpty()) {
                // Whether the tail is one stall (the worst samples acknowledged within a few milliseconds of each other)
                // or spread over the window the samples come from: latency@when its change was acknowledged, in ms
                // before the stream's end.
                timed.sort(java.util.Comparator.comparingLong((long[] sample) -> sample[0]).reversed());
                long oldest = timed.stream().mapToLong(sample -> endMillis - sample[1]).max().orElse(0);
                System.out.printf("tail channel=webhook stream_end=%s samples_acked_within_last_ms=%d worst=%s%n",
                        Instant.ofEpochMilli(endMillis), oldest,
                        timed.stream().limit(Math.max(1, timed.size() / 100)).map(sample -> sample[0] + "@-" + (endMillis - sample[1]))
                                .toList());
                // the same, by when each change was acknowledged (UTC), to set beside the floor's slowest under the stream
                System.out.printf("tail channel=webhook acknowledged_at=%s%n", timed.stream().limit(Math.max(1, timed.size() / 100))
                        .map(sample -> sample[0] + "@" + java.time.LocalTime.ofInstant(Instant.ofEpochMilli(sample[1]), java.time.ZoneOffset.UTC))
                        .toList());
            }
        }
        JsonNode stats = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(simulator + "/_sim/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long marketplaceCalls = 0;
        for (var marketplace : iterable(stats.path("calls").fields())) {
            long calls = sum(marketplace.getValue());
            if (!"webhook".equals(marketplace.getKey())) {
                marketplaceCalls += calls;
            }
            System.out.printf("calls marketplace=%s calls=%d per_change=%.4f throttled=%d violations=%d operations=%s%n",
                    marketplace.getKey(), calls, (double) calls / changes, stats.path("throttled").path(marketplace.getKey()).asLong(),
                    stats.path("rateLimitViolations").path(marketplace.getKey()).asLong(), marketplace.getValue());
        }
        System.out.printf("marketplace_calls=%d calls_per_change=%.4f throttled=%d rate_limit_violations=%d%n",
                marketplaceCalls, (double) marketplaceCalls / changes, sum(stats.path("throttled")),
                sum(stats.path("rateLimitViolations")));
    }

    /** The channels the command creates, by marketplace: the rule each applies to a SKU's available. */
    static final List<Channel> CHANNELS = List.of(
            new Channel("shopify", "gid://shopify/Location/1", a -> Math.max(0, a - 2)),
            new Channel("amazon", "A1BENCHSELLER", a -> Math.max(0, a - (a * 10 + 99) / 100)),
            new Channel("ebay", null, a -> a / 2),
            new Channel("woocommerce", null, a -> Math.max(0, a - 5)),
            new Channel("bigcommerce", "1", a -> a),
            new Channel("webhook", "bench", a -> a));

    static String sku(String prefix, int n) {
        return prefix + String.format("%05d", n);
    }

    /** What inventory publishes for a sale: a binary-mode CloudEvent of stock-changed.v1, key = SKU. */
    static ProducerRecord<String, String> stockChanged(String topic, String sku, String location, long version, long available) {
        String id = UUID.randomUUID().toString();
        String json = """
                {"eventId":"%s","sku":"%s","location":"%s","version":%d,"movementType":"SALE","movementId":%d,\
                "onHand":%d,"available":%d,"committed":0,"reserved":0,"damaged":0,"qualityControl":0,"safetyStock":0,\
                "incoming":0,"inTransit":0,"occurredAt":"%s"}""".formatted(id, sku, location, version, version,
                available, available, Instant.now());
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, sku, json);
        record.headers().add("ce_specversion", "1.0".getBytes());
        record.headers().add("ce_id", id.getBytes());
        record.headers().add("ce_type", "io.stockline.inventory.stock-changed.v1".getBytes());
        record.headers().add("ce_source", "/stockline/bench".getBytes());
        record.headers().add("content-type", "application/json".getBytes());
        return record;
    }

    static String listingId(String marketplace, String sku) {
        int n = Integer.parseInt(sku.substring(sku.length() - 5));
        return switch (marketplace) {
            case "shopify" -> "gid://shopify/InventoryItem/" + (100000 + n);
            case "woocommerce", "bigcommerce" -> String.valueOf(100000 + n);
            default -> sku;
        };
    }

    static Map<String, JsonNode> listings(String simulator, String marketplace) throws Exception {
        JsonNode body = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create(simulator + "/_sim/listings?marketplace=" + marketplace)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Map<String, JsonNode> byId = new HashMap<>();
        body.path("listings").forEach(listing -> byId.put(listing.path("listingId").asText(), listing));
        return byId;
    }

    static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }

    static long sum(JsonNode counts) {
        long total = 0;
        for (var entry : iterable(counts.fields())) {
            total += entry.getValue().asLong();
        }
        return total;
    }

    static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
