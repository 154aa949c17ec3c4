package io.stockline.alert.messaging;

import java.time.Duration;
import java.util.UUID;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.stockline.alert.domain.SyncStatus;
import io.stockline.alert.service.AlertService;
import io.stockline.alert.service.OutboxRelay;

/**
 * Reads channel.sync-status. The event has no id of its own in its data, so the CloudEvent id identifies it;
 * a record without one, or one it cannot read, goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class SyncStatusConsumer {

    private final AlertService alerts;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public SyncStatusConsumer(AlertService alerts, OutboxRelay relay, ObjectMapper json) {
        this.alerts = alerts;
        this.relay = relay;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    @Incoming("sync-status")
    public Uni<Void> consume(Message<String> message) {
        return Uni.createFrom().item(message)
                .map(this::read)
                .chain(read -> alerts.onSyncStatus(read.eventId(), read.status())
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                        .onFailure().invoke(failure -> Log.errorf(failure, "sync-status of %s failed",
                                read.status().channelId())))
                .chain(relay::drain)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(message.nack(failure)));
    }

    record Read(UUID eventId, SyncStatus status) {
    }

    /** The fields of io.stockline.channel.sync-status.v1 this service reads, as sent. */
    record SyncStatusV1(String channelId, SyncStatus.State state, Long pending, Long lagSeconds,
            Integer consecutiveFailures, String lastError, java.time.OffsetDateTime reportedAt) {
    }

    Read read(Message<String> message) {
        String id = message.getMetadata(IncomingCloudEventMetadata.class).map(IncomingCloudEventMetadata::getId)
                .orElseThrow(() -> new IllegalArgumentException("sync-status record without a CloudEvent id (ce_id)"));
        SyncStatusV1 v1;
        try {
            v1 = json.readValue(message.getPayload(), SyncStatusV1.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable sync-status: " + e.getMessage(), e);
        }
        if (v1.channelId() == null || v1.channelId().isBlank() || v1.state() == null || v1.reportedAt() == null
                || v1.lagSeconds() == null) {
            throw new IllegalArgumentException("sync-status without channelId, state, lagSeconds or reportedAt");
        }
        SyncStatus status = new SyncStatus(v1.channelId(), v1.state(), v1.pending() == null ? 0 : v1.pending(),
                v1.lagSeconds(), v1.consecutiveFailures() == null ? 0 : v1.consecutiveFailures(), v1.lastError(),
                v1.reportedAt());
        return new Read(UUID.nameUUIDFromBytes(("sync-status:" + id).getBytes(StandardCharsets.UTF_8)), status);
    }
}
