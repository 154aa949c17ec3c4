package io.stockline.inventory.counting.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.CountIntervals;
import io.stockline.inventory.counting.domain.CountTaskStatus;
import io.stockline.inventory.counting.domain.CountTaskView;
import io.stockline.inventory.counting.domain.Tolerance;
import io.stockline.inventory.counting.repository.CountTask;
import io.stockline.inventory.counting.repository.CountTaskRepository;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.service.StockLedger;
import io.stockline.platform.problem.RuleViolation;

/**
 * Count tasks: proposed by the schedule, started and counted blind by a counter, recounted when the first count is
 * too far off, approved (the correction posted) or rejected by an admin.
 *
 * <p>The count keeps the ledger position at submission: the moment the counter reports what is on the shelf, so the
 * closest the service knows to when the units were seen (a task may be started long before its shelf is reached,
 * and a sale between start and the count would otherwise be subtracted twice). On approval the correction is
 * {@code counted - expected} (expected = on hand at that position), added to today's on hand: whatever moved after
 * the position (sales, receipts, committed reservations) stays moved, instead of being overwritten by the count.
 */
@ApplicationScoped
public class CountTaskService {

    /** What a proposal at one location did. */
    public record Proposed(String location, LocalDate today, List<CountTaskView> tasks, int skusNotDue) {
    }

    private final CountTaskRepository tasks;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final StockLedger ledger;
    private final CountingConfig config;

    public CountTaskService(CountTaskRepository tasks, ItemRepository items, LocationRepository locations,
            StockLedger ledger, CountingConfig config) {
        this.tasks = tasks;
        this.items = items;
        this.locations = locations;
        this.ledger = ledger;
        this.config = config;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /**
     * Proposes a task for every SKU held at the location that is due (one interval of its class after its last count
     * there, or never counted) within the horizon, unless one is unfinished already.
     */
    @WithTransaction
    public Uni<Proposed> propose(String location) {
        LocalDate today = today();
        CountIntervals intervals = config.schedule().intervals();
        int horizon = config.schedule().horizonDays();
        return locations.findById(location)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("location", "no location " + location)
                        .in(RuleViolation.In.QUERY))
                .chain(() -> tasks.candidates(location))
                .chain(candidates -> {
                    List<String> created = new ArrayList<>();
                    int notDue = 0;
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (CountTaskRepository.Candidate candidate : candidates) {
                        LocalDate dueOn = intervals.dueOn(candidate.abcClass(), candidate.lastCounted(), today);
                        if (!intervals.proposeNow(dueOn, today, horizon)) {
                            notDue++;
                            continue;
                        }
                        chain = chain.chain(() -> tasks.nextId().chain(id -> tasks
                                .proposeOnce(id, candidate.sku(), location, candidate.abcClass(), dueOn)
                                .invoke(inserted -> {
                                    if (inserted) {
                                        created.add(id);
                                    }
                                }))).replaceWithVoid();
                    }
                    int skusNotDue = notDue;
                    return chain.chain(() -> viewsOf(created)).map(views -> {
                        Log.infof("proposed %d count tasks at %s", views.size(), location);
                        return new Proposed(location, today, views, skusNotDue);
                    });
                });
    }

    @WithConnection
    public Uni<List<CountTaskView>> list(String location, CountTaskStatus status, int limit) {
        return tasks.list(location, status, limit).chain(this::views);
    }

    @WithConnection
    public Uni<CountTaskView> get(String id) {
        return tasks.findById(id)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no count task " + id))
                .chain(this::view);
    }

    /** A counter starts the task (or takes it over, or starts the recount). */
    @WithTransaction
    public Uni<CountTaskView> start(String id, String actor) {
        return locked(id).chain(task -> {
            if (!task.status.canStart()) {
                throw wrongStatus(task, "start");
            }
            task.status = CountTaskStatus.IN_PROGRESS;
            task.startedBy = actor;
            task.startedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return tasks.update(task).chain(() -> view(task));
        });
    }

