package io.stockline.alert.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.DeadLetter;
import io.stockline.alert.domain.Rule;
import io.stockline.alert.domain.RuleSet;
import io.stockline.alert.repository.AlertRepository;
import io.stockline.alert.repository.AlertStateRepository;
import io.stockline.alert.repository.AlertStateRepository.Subject;
import io.stockline.alert.repository.DeadLetterRepository;
import io.stockline.alert.repository.RuleRepository;
import io.stockline.platform.events.ProcessedEvents;

/**
 * DEAD_LETTERS: a dead-letter topic receiving records opens one alert for the topic (unless a disabled rule for it or
 * for all switches the kind off); further records update its count and latest reason; the sweep resolves it once the
 * topic has been quiet for {@code dead-letter-quiet-period}. One transaction per record: the record's id, the count,
 * the state, the alert and what it must reach (AlertPublication). Records of one topic are serialised by the lock on
 * its dead_letter_topic row, taken first (see {@link #onDeadLetter}); the sweep's resolve takes only the alert_state
 * row, so the two never wait on each other in a circle.
 */
@ApplicationScoped
public class DeadLetterService {

    private static final int QUIET_BATCH = 200;

    private final DeadLetterRepository deadLetters;
    private final AlertStateRepository states;
    private final AlertRepository alerts;
    private final RuleRepository rules;
    private final ProcessedEvents processed;
    private final AlertPublication publication;
    private final AlertService alertService;
    private final AlertConfig config;
    private final Clock clock;
    private final MeterRegistry metrics;

    public DeadLetterService(DeadLetterRepository deadLetters, AlertStateRepository states, AlertRepository alerts,
            RuleRepository rules, ProcessedEvents processed, AlertPublication publication, AlertService alertService,
            AlertConfig config, Clock clock, MeterRegistry metrics) {
        this.deadLetters = deadLetters;
        this.states = states;
        this.alerts = alerts;
        this.rules = rules;
        this.processed = processed;
        this.publication = publication;
        this.alertService = alertService;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Applies one dead-letter record once (its id: topic, partition and offset); a redelivery changes nothing. */
    @WithTransaction
    public Uni<Void> onDeadLetter(UUID recordId, DeadLetter letter) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        Subject subject = subject(letter.topic());
        return processed.markProcessed(recordId).chain(fresh -> {
            if (!fresh) {
                Log.debugf("dead letter %s of %s: duplicate, dropped", recordId, letter.topic());
                return Uni.createFrom().voidItem();
            }
            // The count's upsert comes before the state is read: on a topic's first record there is no alert_state
            // row for FOR UPDATE to lock, so two instances (two partitions of one topic) would both find no open
            // alert and both open one, the state keeping only the second. The dead_letter_topic row is locked even
            // then (a concurrent insert of the same topic waits for this one to end), so the second reads the state
            // the first committed.
            return deadLetters.record(letter, now)
                    .chain(count -> states.lockChannel(AlertKind.DEAD_LETTERS, letter.topic())
                            .chain(row -> rule(letter.topic()).chain(rule -> {
                                String detail = letter.detail(count);
                                if (row.openAlertId() != null) {
                                    return alerts.updateOpen(row.openAlertId(), count, detail);
                                }
                                if (!rule.enabled()) {
                                    return Uni.createFrom().voidItem();
                                }
                                Alert alert = new Alert(UUID.randomUUID(), AlertKind.DEAD_LETTERS, Alert.Status.OPEN,
                                        null, null, null, letter.topic(), count, null, detail, rule.id(), now, null,
                                        null, null);
                                Log.infof("alert %s OPEN for %s", alert.kind(), alert.describe());
                                metrics.counter("stockline.alerts", "kind", alert.kind().name(), "event", "OPEN")
                                        .increment();
                                return alerts.insert(alert)
                                        .chain(() -> states.save(subject, alert.id(), false, null))
                                        .chain(() -> publication.publish(alert));
                            })));
        });
    }

    /** Topics with an open DEAD_LETTERS alert and no record for the quiet period. */
    @WithTransaction
    public Uni<List<String>> quietTopics() {
        OffsetDateTime since = clock.instant().minus(config.deadLetterQuietPeriod()).atOffset(ZoneOffset.UTC);
        return deadLetters.quietWithOpenAlert(since, QUIET_BATCH);
    }

    /** Resolves the topic's alert if it is still open and the topic still quiet (a record may have come meanwhile). */
    @WithTransaction
    public Uni<Void> resolveIfQuiet(String topic) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        return states.lockChannel(AlertKind.DEAD_LETTERS, topic)
                .chain(row -> deadLetters.lastAt(topic).chain(lastAt -> {
                    if (row.openAlertId() == null || lastAt == null
                            || lastAt.isAfter(now.minus(config.deadLetterQuietPeriod()))) {
                        return Uni.createFrom().voidItem();
                    }
                    return alerts.resolve(row.openAlertId(), now).chain(resolved -> {
                        Uni<Void> save = states.save(subject(topic), null, false, null);
                        if (resolved == null) {
                            return save;
                        }
                        Log.infof("alert %s resolved: %s", resolved.kind(), resolved.describe());
                        metrics.counter("stockline.alerts", "kind", resolved.kind().name(), "event", "RESOLVED")
                                .increment();
                        return save.chain(() -> publication.publish(resolved));
                    });
                }));
    }

    private Uni<Rule> rule(String topic) {
        return rules.forChannel(AlertKind.DEAD_LETTERS, topic)
                .map(found -> new RuleSet(found, alertService.defaults()).select(AlertKind.DEAD_LETTERS, null, null, topic));
    }

    private static Subject subject(String topic) {
        return new Subject(AlertKind.DEAD_LETTERS, "", "", "", topic);
    }
}
