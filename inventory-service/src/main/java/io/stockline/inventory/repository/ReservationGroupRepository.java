package io.stockline.inventory.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Reservation;

/**
 * Plain reservations, many in one statement and one commit: the database function {@code reserve_group} (V15) holds
 * each all-or-nothing in a savepoint of its own; called through {@link GroupFunction}.
 */
@ApplicationScoped
public class ReservationGroupRepository {

    private static final TypeReference<List<Answer>> ANSWERS = new TypeReference<>() {
    };

    /** One line, in the order the stock rows are taken; {@code field} is the request field a shortage blames. */
    public record Line(int line, String sku, String location, long quantity, String field) {
    }

    /** One reservation to make: the caller's key and the request's fingerprint decide replays and conflicts. */
    public record Request(String owner, String key, String hash, UUID id, String orderId, OffsetDateTime expiresAt,
            String traceparent, String tracestate, List<Line> lines) {
    }

    public enum Outcome {
        /** Every line held ({@code lines}, with the locations chosen). */
        CREATED,
        /** The key was used before with the same body: the reservation made then. */
        REPLAY,
        /** The key was used before with another body: nothing done. */
        CONFLICT,
        /** A line ({@code field}) could not be held: nothing done. */
        SHORTAGE,
        /** Not a plain reservation (a bundle, dropship, an unknown item...): nothing done, the general path decides. */
        FALLBACK
    }

    /** The answer to one request, in the order the requests were given. */
    public record Answer(Outcome outcome, String field, String detail, UUID id, String orderId, String status,
            OffsetDateTime expiresAt, List<Reservation.Line> lines) {
    }

    private final GroupFunction function;

    public ReservationGroupRepository(GroupFunction function) {
        this.function = function;
    }

    /** Makes the reservations in one transaction, each all-or-nothing; the stock-changed events go to {@code topic}. */
    public Uni<List<Answer>> reserve(List<Request> requests, String topic) {
        return function.call("reserve_group", requests, topic, ANSWERS);
    }
}