    /**
     * The counter reports what is on the shelf. The ledger position and the on hand there are recorded with it; a
     * first count outside the class's tolerance asks for a recount, anything else waits for approval.
     */
    @WithTransaction
    public Uni<CountTaskView> submit(String id, long counted, String actor) {
        return locked(id).chain(task -> {
            if (!task.status.canSubmit()) {
                throw wrongStatus(task, "count");
            }
            return tasks.position(task.sku, task.location).chain(position -> items.findById(task.sku).chain(item -> {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                Tolerance tolerance = config.recount().tolerance(task.abcClass);
                boolean firstCount = task.firstCounted == null;
                if (firstCount && !tolerance.within(counted, position.onHand())) {
                    task.status = CountTaskStatus.RECOUNT_REQUESTED;
                    task.firstCounted = counted;
                    task.firstExpected = position.onHand();
                    task.firstCountedBy = actor;
                    task.firstCountedAt = now;
                    Log.infof("count task %s: %s counted %d of %s at %s, the system holds %d: recount requested",
                            task.id, actor, counted, task.sku, task.location, position.onHand());
                } else {
                    task.status = CountTaskStatus.AWAITING_APPROVAL;
                    task.counted = counted;
                    task.countedBy = actor;
                    task.countedAt = now;
                    task.ledgerPosition = position.movementId();
                    task.expected = position.onHand();
                    task.unitCost = item.unitCost;
                }
                return tasks.update(task).chain(() -> view(task));
            }));
        });
    }

    /**
     * Posts the correction {@code counted - expected} as a COUNT_CORRECTION on today's on hand (one guarded update,
     * the ledger row and the stock-changed event, in this transaction), or nothing when the count agreed.
     */
    @WithTransaction
    public Uni<CountTaskView> approve(String id, String actor) {
        return locked(id).chain(task -> {
            if (!task.status.canApprove()) {
                throw wrongStatus(task, "approve");
            }
            long correction = task.counted - task.expected;
            Uni<Long> posted = correction == 0 ? Uni.createFrom().<Long>nullItem()
                    : items.findById(task.sku).chain(item -> {
                        StockLedger.Entry entry = new StockLedger.Entry(MovementType.COUNT_CORRECTION, task.sku,
                                task.location, task.counted, MovementType.COUNT_CORRECTION.delta(correction),
                                "cycle count " + task.id, task.id, actor, null, null, null, null, !item.lotTracked,
                                AdjustmentReason.COUNT_ERROR);
                        return ledger.record(entry, item.backorderAllowed, "counted").map(r -> r.movement().id());
                    });
            return posted.chain(movementId -> {
                task.status = CountTaskStatus.APPROVED;
                task.correction = correction;
                task.correctionMovementId = movementId;
                task.decidedBy = actor;
                task.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
                Log.infof("count task %s approved by %s: %s at %s corrected by %d", task.id, actor, task.sku,
                        task.location, correction);
                return tasks.update(task).chain(() -> view(task));
            });
        });
    }

    /** Rejects the count (a recount pending or a count awaiting approval): stock stays as it is. */
    @WithTransaction
    public Uni<CountTaskView> reject(String id, String note, String actor) {
        return locked(id).chain(task -> {
            if (!task.status.canReject()) {
                throw wrongStatus(task, "reject");
            }
            task.status = CountTaskStatus.REJECTED;
            task.decidedBy = actor;
            task.decidedAt = OffsetDateTime.now(ZoneOffset.UTC);
            task.note = note;
            return tasks.update(task).chain(() -> view(task));
        });
    }

    private Uni<CountTask> locked(String id) {
        return tasks.lock(id).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no count task " + id));
    }

    private static RuleViolation wrongStatus(CountTask task, String step) {
        return RuleViolation.conflict("status", "cannot %s %s: it is %s".formatted(step, task.id, task.status))
                .in(RuleViolation.In.PATH);
    }

    private Uni<List<CountTaskView>> viewsOf(List<String> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : tasks.withIds(ids).chain(this::views);
    }

    private Uni<List<CountTaskView>> views(List<CountTask> found) {
        return tasks.onHand(found).map(onHand -> found.stream()
                .map(task -> view(task, onHand.getOrDefault(CountTaskRepository.key(task.sku, task.location), 0L)))
                .toList());
    }

    private Uni<CountTaskView> view(CountTask task) {
        return views(List.of(task)).map(views -> views.get(0));
    }

    static CountTaskView view(CountTask t, long onHand) {
        return new CountTaskView(t.id, t.sku, t.location, t.abcClass, t.dueOn, t.status, t.createdAt,
                t.startedBy == null ? null : new CountTaskView.Started(t.startedBy, t.startedAt),
                t.counted == null ? null
                        : new CountTaskView.Count(t.counted, t.countedBy, t.countedAt, t.ledgerPosition, t.expected),
                t.firstCounted == null ? null
                        : new CountTaskView.Count(t.firstCounted, t.firstCountedBy, t.firstCountedAt, null, t.firstExpected),
                t.decidedBy == null ? null
                        : new CountTaskView.Decision(t.decidedBy, t.decidedAt, t.correction, t.correctionMovementId, t.note),
                onHand);
    }
}
