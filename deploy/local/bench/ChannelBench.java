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
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Load and measurement for the channel pipeline, run with the JDK's source launcher and Kafka's own jars on the
 * class path (deploy/local/bench/channels does both):
 *   java ChannelBench.java floor  BOOTSTRAP TOPIC SIMULATOR_URL SAMPLES
 *       the floor: one Kafka produce -> consume plus one HTTP round trip to the simulator, per sample
 *   java ChannelBench.java burst  INVENTORY_URL SIMULATOR_URL CLIENTS CHANGES SKU_PREFIX SKUS LOCATION
 *       CHANGES movements over SKUS SKUs from CLIENTS closed-loop clients, then waits until the three channels
 *       (shopify buffer 2, ebay 50 %, woocommerce max 100) hold every SKU's final number; latency per channel x SKU
 *       = when the simulator last wrote the number - when inventory answered the SKU's last change
 * Tokens: BENCH_TOKEN (operator). Prints key=value lines.
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
            case "burst" -> burst(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args[5],
                    Integer.parseInt(args[6]), args[7]);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.exit(0);
    }

    static void floor(String bootstrap, String topic, String simulator, int samples) throws Exception {
        Properties producerConfig = new Properties();
        producerConfig.put("bootstrap.servers", bootstrap);
        producerConfig.put("acks", "all");
        producerConfig.put("linger.ms", "0");
        Properties consumerConfig = new Properties();
        consumerConfig.put("bootstrap.servers", bootstrap);
        consumerConfig.put("group.id", "floor-" + UUID.randomUUID());
        consumerConfig.put("auto.offset.reset", "latest");
        long[] latencies = new long[samples];
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "create", "topic")).get();
            consumer.subscribe(List.of(topic));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            // Resolve every partition's position now: a record sent before a lazy "latest" reset would be skipped.
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            producer.send(new ProducerRecord<>(topic, "warm", "up")).get();
            HttpRequest ping = HttpRequest.newBuilder(URI.create(simulator + "/_sim/faults")).GET().build();
            int taken = -10; // the first ten warm up
            while (taken < samples) {
                long start = System.nanoTime();
                String id = UUID.randomUUID().toString();
                producer.send(new ProducerRecord<>(topic, id, id)).get();
                boolean seen = false;
                long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!seen) {
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException("record " + id + " not consumed within 10 s");
                    }
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(100));
                    for (var record : records) {
                        seen |= id.equals(record.key());
                    }
                }
                HTTP.send(ping, HttpResponse.BodyHandlers.discarding());
                if (taken >= 0) {
                    latencies[taken] = System.nanoTime() - start;
                }
                taken++;
            }
        }
        Arrays.sort(latencies);
        System.out.printf("samples=%d p50_ms=%.1f p99_ms=%.1f%n", samples, percentile(latencies, 50) / 1e6,
                percentile(latencies, 99) / 1e6);
    }

    static void burst(String inventory, String simulator, int clients, int changes, String skuPrefix, int skus,
            String location) throws Exception {
        Map<String, Long> lastCommitMillis = new ConcurrentHashMap<>();
        LongAdder refused = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicInteger remaining = new AtomicInteger(changes);
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                try {
                    while (remaining.getAndDecrement() > 0) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        String sku = skuPrefix + String.format("%05d", random.nextInt(1, skus + 1));
                        boolean receipt = random.nextBoolean();
                        String body = "{\"type\":\"" + (receipt ? "RECEIPT" : "SALE") + "\",\"sku\":\"" + sku
                                + "\",\"location\":\"" + location + "\",\"quantity\":" + (receipt ? random.nextInt(1, 4) : 1)
                                + ",\"reason\":\"bench\"}";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(inventory + "/api/v1/movements"))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .header("Authorization", "Bearer " + System.getenv("BENCH_TOKEN"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        try {
                            int status = HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            long now = System.currentTimeMillis();
                            if (status == 201) {
                                lastCommitMillis.merge(sku, now, Math::max);
                            } else if (status == 409 || status == 422) {
                                refused.increment();
                            } else {
                                failed.increment();
                            }
                        } catch (Exception e) {
                            failed.increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double burstSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("changes=%d refused=%d failed=%d burst_s=%.1f changes_per_s=%.0f%n", changes,
                refused.sum(), failed.sum(), burstSeconds, (changes - refused.sum() - failed.sum()) / burstSeconds);

        Map<String, Long> available = new HashMap<>();
        for (int i = 1; i <= skus; i++) {
            String sku = skuPrefix + String.format("%05d", i);
            JsonNode stock = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(inventory + "/api/v1/stock/" + sku))
                    .header("Authorization", "Bearer " + System.getenv("BENCH_TOKEN")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            available.put(sku, stock.path("totals").path("available").asLong());
        }
        List<Channel> channels = List.of(
                new Channel("shopify", "gid://shopify/Location/1", a -> Math.max(0, a - 2)),
                new Channel("ebay", null, a -> a / 2),
                new Channel("woocommerce", null, a -> Math.min(a, 100)));
        Map<String, Map<String, JsonNode>> held = new HashMap<>();
        long waitStart = System.nanoTime();
        int wrong = Integer.MAX_VALUE;
        while (wrong > 0 && System.nanoTime() - waitStart < Duration.ofMinutes(15).toNanos()) {
            wrong = 0;
            for (Channel channel : channels) {
                Map<String, JsonNode> listings = listings(simulator, channel.marketplace());
                held.put(channel.marketplace(), listings);
                for (var entry : available.entrySet()) {
                    JsonNode listing = listings.get(listingId(channel.marketplace(), entry.getKey()));
                    if (listing == null || listing.path("quantity").asLong() != channel.rule().applyAsLong(entry.getValue())) {
                        wrong++;
                    }
                }
            }
            if (wrong > 0) {
                Thread.sleep(200);
            }
        }
        System.out.printf("settled_after_burst_s=%.1f pairs_wrong=%d%n", (System.nanoTime() - waitStart) / 1e9, wrong);
        List<Long> latencies = new ArrayList<>();
        for (Channel channel : channels) {
            for (String sku : available.keySet()) {
                JsonNode listing = held.get(channel.marketplace()).get(listingId(channel.marketplace(), sku));
                Long committed = lastCommitMillis.get(sku);
                if (listing != null && committed != null) {
                    long written = Instant.parse(listing.path("updatedAt").asText()).toEpochMilli();
                    latencies.add(Math.max(0, written - committed));
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("latency_samples=%d p50_ms=%d p99_ms=%d max_ms=%d%n", sorted.length,
                (long) percentile(sorted, 50), (long) percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
        JsonNode stats = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(simulator + "/_sim/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        long writes = 0;
        long all = 0;
        for (var marketplace : iterable(stats.path("calls").fields())) {
            for (var operation : iterable(marketplace.getValue().fields())) {
                all += operation.getValue().asLong();
                String name = operation.getKey().toLowerCase();
                if (!name.contains("token") && !name.contains("read") && !name.contains("get") && !name.contains("query")) {
                    writes += operation.getValue().asLong();
                }
            }
        }
        long throttled = sum(stats.path("throttled"));
        long violations = sum(stats.path("rateLimitViolations"));
        System.out.printf("marketplace_calls=%d write_calls=%d calls_per_change=%.4f throttled=%d rate_limit_violations=%d%n",
                all, writes, (double) all / changes, throttled, violations);
        System.out.println("calls_by_operation=" + stats.path("calls"));
    }

    static String listingId(String marketplace, String sku) {
        int n = Integer.parseInt(sku.substring(sku.length() - 5));
        return switch (marketplace) {
            case "shopify" -> "gid://shopify/InventoryItem/" + (100000 + n);
            case "woocommerce" -> String.valueOf(100000 + n);
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
