package io.stockline.platform.outbox;

import java.util.UUID;

/**
 * One event to publish: its CloudEvent id and versioned type, the topic, the record key (events with one key keep
 * their order) and the JSON data.
 */
public record OutboxEvent(UUID eventId, String type, String topic, String key, String payload) {
}
