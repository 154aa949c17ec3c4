package io.stockline.inventory.service;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.KeyLocks;

/**
 * Runs a change once per idempotency key, in the caller's transaction. The key is locked first, so a
 * concurrent retry waits and then sees the first result instead of racing it; the same key with another
 * request body is a conflict, never a silent replay of something else.
 */
@ApplicationScoped
public class Idempotency {

    public static final String FIELD = "Idempotency-Key";

    private final KeyLocks locks;

    public Idempotency(KeyLocks locks) {
        this.locks = locks;
    }

    /**
     * @param findFirst  the result stored under the key, or null the first time
     * @param hashOf     the request hash stored with a result
     * @param replay     what a repeat answers, from the stored result
     * @param firstTime  the change itself
     */
    public <R, T> Uni<T> once(KeyLocks.Scope scope, String key, String requestHash, Supplier<Uni<R>> findFirst,
            Function<R, String> hashOf, Function<R, T> replay, Supplier<Uni<T>> firstTime) {
        return locks.lock(scope, key).chain(() -> findFirst.get()).chain(first -> {
            if (first == null) {
                return firstTime.get();
            }
            if (!hashOf.apply(first).equals(requestHash)) {
                throw RuleViolation.conflict(FIELD, "this key was used for a different request").in(RuleViolation.In.HEADER);
            }
            return Uni.createFrom().item(replay.apply(first));
        });
    }
}
