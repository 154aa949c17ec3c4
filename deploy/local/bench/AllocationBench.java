import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.stockline.allocation.domain.AllocationPlan;
import io.stockline.allocation.domain.FulfilmentLocation;
import io.stockline.allocation.domain.GreatCircle;
import io.stockline.allocation.domain.OrderPlaced;
import io.stockline.allocation.domain.RoutingPolicy;
import io.stockline.allocation.domain.ShipmentPlanner;

/**
 * Load for allocation-service, run with the JDK's source launcher, with allocation-service's classes and its
 * libraries on the class path (deploy/local/bench/allocation sets it):
 *   java AllocationBench.java plan SECONDS
 *       the planner on 5-line orders over 50 locations, beside a baseline in the same run: a plain sort of the
 *       50 locations by distance per order (what any closest-first router must at least do)
 *   java AllocationBench.java race BOOTSTRAP TOPIC_PREFIX SKU ORDERS LOCATION...
 *       publishes each location's LocationChangedV1, then ORDERS one-unit orders of SKU to TOPIC_PREFIX.orders,
 *       and waits for a decision on each in TOPIC_PREFIX.allocations: orders per second, first send to last decision
 * Prints one line of key=value.
 */
public class AllocationBench {

    public static void main(String[] args) throws Exception {
        if (args[0].equals("plan")) {
            plan(Long.parseLong(args[1]));
        } else {
            race(args[1], args[2], args[3], Integer.parseInt(args[4]), Arrays.asList(args).subList(5, args.length));
        }
        System.exit(0);
    }

    // --- (a) planning

    private static void plan(long seconds) {
        Random random = new Random(42);
        int locationCount = 50;
        int skuCount = 200;
        Map<String, FulfilmentLocation> locations = new HashMap<>();
        for (int l = 0; l < locationCount; l++) {
            String code = String.format("WH-%02d", l);
            locations.put(code, new FulfilmentLocation(code, 36 + random.nextDouble() * 20, -8 + random.nextDouble() * 30,
                    random.nextInt(3), true, List.of()));
        }
        // Each SKU is stocked at a third of the locations, 0-9 units: some orders fit one location, some need more.
        Map<String, Map<String, Long>> available = new HashMap<>();
        for (int s = 0; s < skuCount; s++) {
            Map<String, Long> perLocation = new HashMap<>();
            for (String code : locations.keySet()) {
                if (random.nextInt(3) == 0) {
                    perLocation.put(code, (long) random.nextInt(10));
                }
            }
            available.put("SKU-" + s, perLocation);
        }
        List<OrderPlaced> orders = new ArrayList<>();
        for (int o = 0; o < 1000; o++) {
            List<OrderPlaced.Line> lines = new ArrayList<>();
            Set<Integer> skus = new HashSet<>();
            while (skus.size() < 5) {
                skus.add(random.nextInt(skuCount));
            }
            int line = 1;
            for (int s : skus) {
                lines.add(new OrderPlaced.Line(line++, "SKU-" + s, 1 + random.nextInt(3)));
            }
            orders.add(new OrderPlaced("o" + o, "bench", lines,
                    new OrderPlaced.ShipTo("DE", null, 36 + random.nextDouble() * 20, -8 + random.nextDouble() * 30), true));
        }
        List<FulfilmentLocation> all = List.copyOf(locations.values());

        // warm both up, then measure each for the given time
        measure(2, orders, order -> ShipmentPlanner.plan(order.lines(), order.shipTo(), available, locations,
                RoutingPolicy.DEFAULT).shipments().size());
        measure(2, orders, order -> sortByDistance(all, order.shipTo()));
        long[] shipments = new long[1];
        long[] unfilled = new long[1];
        double[] planned = measure(seconds, orders, order -> {
            AllocationPlan plan = ShipmentPlanner.plan(order.lines(), order.shipTo(), available, locations,
                    RoutingPolicy.DEFAULT);
            shipments[0] += plan.shipments().size();
            unfilled[0] += plan.complete() ? 0 : 1;
            return plan.shipments().size();
        });
        double[] sorted = measure(seconds, orders, order -> sortByDistance(all, order.shipTo()));
        System.out.printf("plans=%d plan_rate=%.0f baseline_sorts=%d baseline_rate=%.0f ratio=%.3f shipments_per_plan=%.2f short_orders=%.3f%n",
                (long) planned[0], planned[0] / planned[1], (long) sorted[0], sorted[0] / sorted[1],
                (planned[0] / planned[1]) / (sorted[0] / sorted[1]), shipments[0] / planned[0], unfilled[0] / planned[0]);
    }

