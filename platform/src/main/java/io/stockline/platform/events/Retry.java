package io.stockline.platform.events;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Infrastructure faults (the database away, a deadlock, a broker timeout) pass: a readable event is retried with
 * back-off until it is applied, never dead-lettered. A {@link PoisonRecord} is not retried.
 */
public final class Retry {

    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(10);

    private Retry() {
    }

    public static <T> Uni<T> untilApplied(String what, Supplier<Uni<T>> work) {
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(failure -> !(failure instanceof PoisonRecord))
                .invoke(failure -> Log.warnf("%s: %s; retrying", what, failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonRecord))
                .retry().withBackOff(FIRST, MAX).indefinitely();
    }
}
