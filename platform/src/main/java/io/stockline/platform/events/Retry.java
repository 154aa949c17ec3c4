package io.stockline.platform.events;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Applies a readable event, waiting out what is not the event's fault. Infrastructure faults (the database away, a
 * deadlock, a broker timeout; {@link Failures#isInfrastructure}) are retried with back-off until the event is
 * applied, never dead-lettered. A value the database cannot store (a data exception, {@link Failures#dataException})
 * is a {@link PoisonRecord} at once. Any other failure is tried {@link #ATTEMPTS} times in all and then becomes a
 * {@link PoisonRecord} naming it, so the consumer sends that one record to the dead-letter topic and its partition
 * moves on. A {@link PoisonRecord} is not retried.
 */
public final class Retry {

    /** How often a failure that is not the infrastructure's is tried before the record is given up as poison. */
    public static final int ATTEMPTS = 5;

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(10);

    private Retry() {
    }

    public static <T> Uni<T> untilApplied(String what, Supplier<Uni<T>> work) {
        return untilApplied(what, work, FIRST, MAX);
    }

    static <T> Uni<T> untilApplied(String what, Supplier<Uni<T>> work, Duration firstBackOff, Duration maxBackOff) {
        int[] failedBefore = { 0 };
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(failure -> !(failure instanceof PoisonRecord)).transform(failure -> {
                    if (Failures.isInfrastructure(failure)) {
                        Log.warnf("%s: %s; retrying", what, failure.toString());
                        return failure;
                    }
                    String unstorable = Failures.dataException(failure);
                    if (unstorable != null) {
                        // the same value is refused on every try: no point waiting for it
                        return new PoisonRecord("the database cannot store a value of it: " + unstorable, failure);
                    }
                    if (++failedBefore[0] < ATTEMPTS) {
                        Log.warnf("%s: %s (attempt %d of %d); retrying", what, failure.toString(), failedBefore[0], ATTEMPTS);
                        return failure;
                    }
                    Log.errorf(failure, "%s: failed %d times the same way; giving it up to the dead-letter topic", what, ATTEMPTS);
                    return new PoisonRecord("failed " + ATTEMPTS + " times: " + failure, failure);
                })
                .onFailure(failure -> !(failure instanceof PoisonRecord))
                .retry().withBackOff(firstBackOff, maxBackOff).indefinitely();
    }
}
