package io.stockline.inventory.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.StockState;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Plain movements, many in one statement and one commit: the database function {@code move_group} (V16) records each
 * on its own. On the reactive client directly, as one prepared statement (cached per connection), as
 * {@link ReservationGroupRepository} does: it is the hot path, and the function is the whole transaction.
 */
@ApplicationScoped
public class MovementGroupRepository {

    // The body goes as text: a Java String bound to a jsonb parameter would arrive as one JSON string, not the array
    private static final String MOVE_GROUP = "SELECT move_group(CAST(CAST($1 AS text) AS jsonb), $2)::text";
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

    private final Pool pool;
    private final ObjectMapper json;

    public MovementGroupRepository(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Records the movements in one transaction; the stock-changed events go to {@code topic}. */
    public Uni<List<Answer>> move(List<Request> requests, String topic) {
        String body;
        try {
            body = json.writeValueAsString(requests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write movements as JSON", e);
        }
        return pool.preparedQuery(MOVE_GROUP).execute(Tuple.of(body, topic)).map(rows -> {
            try {
                return json.readValue(rows.iterator().next().getString(0), ANSWERS);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot read move_group's answer", e);
            }
        });
    }
}
