import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load for inventory-service's reservation API, run with the JDK's source launcher (no build):
 *   java InventoryBench.java spread URLS CLIENTS SKU_PREFIX SKUS SECONDS   one-unit holds on random SKUs
 *   java InventoryBench.java flash  URLS CLIENTS SKU                        one-unit holds on one SKU until sold out
 *   java InventoryBench.java moves  URLS CLIENTS SKU_PREFIX SKUS SECONDS   one-unit SALE movements on random SKUs at
 *                                                                          location BENCH (POST /api/v1/movements)
 * Each client is a thread sending one request at a time (closed loop), with the operator token in
 * BENCH_TOKEN. URLS is one instance's base URL or several, comma-separated: client i sends to the
 * (i mod n)-th, so instances share the clients evenly. Prints one line of key=value.
 */
public class InventoryBench {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean moves = mode.equals("moves");
        String path = moves ? "/api/v1/movements" : "/api/v1/reservations";
        String[] urls = Arrays.stream(args[1].split(",")).map(base -> base + path).toArray(String[]::new);
        int clients = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        LongAdder held = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder failed = new LongAdder();
        ConcurrentHashMap<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(clients);
        boolean flash = mode.equals("flash");
        String skuPrefix = flash ? null : args[3];
        int skus = flash ? 1 : Integer.parseInt(args[4]);
        String flashSku = flash ? args[3] : null;
        long seconds = flash ? 600 : Long.parseLong(args[5]);

        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(seconds).toNanos();
        for (int c = 0; c < clients; c++) {
            int client = c;
            String url = urls[c % urls.length];
            latencies[c] = new long[1 << 16];
            Thread thread = new Thread(() -> {
                try {
                    int orders = 0;
                    while (!stop.get() && System.nanoTime() < deadline) {
                        String sku = flash ? flashSku
                                : skuPrefix + String.format("%05d", ThreadLocalRandom.current().nextInt(1, skus + 1));
                        String body = moves ? "{\"type\":\"SALE\",\"sku\":\"" + sku + "\",\"location\":\"BENCH\",\"quantity\":1}"
                                : "{\"orderId\":\"bench-" + client + "-" + orders++ + "\",\"lines\":[{\"line\":1,\"sku\":\""
                                + sku + "\",\"quantity\":1}]}";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .header("Authorization", "Bearer " + System.getenv("BENCH_TOKEN"))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long sent = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            failed.increment();
                            continue;
                        }
                        long took = System.nanoTime() - sent;
                        if (counts[client] < latencies[client].length) {
                            latencies[client][counts[client]++] = took;
                        }
                        if (status == 201) {
                            held.increment();
                        } else if (status == 409) {
                            refused.increment();
                            if (flash) {
                                stop.set(true); // sold out: the next hold would be refused too
                            }
                        } else {
                            otherStatuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        System.out.printf("requests=%d held=%d refused=%d failed=%d other=%s seconds=%.2f rate=%.1f p50_ms=%.2f p99_ms=%.2f%n",
                total, held.sum(), refused.sum(), failed.sum(), otherStatuses, elapsed, total / elapsed,
                percentile(all, 0.50), percentile(all, 0.99));
        System.exit(0);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }
}
