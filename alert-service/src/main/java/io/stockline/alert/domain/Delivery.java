package io.stockline.alert.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One message to one subscription: PENDING (to send, or to retry at nextAttemptAt), DELIVERED, or FAILED (given up). */
public record Delivery(UUID id, UUID subscriptionId, UUID alertId, String eventType, Subscription.Channel channel,
        String subject, String body, Status status, int attempts, String lastError, OffsetDateTime nextAttemptAt,
        OffsetDateTime deliveredAt, OffsetDateTime createdAt) {

    public enum Status { PENDING, DELIVERED, FAILED }

    public static final String DIGEST_TYPE = "io.stockline.alert.digest.v1";
}
