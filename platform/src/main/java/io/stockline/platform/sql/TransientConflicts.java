package io.stockline.platform.sql;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;

/**
 * PostgreSQL aborts one of two transactions that wait on each other in a circle (deadlock, SQLSTATE 40P01) or that
 * could not be serialized (40001). Nothing of the aborted one was written, so running it again from the start is
 * safe and almost always succeeds: {@link #retried} does so a few times with a small jittered back-off (so the two
 * do not meet again in step), then gives up with {@link Exhausted}, which the mapper answers 503 (try again), never
 * 500. The work must open its own transaction (a {@code @WithTransaction} service method), so each attempt is a new
 * transaction.
 */
public final class TransientConflicts {

    /** Deadlock detected and serialization failure. */
    static final Set<String> SQL_STATES = Set.of("40P01", "40001");

    static final int ATTEMPTS = 5;
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(10);
    private static final Duration MAX_BACK_OFF = Duration.ofMillis(200);

    /** A transaction that still failed on a deadlock or serialization failure after every attempt. */
    public static final class Exhausted extends RuntimeException {
        public Exhausted(String what, Throwable cause) {
            super(what + " collided with concurrent changes " + ATTEMPTS + " times in a row; try again", cause);
        }
    }

    private TransientConflicts() {
    }

    /**
     * Runs {@code transaction}, again from the start while it fails on a deadlock or a serialization failure. Each
     * attempt runs on a new duplicated Vert.x context of the caller's event loop, so it opens a transaction of its
     * own on a connection of its own: a transaction is unusable once a statement in it failed, and an attempt sharing
     * the caller's would fail. The pause between attempts is that context's timer, not
     * another thread.
     */
    public static <T> Uni<T> retried(String what, Supplier<Uni<T>> transaction) {
        return attempt(what, transaction, Vertx.currentContext(), 1);
    }

    private static <T> Uni<T> attempt(String what, Supplier<Uni<T>> transaction, Context caller, int attempt) {
        return onOwnContext(caller, transaction)
                .onFailure(TransientConflicts::isTransient).recoverWithUni(failure -> {
                    if (attempt >= ATTEMPTS) {
                        return Uni.createFrom().failure(new Exhausted(what, failure));
                    }
                    return pause(caller, backOff(attempt))
                            .chain(() -> attempt(what, transaction, caller, attempt + 1));
                });
    }

    /** The transaction, subscribed on a fresh duplicated context (no database scope in it yet); as is without one. */
    private static <T> Uni<T> onOwnContext(Context caller, Supplier<Uni<T>> transaction) {
        if (caller == null) {
            return Uni.createFrom().deferred(transaction::get);
        }
        return Uni.createFrom().emitter(emitter -> {
            io.opentelemetry.context.Context trace = io.opentelemetry.context.Context.current();
            Context own = VertxContext.createNewDuplicatedContext(caller);
            VertxContextSafetyToggle.setContextSafe(own, true);
            own.runOnContext(ignored -> {
                trace.makeCurrent(); // left open on purpose: the context ends with the attempt (the outbox keeps the trace)
                Uni.createFrom().deferred(transaction::get).subscribe().with(
                        item -> caller.runOnContext(back -> emitter.complete(item)),
                        failure -> caller.runOnContext(back -> emitter.fail(failure)));
            });
        });
    }

    /** 10, 20, 40, ... ms up to 200, each between half and all of it, so the two that met do not meet again. */
    static long backOff(int attempt) {
        long ceiling = Math.min(MAX_BACK_OFF.toMillis(), FIRST_BACK_OFF.toMillis() << (attempt - 1));
        return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }

    private static Uni<Void> pause(Context context, long millis) {
        if (context == null) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(millis)).replaceWithVoid();
        }
        return Uni.createFrom().emitter(emitter -> context.owner().setTimer(millis,
                timer -> context.runOnContext(ignored -> emitter.complete(null))));
    }

    /** Whether the failure, or one of its causes, is PostgreSQL's deadlock or serialization failure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && SQL_STATES.contains(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
