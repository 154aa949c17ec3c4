package io.stockline.alert.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.SyncStatus;
import io.stockline.alert.service.AlertService;
import io.stockline.platform.events.Acks;
import io.stockline.platform.events.CloudEvents;
import io.stockline.platform.events.EventReader;
import io.stockline.platform.events.EventTypes;
import io.stockline.platform.events.PoisonRecord;
import io.stockline.platform.events.Retry;

/**
 * Reads channel.sync-status. The event has no id of its own in its data, so the CloudEvent id identifies it. A
 * record without one, or one it cannot read, goes to the dead-letter topic with the reason; a readable one whose
 * processing fails is retried with back-off until it is applied, never dead-lettered.
 */
@ApplicationScoped
public class SyncStatusConsumer {

    static final String TYPE = EventTypes.SYNC_STATUS;

    private final AlertService alerts;
    private final EventReader reader;

    public SyncStatusConsumer(AlertService alerts, EventReader reader) {
        this.alerts = alerts;
        this.reader = reader;
    }

    @Incoming("sync-status")
    public Uni<Void> consume(Message<String> message) {
        return Acks.settle(message, TYPE, () -> {
            Read read = read(message);
            return Retry.untilApplied("sync-status of " + read.status().channelId(),
                    () -> alerts.onSyncStatus(read.eventId(), read.status()));
        });
    }

    record Read(UUID eventId, SyncStatus status) {
    }

    /** The fields of io.stockline.channel.sync-status.v1 this service reads, as sent. */
    record SyncStatusV1(String channelId, SyncStatus.State state, Long pending, Long lagSeconds,
            Integer consecutiveFailures, String lastError, OffsetDateTime reportedAt) {
    }

    Read read(Message<String> message) {
        String id = CloudEvents.metadata(message).getId();
        PoisonRecord.require(id != null && !id.isBlank(), "sync-status record without a CloudEvent id (ce_id)");
        SyncStatusV1 v1 = reader.read(message.getPayload(), SyncStatusV1.class, TYPE);
        PoisonRecord.require(v1.channelId() != null && !v1.channelId().isBlank() && v1.state() != null
                && v1.reportedAt() != null && v1.lagSeconds() != null,
                "sync-status without channelId, state, lagSeconds or reportedAt");
        SyncStatus status = new SyncStatus(v1.channelId(), v1.state(), v1.pending() == null ? 0 : v1.pending(),
                v1.lagSeconds(), v1.consecutiveFailures() == null ? 0 : v1.consecutiveFailures(), v1.lastError(),
                v1.reportedAt());
        // Kept as before (not CloudEvents.key) so that ids recorded before the platform still match a redelivery.
        return new Read(UUID.nameUUIDFromBytes(("sync-status:" + id).getBytes(StandardCharsets.UTF_8)), status);
    }
}
