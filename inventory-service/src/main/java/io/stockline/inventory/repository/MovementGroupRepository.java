package io.stockline.inventory.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockState;

/**
 * Plain movements, many in one statement and one commit: the database function {@code move_group} (V16) records each
 * on its own; called through {@link GroupFunction}.
 */
@ApplicationScoped
public class MovementGroupRepository {

    private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() {
    };

    /** One movement to record: the caller's key and the request's fingerprint, and the change to the balance. */
    public record Request(String owner, String key, String hash, String type, String sku, String location,
            long quantity, String reason, String reference, String reasonCode, StockState delta, String traceparent,
            String tracestate) {
    }

    public enum Outcome {
        /** Recorded: the ledger row {@code id}, the balance's new {@code version}. */
        CREATED,
        /** Not a plain movement, a key used before, or a change the guard refused: nothing done, the general path decides. */
        FALLBACK
    }

    /** The answer to one request, in the order the requests were given. */
    public record Answer(Outcome outcome, Long id, Long version, OffsetDateTime createdAt) {
    }

    private final GroupFunction function;

    public MovementGroupRepository(GroupFunction function) {
        this.function = function;
    }

    /** Records the movements in one transaction; the stock-changed events go to {@code topic}. */
    public Uni<List<Answer>> move(List<Request> requests, String topic) {
        return function.call("move_group", requests, topic, ANSWERS);
    }
}
