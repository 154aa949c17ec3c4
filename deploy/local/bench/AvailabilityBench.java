import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop load for inventory-service's availability answer, run with the JDK's source launcher (no build):
 *   java AvailabilityBench.java URL PRODUCTS RATE SECONDS availability|item
 * sends RATE requests per second for SECONDS seconds on a fixed schedule, whether or not earlier answers came back
 * (so a slow answer delays no later request and the latencies are not flattered): GET /api/v1/availability/{sku}
 * ?quantity=1..20 of a random bench SKU, or the baseline GET /api/v1/items/{sku}. A latency runs from the request's
 * scheduled time to its answer. Tokens come from BENCH_TOKEN. Prints one line of key=value.
 */
public class AvailabilityBench {

    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int products = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        boolean availability = args[4].equals("availability");
        String token = "Bearer " + System.getenv("BENCH_TOKEN");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(7);
        int total = rate * seconds;
        long[] micros = new long[total];
        LongAdder failed = new LongAdder();
        CompletableFuture<?>[] calls = new CompletableFuture<?>[total];
        long intervalNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = t0 + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String sku = String.format("BENCH-%05d", random.nextInt(products));
            String path = availability ? "/api/v1/availability/" + sku + "?quantity=" + (1 + random.nextInt(20))
                    : "/api/v1/items/" + sku;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", token).GET().build();
            int n = i;
            calls[i] = http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                micros[n] = (System.nanoTime() - due) / 1_000;
                if (error != null || response.statusCode() != 200 || !response.body().contains(sku)) {
                    failed.increment();
                }
                return null;
            });
        }
        CompletableFuture.allOf(calls).join();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf("requests=%d rate=%.0f failed=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", total,
                total / elapsed, failed.sum(), percentile(sorted, 0.5) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                sorted[sorted.length - 1] / 1000.0);
    }
}
