package io.stockline.inventory.service;

import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.repository.MovementGroupRepository;
import io.stockline.inventory.service.MovementService.Posted;
import io.stockline.platform.outbox.OutboxTrace;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.sql.TransientConflicts;

/**
 * Where a movement posted over HTTP comes in. A plain one (one balance changed by a delta known from the request: no
 * transfer, no count, no lot) joins a group ({@link MovementGroups}): one round trip and one commit for many. What the
 * group's function does not handle itself it hands back untouched, and the general path ({@link MovementService#post})
 * decides, so every answer (a replay, a reused key, a shortage naming the state, a 404 for an unknown item) is the one
 * it always was.
 */
@ApplicationScoped
public class MovementIntake {

    /** Types whose change is the request's quantity times the type's delta (or a write-off's), at one location. */
    private static final Set<MovementType> PLAIN = EnumSet.of(MovementType.RECEIPT, MovementType.SALE,
            MovementType.RETURN, MovementType.RESTOCK, MovementType.DAMAGE, MovementType.LOSS, MovementType.ADJUSTMENT,
            MovementType.WRITE_OFF);

    private final MovementService general;
    private final MovementGroups groups;
    private final MovementGroupConfig config;
    private final ObjectMapper json;

    public MovementIntake(MovementService general, MovementGroups groups, MovementGroupConfig config,
            ObjectMapper json) {
        this.general = general;
        this.groups = groups;
        this.config = config;
        this.json = json;
    }

    /** Records the movement once per key; fails as {@link MovementService#post} fails. */
    public Uni<Posted> post(MovementRequest request, String idempotencyKey, String actor) {
        String requestHash = RequestFingerprint.of(json, request);
        if (!config.enabled() || !gatherable(request)) {
            return generalPath(request, requestHash, idempotencyKey, actor);
        }
        OutboxTrace trace = OutboxTrace.current();
        StockState delta = request.type() == MovementType.WRITE_OFF
                ? MovementType.writeOff(request.quantity(), request.state())
                : request.type().delta(request.quantity());
        String reasonCode = request.reasonCode() == null ? null : request.reasonCode().name();
        MovementGroupRepository.Request gathered = new MovementGroupRepository.Request(actor, idempotencyKey,
                requestHash, request.type().name(), request.sku(), request.location(), request.quantity(),
                request.reason(), request.reference(), reasonCode, delta, trace.traceparent(), trace.tracestate());
        return groups.submit(gathered).chain(answer -> switch (answer.outcome()) {
            case CREATED -> Uni.createFrom().item(new Posted(new Movement(answer.id(), request.type(), request.sku(),
                    request.location(), request.quantity(), request.reason(), request.reference(), actor,
                    idempotencyKey, requestHash, answer.version(), answer.createdAt(), request.reasonCode()), false));
            case FALLBACK -> generalPath(request, requestHash, idempotencyKey, actor);
        });
    }

    private Uni<Posted> generalPath(MovementRequest request, String requestHash, String idempotencyKey, String actor) {
        return TransientConflicts.retried("movement", () -> general.post(request, requestHash, idempotencyKey, actor));
    }

    /**
     * A request the general path would refuse before it looks at the item stays with it, so the refusal is its own;
     * so does anything with a lot or a destination.
     */
    private static boolean gatherable(MovementRequest request) {
        if (!PLAIN.contains(request.type()) || request.lot() != null || request.expiresOn() != null
                || request.toLocation() != null) {
            return false;
        }
        try {
            MovementService.requirePostable(request);
            return true;
        } catch (RuleViolation refused) {
            return false;
        }
    }
}