    private static int sortByDistance(List<FulfilmentLocation> locations, OrderPlaced.ShipTo to) {
        double[] distance = new double[locations.size()];
        Integer[] order = new Integer[locations.size()];
        for (int i = 0; i < distance.length; i++) {
            FulfilmentLocation l = locations.get(i);
            distance[i] = GreatCircle.km(l.latitude(), l.longitude(), to.latitude(), to.longitude());
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> distance[i]));
        return order[0];
    }

    /** Runs the work over the orders, round and round, for the given seconds: {count, seconds}. */
    private static double[] measure(long seconds, List<OrderPlaced> orders,
            java.util.function.ToIntFunction<OrderPlaced> work) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
        long count = 0;
        long sink = 0;
        while (System.nanoTime() < deadline) {
            for (OrderPlaced order : orders) {
                sink += work.applyAsInt(order);
            }
            count += orders.size();
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println(); // keeps the work from being optimised away
        }
        return new double[] {count, (System.nanoTime() - start) / 1e9};
    }

    // --- (b) the race, end to end

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

    private static void race(String bootstrap, String prefix, String sku, int orders, List<String> locations)
            throws Exception {
        Properties producerProps = clientConfig(bootstrap);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        Properties consumerProps = clientConfig(bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(prefix + "allocations"));
            consumer.poll(Duration.ofMillis(500));
            int revision = 1;
            for (String location : locations) {
                String id = UUID.randomUUID().toString();
                String json = """
                        {"eventId":"%s","code":"%s","name":"%s","type":"WAREHOUSE","latitude":%s,"longitude":%s,\
                        "priority":0,"fulfilsOrders":true,"countries":["DE"],"revision":%d,"occurredAt":"2026-11-23T10:00:00Z"}"""
                        .formatted(id, location, location, 48 + revision, 8 + revision, revision);
                producer.send(cloudEvent(prefix + "inventory.locations", location,
                        "io.stockline.inventory.location-changed.v1", id, json)).get();
                revision++;
            }
            Set<String> pending = new HashSet<>();
            long[] machine0 = machineTicks();
            long start = System.nanoTime();
            for (int i = 0; i < orders; i++) {
                String orderId = "bench-" + sku + "-" + i;
                pending.add(orderId);
                String json = """
                        {"orderId":"%s","channel":"bench","paid":true,"shipTo":{"country":"DE","latitude":%.2f,"longitude":%.2f},\
                        "lines":[{"line":1,"sku":"%s","quantity":1}]}""".formatted(orderId, 47.0 + (i % 70) / 10.0,
                        6.0 + (i % 90) / 10.0, sku);
                producer.send(cloudEvent(prefix + "orders", orderId, "io.stockline.order.placed.v1",
                        UUID.randomUUID().toString(), json));
            }
            producer.flush();
            double sent = (System.nanoTime() - start) / 1e9;
            Map<String, Integer> byType = new HashMap<>();
            List<Long> decidedAt = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (pending.remove(record.key())) {
                        decidedAt.add(System.nanoTime() - start);
                        Header type = record.headers().lastHeader("ce_type");
                        String name = type == null ? "none" : new String(type.value(), StandardCharsets.UTF_8)
                                .replace("io.stockline.allocation.", "").replace(".v1", "");
                        byType.merge(name, 1, Integer::sum);
                    }
                }
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] machine1 = machineTicks();
            // the seconds by which each tenth of the orders was decided: where the race's time goes
            StringBuilder tenths = new StringBuilder();
            for (int tenth = 1; tenth <= 10 && !decidedAt.isEmpty(); tenth++) {
                int index = Math.min(decidedAt.size(), (int) Math.ceil(orders * tenth / 10.0)) - 1;
                tenths.append(tenth == 1 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", decidedAt.get(index) / 1e9));
            }
            long busy = machine1[0] - machine0[0];
            long all = busy + machine1[1] - machine0[1];
            System.out.printf(Locale.ROOT, "orders=%d decided=%d backordered=%d failed=%d undecided=%d send_seconds=%.2f seconds=%.2f rate=%.1f tenths_at=%s machine_busy=%d%%%n",
                    orders, byType.getOrDefault("decided", 0), byType.getOrDefault("backordered", 0),
                    byType.getOrDefault("failed", 0), pending.size(), sent, elapsed, (orders - pending.size()) / elapsed,
                    tenths, all > 0 ? 100 * busy / all : 0);
        }
    }

    /** The machine's CPU ticks from /proc/stat: busy (user, nice, system, irq, softirq, steal) and idle (idle, iowait). */
    private static long[] machineTicks() {
        try {
            String[] cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return new long[] {busy, Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static ProducerRecord<String, String> cloudEvent(String topic, String key, String type, String id,
            String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "/stockline/bench".getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
