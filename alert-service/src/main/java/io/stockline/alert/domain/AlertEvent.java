package io.stockline.alert.domain;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The data of {@code io.stockline.alert.opened.v1} (an alert opened, or a one-shot notice) and
 * {@code io.stockline.alert.resolved.v1}: the alert as it stands after the change. eventId differs per event,
 * alertId ties an opening to its resolve.
 */
public record AlertEvent(UUID eventId, UUID alertId, AlertKind kind, Alert.Status status, String sku, String location,
        String lot, String channel, Long observed, Long threshold, String detail, UUID ruleId,
        OffsetDateTime openedAt, OffsetDateTime resolvedAt, String text) {

    public static final String OPENED_TYPE = "io.stockline.alert.opened.v1";
    public static final String RESOLVED_TYPE = "io.stockline.alert.resolved.v1";

    public static AlertEvent of(Alert alert) {
        String suffix = alert.status() == Alert.Status.RESOLVED ? ":resolved" : ":opened";
        UUID eventId = UUID.nameUUIDFromBytes((alert.id() + suffix).getBytes(StandardCharsets.UTF_8));
        return new AlertEvent(eventId, alert.id(), alert.kind(), alert.status(), alert.sku(), alert.location(),
                alert.lot(), alert.channel(), alert.observed(), alert.threshold(), alert.detail(), alert.ruleId(),
                alert.openedAt(), alert.resolvedAt(), alert.describe());
    }

    public String type() {
        return status == Alert.Status.RESOLVED ? RESOLVED_TYPE : OPENED_TYPE;
    }
}
