package io.stockline.inventory.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Reservation;
import io.stockline.inventory.domain.StockShortage;
import io.stockline.inventory.repository.ReservationGroupRepository;
import io.stockline.inventory.repository.ReservationGroupRepository.Answer;
import io.stockline.inventory.service.ReservationService.Outcome;
import io.stockline.platform.outbox.OutboxTrace;
import io.stockline.platform.sql.TransientConflicts;

/**
 * Where every reservation request comes in. A plain one (stocked items, no bundle, no dropship) joins a group
 * ({@link ReservationGroups}): one round trip and one commit for many. What the group's function does not handle
 * itself it hands back untouched, and the general path ({@link ReservationService#reserve}) decides, so every answer
 * (a replay, a reused key, a shortage naming its field, a 404 for an unknown item) is the one it always was.
 */
@ApplicationScoped
public class ReservationIntake {

    private final ReservationService general;
    private final ReservationGroups groups;
    private final ReservationGroupConfig config;
    private final ObjectMapper json;

    public ReservationIntake(ReservationService general, ReservationGroups groups, ReservationGroupConfig config,
            ObjectMapper json) {
        this.general = general;
        this.groups = groups;
        this.config = config;
        this.json = json;
    }

    /** Holds every line or none; fails as {@link ReservationService#reserve} fails. */
    public Uni<Outcome> reserve(ReservationRequest request, String idempotencyKey, String actor) {
        if (!config.enabled() || !gatherable(request)) {
            return generalPath(request, RequestFingerprint.of(json, request), idempotencyKey, actor);
        }
        UUID id = UUID.randomUUID();
        String requestHash = RequestFingerprint.of(json, request);
        OutboxTrace trace = OutboxTrace.current();
        ReservationGroupRepository.Request gathered = new ReservationGroupRepository.Request(actor, idempotencyKey,
                requestHash, id, request.orderId(), request.expiresAt(), trace.traceparent(), trace.tracestate(),
                linesInLockOrder(request));
        return groups.submit(gathered).chain(answer -> switch (answer.outcome()) {
            case CREATED -> Uni.createFrom().item(new Outcome(new Reservation(id, request.orderId(),
                    Reservation.Status.ACTIVE, requestHash, request.expiresAt(), inLineOrder(answer.lines()), actor),
                    false));
            case REPLAY -> Uni.createFrom().item(new Outcome(new Reservation(answer.id(), answer.orderId(),
                    Reservation.Status.valueOf(answer.status()), requestHash, answer.expiresAt(), answer.lines(),
                    actor), true));
            case CONFLICT -> Uni.createFrom().failure(Idempotency.keyReused());
            case SHORTAGE -> Uni.createFrom().failure(StockShortage.of(answer.field(), answer.detail()));
            case FALLBACK -> generalPath(request, requestHash, idempotencyKey, actor);
        });
    }

    /** One reservation of a batch, with the key its caller gave it. */
    public record Keyed(String idempotencyKey, ReservationRequest request) {
    }

    /** What became of one reservation of a batch: its outcome, or the failure {@link #reserve} would have failed with. */
    public record Attempt(Outcome outcome, Throwable failure) {
    }

    /**
     * Each reservation all-or-nothing on its own, answered in the order given. They join the groups in that order, so
     * an earlier one is served first; what one of them fails with does not touch the others.
     */
    public Uni<List<Attempt>> reserveEach(List<Keyed> requests, String actor) {
        if (requests.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Attempt>> attempts = requests.stream()
                .map(keyed -> reserve(keyed.request(), keyed.idempotencyKey(), actor)
                        .onItemOrFailure().transform((outcome, failure) -> new Attempt(outcome, failure)))
                .toList();
        return Uni.join().all(attempts).andFailFast();
    }

    private Uni<Outcome> generalPath(ReservationRequest request, String requestHash, String idempotencyKey,
            String actor) {
        return TransientConflicts.retried("reservation",
                () -> general.reserve(request, requestHash, idempotencyKey, actor));
    }

    /**
     * What the general path refuses before it looks at stock (repeated line numbers, an expiry already past) stays
     * with it, so the refusal is its own; so does a line with no SKU or quantity, which validation lets through only
     * when called from code.
     */
    private static boolean gatherable(ReservationRequest request) {
        if (request.expiresAt() != null && !request.expiresAt().isAfter(OffsetDateTime.now())) {
            return false;
        }
        Set<Integer> lineNumbers = new HashSet<>();
        for (ReservationRequest.Line line : request.lines()) {
            if (line == null || line.line() == null || line.sku() == null || line.quantity() == null
                    || !lineNumbers.add(line.line())) {
                return false;
            }
        }
        return true;
    }

    /** (SKU, location), as every change takes stock rows; a line whose location is chosen sorts after those named. */
    private static List<ReservationGroupRepository.Line> linesInLockOrder(ReservationRequest request) {
        List<ReservationGroupRepository.Line> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            ReservationRequest.Line line = request.lines().get(i);
            lines.add(new ReservationGroupRepository.Line(line.line(), line.sku(), line.location(), line.quantity(),
                    "lines[" + i + "].quantity"));
        }
        lines.sort(Comparator.comparing(ReservationGroupRepository.Line::sku)
                .thenComparing(ReservationGroupRepository.Line::location, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt(ReservationGroupRepository.Line::line));
        return lines;
    }

    private static List<Reservation.Line> inLineOrder(List<Reservation.Line> held) {
        List<Reservation.Line> sorted = new ArrayList<>(held);
        sorted.sort(Comparator.comparingInt(Reservation.Line::line).thenComparing(Reservation.Line::sku));
        return List.copyOf(sorted);
    }
}
