import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load for inventory-service's scan API, run with the JDK's source launcher (no build):
 *   java ScanBench.java seed PRODUCTS                 prints "sku,barcode" rows for PRODUCTS items (GTIN-13s)
 *   java ScanBench.java batch URL PRODUCTS READS RUNS posts one batch of READS reads RUNS times, one after another
 *   java ScanBench.java lookup URL PRODUCTS READS CLIENTS  the baseline: the batch's reads as one barcode lookup each
 * The batch: 70 % handheld barcode reads (one in four read twice within 100 ms), 30 % RFID reads (SGTIN-96 tags of
 * the same products, each tag read three times). Tokens come from BENCH_TOKEN. Prints one line of key=value; batch
 * exits non-zero when an answer's counted units or lines differ from what the batch holds.
 */
public class ScanBench {

    static String gtin(int product) {
        String body = "20" + String.format("%010d", product);
        return body + checkDigit(body);
    }

    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = digits.length() - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digits.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** SGTIN-96 of a product's GTIN ("0" + "20" + 10 digits): partition 5, company prefix = its first 7 digits. */
    static String tag(int product, long serial) {
        String gtin14 = "0" + gtin(product);
        long prefix = Long.parseLong(gtin14.substring(1, 8));
        long itemReference = Long.parseLong(gtin14.charAt(0) + gtin14.substring(8, 13));
        BigInteger bits = BigInteger.valueOf(0x30).shiftLeft(88).or(BigInteger.valueOf(1).shiftLeft(85))
                .or(BigInteger.valueOf(5).shiftLeft(82)).or(BigInteger.valueOf(prefix).shiftLeft(58))
                .or(BigInteger.valueOf(itemReference).shiftLeft(38)).or(BigInteger.valueOf(serial));
        String hex = bits.toString(16).toUpperCase();
        return "0".repeat(24 - hex.length()) + hex;
    }

    record Batch(String json, List<String> codes, long units, int products) {
    }

    static Batch batch(int products, int reads) {
        Random random = new Random(42);
        Instant start = Instant.parse("2026-11-30T09:00:00Z");
        List<String> entries = new ArrayList<>(reads);
        List<String> codes = new ArrayList<>(reads);
        long units = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int barcodeReads = reads * 7 / 10;
        int unit = 0;
        while (entries.size() < barcodeReads) {
            int product = random.nextInt(products);
            seen.add(product);
            String code = gtin(product);
            Instant at = start.plusSeconds(2L * unit++);
            entries.add(read(code, at, "HH-" + (unit % 4)));
            codes.add(code);
            units++;
            if (unit % 4 == 0 && entries.size() < barcodeReads) {
                entries.add(read(code, at.plusMillis(100), "HH-" + (unit % 4)));
                codes.add(code);
            }
        }
        long serial = 1;
        while (entries.size() < reads) {
            int product = random.nextInt(products);
            seen.add(product);
            String code = tag(product, serial++);
            units++;
            for (int i = 0; i < 3 && entries.size() < reads; i++) {
                entries.add(read(code, start.plusMillis(5L * entries.size()), "GATE"));
                codes.add(code);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        StringBuilder json = new StringBuilder("{\"purpose\":\"RECEIPT\",\"location\":\"BENCH\",\"duplicateWindowMillis\":500,\"reads\":[");
        for (int i = 0; i < order.size(); i++) {
            json.append(i == 0 ? "" : ",").append(entries.get(order.get(i)));
        }
        return new Batch(json.append("]}").toString(), codes, units, seen.size());
    }

    static String read(String code, Instant at, String reader) {
        return "{\"code\":\"" + code + "\",\"at\":\"" + at + "\",\"reader\":\"" + reader + "\"}";
    }

    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        if (mode.equals("seed")) {
            int products = Integer.parseInt(args[1]);
            StringBuilder out = new StringBuilder();
            for (int p = 0; p < products; p++) {
                out.append("BENCH-").append(String.format("%05d", p)).append(',').append(gtin(p)).append('\n');
            }
            System.out.print(out);
            return;
        }
        String url = args[1];
        int products = Integer.parseInt(args[2]);
        int reads = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String token = "Bearer " + System.getenv("BENCH_TOKEN");
        Batch batch = batch(products, reads);
        if (mode.equals("batch")) {
            int runs = Integer.parseInt(args[4]);
            long[] millis = new long[runs];
            for (int run = 0; run < runs; run++) {
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/scans"))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .header("Authorization", token).POST(HttpRequest.BodyPublishers.ofString(batch.json())).build(),
                        HttpResponse.BodyHandlers.ofString());
                millis[run] = (System.nanoTime() - t0) / 1_000_000;
                String body = response.body();
                if (response.statusCode() != 200 || !body.contains("\"counted\":" + batch.units() + ",")
                        || !body.contains("\"unknown\":[]")) {
                    System.err.println("wrong answer (" + response.statusCode() + "), expected " + batch.units()
                            + " units: " + body.substring(0, Math.min(400, body.length())));
                    System.exit(1);
                }
            }
            long[] sorted = millis.clone();
            Arrays.sort(sorted);
            double total = Arrays.stream(millis).sum() / 1000.0;
            System.out.printf("reads=%d units=%d products=%d bytes=%d runs=%d p50_ms=%d max_ms=%d rate=%.0f%n", reads,
                    batch.units(), batch.products(), batch.json().length(), runs, percentile(sorted, 0.5),
                    sorted[sorted.length - 1], runs * reads / total);
            return;
        }
        int clients = Integer.parseInt(args[4]);
        AtomicInteger next = new AtomicInteger();
        LongAdder failed = new LongAdder();
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < batch.codes().size(); i = next.getAndIncrement()) {
                        String code = batch.codes().get(i);
                        // a tag is not a barcode: a handheld without batches looks its GTIN up (decoded on the device)
                        String lookup = code.length() == 24 ? decodeTagProduct(code) : code;
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url
                                + "/api/v1/items?barcode=" + URLEncoder.encode(lookup, StandardCharsets.UTF_8)))
                                .timeout(Duration.ofSeconds(30)).header("Authorization", token).GET().build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200 || !response.body().contains("BENCH-")) {
                            failed.increment();
                        }
                    }
                } catch (Exception e) {
                    failed.increment();
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("reads=%d clients=%d seconds=%.1f failed=%d rate=%.0f%n", batch.codes().size(), clients, seconds,
                failed.sum(), batch.codes().size() / seconds);
    }

    /** The GTIN-13 a bench tag carries (the bench only writes partition-5 tags of "20…" GTINs). */
    static String decodeTagProduct(String epc) {
        BigInteger bits = new BigInteger(epc, 16);
        long prefix = bits.shiftRight(58).longValue() & ((1L << 24) - 1);
        long itemReference = bits.shiftRight(38).longValue() & ((1L << 20) - 1);
        String item = String.format("%06d", itemReference);
        String body = String.format("%07d", prefix) + item.substring(1);
        return body + checkDigit(body);
    }
}
