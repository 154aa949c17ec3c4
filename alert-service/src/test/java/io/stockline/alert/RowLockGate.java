package io.stockline.alert;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Transactions;

/**
 * A row lock a test holds in a transaction of its own, so that racers started meanwhile all get as far as their first
 * wait on a lock and queue there, in the order they came; released, they go on in that order. This turns an
 * interleaving that a free race hits only sometimes into one every run has.
 */
final class RowLockGate implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Transactions transactions;
    private final ExecutorService holder = Executors.newSingleThreadExecutor();
    private final CompletableFuture<Void> release = new CompletableFuture<>();
    private final Future<?> held;
    private final int holderPid;

    /** Locks the rows {@code lockSql} (a SELECT ... FOR UPDATE with one parameter, :key) selects until released. */
    RowLockGate(Transactions transactions, String lockSql, Object key) throws Exception {
        this.transactions = transactions;
        CompletableFuture<Integer> pid = new CompletableFuture<>();
        held = holder.submit(() -> run(() -> transactions.inTransaction(() -> NativeSql.of(lockSql).set("key", key)
                .rows()
                .chain(() -> NativeSql.of("SELECT pg_backend_pid()").first(row -> ((Number) row[0]).intValue()))
                .invoke(pid::complete)
                .onFailure().invoke(pid::completeExceptionally)
                .chain(() -> Uni.createFrom().completionStage(release)))));
        try {
            holderPid = pid.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception notHeld) {
            close();
            throw notHeld;
        }
    }

    /** Waits until {@code racers} sessions wait behind the gate (on it, or on one that waits on it). */
    void awaitWaiting(int racers) {
        await().atMost(TIMEOUT).until(() -> waiting() >= racers);
    }

    /** Commits the holding transaction: the racers go on. */
    void release() throws Exception {
        release.complete(null);
        held.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        release.complete(null);
        holder.shutdown();
    }

    private long waiting() {
        return run(() -> transactions.onConnection(() -> NativeSql.of("""
                WITH RECURSIVE behind(pid) AS (
                    SELECT a.pid FROM pg_stat_activity a WHERE CAST(:holder AS integer) = ANY(pg_blocking_pids(a.pid))
                    UNION
                    SELECT a.pid FROM pg_stat_activity a JOIN behind b ON b.pid = ANY(pg_blocking_pids(a.pid)))
                SELECT count(*) FROM behind""")
                .set("holder", holderPid)
                .first(row -> ((Number) row[0]).longValue())));
    }

    /** Runs {@code work} on a duplicated context of its own and waits for it, as a racer of the test does. */
    static <T> T run(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
