package io.stockline.alert.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Evaluation;
import io.stockline.alert.domain.Lifecycle;
import io.stockline.alert.domain.ReorderPoint;
import io.stockline.alert.domain.Rule;
import io.stockline.alert.domain.RuleSet;
import io.stockline.alert.domain.StockChanged;
import io.stockline.alert.domain.SyncStatus;
import io.stockline.alert.repository.AlertRepository;
import io.stockline.alert.repository.AlertStateRepository.Subject;
import io.stockline.alert.repository.AlertStateRepository;
import io.stockline.alert.repository.ChannelStateRepository;
import io.stockline.alert.repository.ReorderPointRepository;
import io.stockline.alert.repository.RuleRepository;
import io.stockline.alert.repository.StockStateRepository;
import io.stockline.platform.events.EventLimits;
import io.stockline.platform.events.ProcessedEvents;
import io.stockline.platform.sql.AdvisoryLocks;

/**
 * Applies stock and sync figures to the alert state: one transaction per event or re-evaluation, which records
 * the event id, the figures, the state, the alert and everything it must reach (AlertPublication). Events of one
 * (SKU, location) are serialised by the lock on its stock_state row, of one channel by its channel_state row (then
 * its alert_state row, in that order on every path).
 */
@ApplicationScoped
public class AlertService {

    private final StockStateRepository stock;
    private final AlertStateRepository states;
    private final AlertRepository alerts;
    private final ChannelStateRepository channels;
    private final RuleRepository rules;
    private final ReorderPointRepository reorderPoints;
    private final ProcessedEvents processed;
    private final AlertPublication publication;
    private final AlertConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final AdvisoryLocks locks;
    private final long maxVersionJump;

    /** The (SKU, location) lock both a stock change and a reorder point take first (see {@link #subject}). */
    private static final int STOCK_SUBJECT = 301;

    public AlertService(StockStateRepository stock, AlertStateRepository states, AlertRepository alerts,
            ChannelStateRepository channels, RuleRepository rules, ReorderPointRepository reorderPoints,
            ProcessedEvents processed, AlertPublication publication, AlertConfig config, Clock clock,
            MeterRegistry metrics, AdvisoryLocks locks, EventLimits limits) {
        this.maxVersionJump = limits.maxVersionJump();
        this.metrics = metrics;
        this.locks = locks;
        this.stock = stock;
        this.states = states;
        this.alerts = alerts;
        this.channels = channels;
        this.rules = rules;
        this.reorderPoints = reorderPoints;
        this.processed = processed;
        this.publication = publication;
        this.config = config;
        this.clock = clock;
    }

