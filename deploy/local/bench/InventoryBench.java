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
 * (i mod n)-th, so instances share the clients evenly. Prints one line of key=value, with where the machine's CPU
 * went while measuring (see CpuSnapshot: the load generator shares the machine's cores with what it measures).
 * WARMUP_SECONDS (env, default 0): first the same load, unmeasured, in this JVM, so its own JIT has compiled the
 * client before the measurement; a flash sale warms up on one-unit holds across WARMUP_SKUS SKUs named
 * WARMUP_SKU_PREFIX + a five-digit number, not on the sale's SKU.
 */
public class InventoryBench {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean moves = mode.equals("moves");
        boolean flash = mode.equals("flash");
        String path = moves ? "/api/v1/movements" : "/api/v1/reservations";
        String[] urls = Arrays.stream(args[1].split(",")).map(base -> base + path).toArray(String[]::new);
        int clients = Integer.parseInt(args[2]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(4)).build();
        long warmup = Long.parseLong(System.getenv().getOrDefault("WARMUP_SECONDS", "0"));
        if (warmup > 0) {
            if (flash) {
                String[] holds = Arrays.stream(args[1].split(",")).map(base -> base + "/api/v1/reservations")
                        .toArray(String[]::new);
                run(http, holds, clients, false, false, System.getenv("WARMUP_SKU_PREFIX"), null,
                        Integer.parseInt(System.getenv("WARMUP_SKUS")), warmup);
            } else {
                run(http, urls, clients, moves, false, args[3], null, Integer.parseInt(args[4]), warmup);
            }
        }
        CpuSnapshot before = CpuSnapshot.take();
        String result = flash ? run(http, urls, clients, false, true, null, args[3], 1, 600)
                : run(http, urls, clients, moves, false, args[3], null, Integer.parseInt(args[4]), Long.parseLong(args[5]));
        System.out.println(result + " " + CpuSnapshot.take().since(before));
        System.exit(0);
    }

    /**
     * Where the machine's CPU went while measuring, read from /proc (Linux): the service's processes (their pids in
     * SERVICE_PIDS, space-separated), PostgreSQL's (every process named postgres; a backend that ended meanwhile is
     * lost, the pool keeps its own), the broker's (a command line with kafka.Kafka), this JVM's, and the machine's
     * busy time; in CPU-ms. Of the service's, also its JIT compiler threads' (C1 and C2): a measurement they take a
     * large part in measured a JVM still warming up.
     */
    record CpuSnapshot(long machineBusy, long machineAll, long service, long serviceJit, java.util.Map<Long, Long> postgres,
            long broker, long generator) {
        static final long TICK_MS = 10; // USER_HZ is 100 on Linux

        static CpuSnapshot take() {
            long[] machine = machine();
            java.util.Map<Long, Long> postgres = new java.util.HashMap<>();
            long broker = 0;
            java.io.File[] processes = new java.io.File("/proc").listFiles(f -> f.getName().matches("\\d+"));
            for (java.io.File process : processes == null ? new java.io.File[0] : processes) {
                long pid = Long.parseLong(process.getName());
                String comm = read(process.toPath().resolve("comm")).trim();
                if (comm.equals("postgres")) {
                    postgres.put(pid, ticks(pid));
                } else if (comm.equals("java") && read(process.toPath().resolve("cmdline")).contains("kafka.Kafka")) {
                    broker += ticks(pid);
                }
            }
            long[] servicePids = Arrays.stream(System.getenv().getOrDefault("SERVICE_PIDS", "").trim().split("\\s+"))
                    .filter(pid -> !pid.isEmpty()).mapToLong(Long::parseLong).toArray();
            long service = Arrays.stream(servicePids).map(CpuSnapshot::ticks).sum();
            long serviceJit = Arrays.stream(servicePids).map(CpuSnapshot::compilerTicks).sum();
            return new CpuSnapshot(machine[0] * TICK_MS, machine[1] * TICK_MS, service * TICK_MS, serviceJit * TICK_MS,
                    postgres, broker * TICK_MS, ticks(ProcessHandle.current().pid()) * TICK_MS);
        }

        String since(CpuSnapshot before) {
            long postgresMs = postgres.entrySet().stream()
                    .mapToLong(e -> e.getValue() - before.postgres.getOrDefault(e.getKey(), 0L)).sum() * TICK_MS;
            long busy = machineBusy - before.machineBusy;
            return String.format("busy_pct=%d machine_cpu_ms=%d service_cpu_ms=%d service_jit_cpu_ms=%d postgres_cpu_ms=%d "
                            + "broker_cpu_ms=%d generator_cpu_ms=%d",
                    Math.round(100.0 * busy / Math.max(1, machineAll - before.machineAll)), busy, service - before.service,
                    serviceJit - before.serviceJit, postgresMs, broker - before.broker, generator - before.generator);
        }

        private static long[] machine() {
            String[] cpu = read(java.nio.file.Path.of("/proc/stat")).lines().filter(l -> l.startsWith("cpu "))
                    .findFirst().orElseThrow().trim().split("\\s+");
            long busy = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3])
                    + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
            return new long[] {busy, busy + Long.parseLong(cpu[4]) + Long.parseLong(cpu[5])};
        }

        /** utime + stime + cutime + cstime of a process; 0 if it is gone */
        private static long ticks(long pid) {
            String stat = read(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            if (stat.isEmpty()) {
                return 0;
            }
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command: state is field 3 of stat, so utime (14) is at index 11
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
        }

        /** utime + stime of the process's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre"); 0 if it is gone */
        private static long compilerTicks(long pid) {
            java.io.File[] threads = new java.io.File("/proc/" + pid + "/task").listFiles();
            long ticks = 0;
            for (java.io.File thread : threads == null ? new java.io.File[0] : threads) {
                String name = read(thread.toPath().resolve("comm")).strip();
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String stat = read(thread.toPath().resolve("stat"));
                    if (!stat.isEmpty()) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                }
            }
            return ticks;
        }

        private static String read(java.nio.file.Path file) {
            try {
                return java.nio.file.Files.readString(file);
            } catch (java.io.IOException | RuntimeException gone) {
                return "";
            }
        }
    }

    /** One closed-loop load of CLIENTS threads until the time is up (or, for a flash sale, the SKU sells out). */
    private static String run(HttpClient http, String[] urls, int clients, boolean moves, boolean flash, String skuPrefix,
            String flashSku, int skus, long seconds) throws InterruptedException {
        LongAdder held = new LongAdder();
        LongAdder refused = new LongAdder();
        LongAdder failed = new LongAdder();
        ConcurrentHashMap<Integer, LongAdder> otherStatuses = new ConcurrentHashMap<>();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(clients);
        long runId = System.nanoTime();

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
                                : "{\"orderId\":\"bench-" + runId + "-" + client + "-" + orders++ + "\",\"lines\":[{\"line\":1,\"sku\":\""
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
        return String.format("requests=%d held=%d refused=%d failed=%d other=%s seconds=%.2f rate=%.1f p50_ms=%.2f p99_ms=%.2f",
                total, held.sum(), refused.sum(), failed.sum(), otherStatuses, elapsed, total / elapsed,
                percentile(all, 0.50), percentile(all, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))] / 1e6;
    }
}
