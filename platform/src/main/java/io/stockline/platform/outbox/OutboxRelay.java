package io.stockline.platform.outbox;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Publishes the outbox to Kafka as CloudEvents (binary mode), at least once and in order: one relay at a time
 * across instances (a transaction-scoped advisory lock), rows in id order, deleted only after the broker
 * acknowledged them, in the same transaction. A crash before the delete publishes the batch again with the same
 * ids, which consumers drop. It wakes on the outbox trigger's NOTIFY, and on a timer in case one was missed.
 * Every service with an {@code outbox} table and an {@code outbox-out} channel gets one.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Any constant: each service has its own database, so the lock only ever meets the same service's relays. */
    private static final long RELAY_LOCK = 0x5374_6f63_6b4cL;

    private final Pool pool;
    private final Vertx vertx;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final URI source;
    private final PgConnectOptions listenOptions;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
    private PgSubscriber subscriber;
    private long timerId = -1;

    public OutboxRelay(Pool pool, Vertx vertx, @Channel("outbox-out") MutinyEmitter<String> emitter,
            OutboxConfig config,
            @ConfigProperty(name = "quarkus.application.name") String service,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String username,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.pool = pool;
        this.vertx = vertx;
        this.emitter = emitter;
        this.config = config;
        this.source = URI.create("/stockline/" + service);
        this.listenOptions = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""))
                .setUser(username).setPassword(password);
    }

    void start(@Observes StartupEvent event) {
        if (!config.relayEnabled()) {
            Log.warn("outbox relay disabled (stockline.outbox.relay-enabled=false): events stay in the outbox");
            return;
        }
        subscriber = PgSubscriber.subscriber(vertx, listenOptions).reconnectPolicy(retries -> 500L);
        subscriber.channel("outbox").handler(payload -> wake());
        subscriber.connect().subscribe().with(ignored -> wake(),
                failure -> Log.warnf("outbox LISTEN failed, relying on the %s timer: %s", config.pollInterval(),
                        failure.getMessage()));
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    /** Starts a drain, or asks the running one to look again when it is done. */
    public void wake() {
        if (!config.relayEnabled()) {
            return;
        }
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return;
        }
        wokenWhileDraining.set(false);
        publishBatch().subscribe().with(published -> {
            draining.set(false);
            if (published == config.batchSize() || wokenWhileDraining.get()) {
                wake();
            }
        }, failure -> {
            draining.set(false);
            Log.warnf("outbox relay: %s; retrying on the next wake-up", failure.getMessage());
        });
    }

    /** Publishes up to one batch; how many rows it published (0 when another instance holds the relay). */
    public Uni<Integer> publishBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(RELAY_LOCK))
                .chain(locked -> locked.iterator().next().getBoolean(0) ? publishLocked(connection)
                        : Uni.createFrom().item(0)));
    }

    private Uni<Integer> publishLocked(SqlConnection connection) {
        return connection.preparedQuery("""
                SELECT id, event_id, event_type, topic, message_key, payload, created_at, traceparent, tracestate
                FROM outbox ORDER BY id LIMIT $1""").execute(Tuple.of(config.batchSize()))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    List<Long> ids = new ArrayList<>(rows.size());
                    List<Uni<Void>> sends = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        ids.add(row.getLong("id"));
                        sends.add(emitter.sendMessage(toMessage(row)));
                    }
                    return Uni.join().all(sends).andFailFast()
                            .chain(() -> connection.preparedQuery("DELETE FROM outbox WHERE id = ANY($1)")
                                    .execute(Tuple.of(ids.toArray(Long[]::new))))
                            .map(deleted -> ids.size());
                });
    }

    private Message<String> toMessage(Row row) {
        String key = row.getString("message_key");
        return Message.of(row.getString("payload"))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(key).withTopic(row.getString("topic"))
                        // the writer's trace context, so the consumers continue its trace (CloudEvents' traceparent)
                        .withHeaders(new OutboxTrace(row.getString("traceparent"), row.getString("tracestate")).headers())
                        .build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(row.getUUID("event_id").toString())
                        .withType(row.getString("event_type"))
                        .withSource(source)
                        .withSubject(key)
                        .withDataContentType("application/json")
                        .withTimestamp(row.getOffsetDateTime("created_at").toZonedDateTime())
                        .build());
    }
}