    /** What applies where no rule does; AlertConfig sets the figures. */
    public Map<AlertKind, Rule> defaults() {
        Map<AlertKind, Rule> defaults = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            Long threshold = switch (kind) {
                case LOW_STOCK -> config.lowStockThreshold();
                case OVERSTOCK -> config.overstockMaximum().orElse(null);
                case NEAR_EXPIRY -> config.nearExpiryDays();
                case SYNC_FAILING -> config.syncLagLimit();
                case OUT_OF_STOCK, BACK_IN_STOCK, DEAD_LETTERS -> null;
            };
            defaults.put(kind, new Rule(null, kind, null, null, null, threshold, config.defaultCooldown(), true));
        }
        return defaults;
    }

    /**
     * The rules in force for a (SKU, location): the rules people set, and where none covers a kind, the default; for
     * LOW_STOCK the reorder point inventory computed for the SKU there replaces the configured default, so a rule set
     * by a person (for the SKU, its location or all) still wins over it.
     */
    public Uni<RuleSet> stockRules(String sku, String location) {
        return rules.forStock(sku, location).chain(found -> reorderPoints.find(sku, location).map(point -> {
            Map<AlertKind, Rule> defaults = defaults();
            if (point != null) {
                defaults.put(AlertKind.LOW_STOCK, new Rule(null, AlertKind.LOW_STOCK, sku, location, null, point,
                        config.defaultCooldown(), true));
            }
            return new RuleSet(found, defaults);
        }));
    }

    /**
     * Keeps the latest computed reorder point of a (SKU, location), once per event, and looks at the stock there
     * again at once, so an item already under its new point is low now rather than at its next change.
     */
    @WithTransaction
    public Uni<Void> onReorderPoint(ReorderPoint event) {
        return subject(event.sku(), event.location()).chain(() -> processed.markProcessed(event.eventId()))
                .chain(fresh -> fresh ? reorderPoints.saveIfNewer(event) : Uni.createFrom().item(false))
                .chain(newer -> {
                    if (!newer) {
                        Log.debugf("reorder-point %s for %s@%s: duplicate or stale, dropped", event.eventId(),
                                event.sku(), event.location());
                        return Uni.createFrom().voidItem();
                    }
                    Log.infof("reorder point of %s at %s is %d (computed %s)", event.sku(), event.location(),
                            event.reorderPoint(), event.computedAt());
                    return stock.lockAvailable(event.sku(), event.location())
                            .chain(available -> available == null ? Uni.createFrom().voidItem()
                                    : evaluateStock(event.sku(), event.location(), null, available));
                });
    }

    /** Applies the event once; a duplicate or stale one changes nothing. */
    /**
     * A stock change and a reorder point of one (SKU, location) each read what the other writes: at the same moment,
     * each could miss the other's uncommitted row (a new stock row is invisible to FOR UPDATE) and neither would see the
     * stock under the new point. Taken first by both, this lock makes the later one read what the earlier committed.
     */
    private Uni<Void> subject(String sku, String location) {
        return locks.lock(STOCK_SUBJECT, sku + '|' + location);
    }

    @WithTransaction
    public Uni<Void> onStockChanged(StockChanged event) {
        return subject(event.sku(), event.location()).chain(() -> processed.markProcessed(event.eventId()))
                .chain(fresh -> fresh ? stock.lockIfNewer(event, maxVersionJump) : Uni.createFrom().nullItem())
                .chain(previous -> {
                    if (previous == null) {
                        Log.debugf("stock-changed %s for %s@%s: duplicate or stale, dropped", event.eventId(),
                                event.sku(), event.location());
                        return Uni.createFrom().voidItem();
                    }
                    Uni<Void> lots = event.lots() == null ? Uni.createFrom().voidItem()
                            : stock.replaceLots(event.sku(), event.location(), event.lots());
                    return stock.update(event).chain(() -> lots)
                            .chain(() -> evaluateStock(event.sku(), event.location(), previous.previousAvailable(),
                                    event.available()));
                });
    }

    /** Looks again at a (SKU, location) without a new event: a cool-down has passed, or a date has. */
    @WithTransaction
    public Uni<Void> reevaluateStock(String sku, String location) {
        return stock.lockAvailable(sku, location)
                .chain(available -> available == null ? Uni.createFrom().voidItem()
                        : evaluateStock(sku, location, null, available));
    }

    private Uni<Void> evaluateStock(String sku, String location, Long previousAvailable, long available) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return stockRules(sku, location)
                .chain(ruleSet -> states.lockStock(sku, location)
                        .chain(rows -> stock.lots(sku, location).chain(lots -> {
                            Map<Evaluation.Key, Lifecycle.State> current = new HashMap<>();
                            rows.forEach((key, row) -> current.put(key, row.state()));
                            List<Evaluation.Step> steps = new java.util.ArrayList<>(Evaluation.stock(ruleSet, sku,
                                    location, previousAvailable, available, current, now));
                            steps.addAll(Evaluation.lots(ruleSet, sku, location, lots, current, today, now));
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (Evaluation.Step step : steps) {
                                AlertStateRepository.Row row = rows.getOrDefault(new Evaluation.Key(step.kind(),
                                        step.lot()), new AlertStateRepository.Row(Lifecycle.State.CLEAR, null));
                                Subject subject = new Subject(step.kind(), sku, location, step.lot(), "");
                                chain = chain.chain(() -> apply(subject, step, row, now));
                            }
                            return chain;
                        })));
    }

    /** Applies a sync status once; a repeated or older report changes nothing. */
    @WithTransaction
    public Uni<Void> onSyncStatus(UUID eventId, SyncStatus status) {
        return processed.markProcessed(eventId)
                .chain(fresh -> fresh ? channels.saveIfNewer(status) : Uni.createFrom().item(false))
                .chain(newer -> {
                    if (!newer) {
                        Log.debugf("sync-status %s of %s: duplicate or stale, dropped", eventId, status.channelId());
                        return Uni.createFrom().voidItem();
                    }
                    return evaluateChannel(status);
                });
    }

    /**
     * Looks again at a channel without a new report (its cool-down has passed). The status is read under its
     * channel_state lock, taken before the alert_state one as onSyncStatus takes them (saveIfNewer, then
     * lockChannel): read without it, a recovered report committing meanwhile would be missed and the sweep would
     * open SYNC_FAILING on the failure that report replaced; taken in the other order, the two could deadlock.
     */
    @WithTransaction
    public Uni<Void> reevaluateChannel(String channel) {
        return channels.lock(channel)
                .chain(status -> status == null ? Uni.createFrom().voidItem() : evaluateChannel(status));
    }

    private Uni<Void> evaluateChannel(SyncStatus status) {
        Instant now = clock.instant();
        return rules.forChannel(AlertKind.SYNC_FAILING, status.channelId()).map(found -> new RuleSet(found, defaults()))
                .chain(ruleSet -> states.lockChannel(status.channelId()).chain(row -> {
                    Evaluation.Step step = Evaluation.channel(ruleSet, status, row.state(), now);
                    Subject subject = new Subject(AlertKind.SYNC_FAILING, "", "", "", status.channelId());
                    return apply(subject, step, row, now);
                }));
    }

    private Uni<Void> apply(Subject subject, Evaluation.Step step, AlertStateRepository.Row row, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Instant cooldownUntil = row.state().cooldownUntil();
        Rule rule = step.rule();
        return switch (step.decision()) {
            case OPEN, NOTIFY -> {
                Alert.Status status = step.decision() == Lifecycle.Decision.NOTIFY ? Alert.Status.NOTICE
                        : Alert.Status.OPEN;
                Alert alert = new Alert(UUID.randomUUID(), step.kind(), status, orNull(subject.sku()),
                        orNull(subject.location()), orNull(subject.lot()), orNull(subject.channel()), step.observed(),
                        rule.threshold(), step.detail(), rule.id(), at, null, null, null);
                Log.infof("alert %s %s for %s", alert.kind(), status, alert.describe());
                metrics.counter("stockline.alerts", "kind", alert.kind().name(), "event", status.name()).increment();
                yield alerts.insert(alert)
                        .chain(() -> status == Alert.Status.NOTICE
                                ? states.save(subject, null, false, now.plus(rule.cooldown()))
                                : states.save(subject, alert.id(), false, cooldownUntil))
                        .chain(() -> publication.publish(alert));
            }
            case RESOLVE -> alerts.resolve(row.openAlertId(), at)
                    .chain(resolved -> {
                        Uni<Void> save = states.save(subject, null, false, now.plus(rule.cooldown()));
                        if (resolved == null) {
                            return save;
                        }
                        Log.infof("alert %s resolved: %s", resolved.kind(), resolved.describe());
                        metrics.counter("stockline.alerts", "kind", resolved.kind().name(), "event", "RESOLVED")
                                .increment();
                        return save.chain(() -> publication.publish(resolved));
                    });
            case HOLD -> states.save(subject, null, true, cooldownUntil);
            case RELEASE -> states.save(subject, null, false, cooldownUntil);
            case NONE -> Uni.createFrom().voidItem();
        };
    }

    private static String orNull(String part) {
        return part == null || part.isEmpty() ? null : part;
    }

    /** Subjects held pending whose cool-down has passed. */
    @WithTransaction
    public Uni<List<Subject>> pendingDue(int limit) {
        return states.pendingDue(clock.instant().atOffset(ZoneOffset.UTC), limit);
    }

    @WithTransaction
    public Uni<List<StockStateRepository.StockSubject>> withDatedLots() {
        return stock.withDatedLots();
    }
}
