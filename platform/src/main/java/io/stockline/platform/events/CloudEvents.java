package io.stockline.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;

/** The CloudEvent attributes consumers key on, and the ids producers derive so that a retried event keeps its id. */
public final class CloudEvents {

    private CloudEvents() {
    }

    /** The record's CloudEvent metadata; a record without it is poison. */
    public static IncomingCloudEventMetadata<?> metadata(Message<?> message) {
        return message.getMetadata(IncomingCloudEventMetadata.class)
                .orElseThrow(() -> new PoisonRecord("not a CloudEvent (no ce_id, ce_type, ce_source, ce_specversion)"));
    }

    /**
     * Whether the record is a CloudEvent of a type other than {@code type}: the contract says a consumer ignores types
     * it does not know (the fuzz tests found consumers reading them as their own). A plain record without CloudEvent
     * headers is not "other": topics whose consumers read plain records read it as {@code type}.
     */
    public static boolean isOtherType(Message<?> message, String type) {
        return message.getMetadata(IncomingCloudEventMetadata.class).map(ce -> !type.equals(ce.getType())).orElse(false);
    }

    /**
     * The processed-event key of a CloudEvent id: the id itself when it is a UUID (ours are), else a name-based UUID
     * of it, so any producer's id can be recorded.
     */
    public static UUID key(String cloudEventId) {
        PoisonRecord.require(cloudEventId != null && !cloudEventId.isBlank(), "CloudEvent without an id");
        try {
            return UUID.fromString(cloudEventId);
        } catch (IllegalArgumentException notUuid) {
            return UUID.nameUUIDFromBytes(cloudEventId.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A stable event id for an event that stands for {@code parts} (e.g. a decision of one order at one attempt). */
    public static UUID derivedId(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8));
    }
}
