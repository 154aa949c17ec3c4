package io.stockline.inventory.service;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.KeyLocks;

/**
 * Runs a change once per idempotency key and caller, in the caller's transaction. Keys belong to the caller that
 * sends them (the subject of its token): two callers using the same key never meet, so none can claim a key another
 * will use. The key is locked first, so a concurrent retry waits and then sees the first result instead of racing
 * it; the same key with another request body is refused (422), never a silent replay of something else.
 */
@ApplicationScoped
public class Idempotency {

    public static final String FIELD = "Idempotency-Key";

    private final KeyLocks locks;

    public Idempotency(KeyLocks locks) {
        this.locks = locks;
    }

    /**
     * @param owner      the caller the key belongs to (the subject of its token)
     * @param findFirst  the result the owner stored under the key, or null the first time
     * @param hashOf     the request hash stored with a result
     * @param replay     what a repeat answers, from the stored result
     * @param firstTime  the change itself
     */
    public <R, T> Uni<T> once(KeyLocks.Scope scope, String owner, String key, String requestHash, Supplier<Uni<R>> findFirst,
            Function<R, String> hashOf, Function<R, T> replay, Supplier<Uni<T>> firstTime) {
        return locks.lock(scope, owner, key).chain(() -> findFirst.get()).chain(first -> {
            if (first == null) {
                return firstTime.get();
            }
            if (!hashOf.apply(first).equals(requestHash)) {
                throw keyReused();
            }
            return Uni.createFrom().item(replay.apply(first));
        });
    }

    /** The refusal of a key sent again with another request body (422 naming the header). */
    public static RuleViolation keyReused() {
        return RuleViolation.unprocessable(FIELD, "this key was already used for a different request body;"
                + " send a new key for a new change").in(RuleViolation.In.HEADER);
    }
}
