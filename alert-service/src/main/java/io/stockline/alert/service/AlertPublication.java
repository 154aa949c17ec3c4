package io.stockline.alert.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertEvent;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.ShortText;
import io.stockline.alert.domain.Subscription;
import io.stockline.alert.repository.DeliveryRepository;
import io.stockline.alert.repository.SubscriptionRepository;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;
import io.stockline.platform.outbox.OutboxEvent;

/**
 * Everything an opened, resolved or one-shot alert must reach, written in the caller's transaction: the
 * CloudEvent(s) for {@code alerts} into the platform outbox and one delivery per matching subscription. A crash
 * before the commit loses the change and the messages together; after it, the platform's outbox relay and the
 * delivery worker finish.
 */
@ApplicationScoped
public class AlertPublication {

    public static final String LEGACY_LOW_STOCK_TYPE = "io.stockline.alert.low-stock.v1";

    /** A dead letter's reason alone may run to a thousand characters; a subject is read in a list. */
    static final int SUBJECT_LENGTH = 200;

    private final Outbox outbox;
    private final String alertsTopic;
    private final SubscriptionRepository subscriptions;
    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final boolean legacyLowStock;

    public AlertPublication(Outbox outbox, Topics topics,
            SubscriptionRepository subscriptions, DeliveryRepository deliveries, ObjectMapper json,
            AlertConfig config) {
        this.outbox = outbox;
        this.alertsTopic = topics.alerts();
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.json = json;
        this.legacyLowStock = config.legacyLowStockEvent();
    }

    public Uni<Void> publish(Alert alert) {
        AlertEvent event = AlertEvent.of(alert);
        String payload = write(event);
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (legacyLowStock && alert.kind() == AlertKind.LOW_STOCK && alert.status() == Alert.Status.OPEN) {
            chain = chain.chain(() -> outbox.add(new OutboxEvent(alert.id(), LEGACY_LOW_STOCK_TYPE, alertsTopic,
                    alert.key(), legacyPayload(alert))));
        }
        return chain
                .chain(() -> outbox.add(new OutboxEvent(event.eventId(), event.type(), alertsTopic, alert.key(),
                        payload)))
                .chain(subscriptions::immediate)
                .chain(all -> {
                    Uni<Void> writes = Uni.createFrom().voidItem();
                    for (Subscription subscription : all) {
                        if (subscription.filter().matches(alert)) {
                            writes = writes.chain(() -> deliveries.insert(deliveryId(subscription.id(), event.eventId()),
                                    subscription.id(), alert.id(), event.type(), subscription.channel(),
                                    subject(alert), body(subscription.channel(), alert, payload)));
                        }
                    }
                    return writes;
                });
    }

    /** The same event to the same subscription is one delivery, however often it is written. */
    static UUID deliveryId(UUID subscriptionId, UUID eventId) {
        return UUID.nameUUIDFromBytes((subscriptionId + ":" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** A mail subject: one line (describe), and short enough for a mail client's list to show its start. */
    static String subject(Alert alert) {
        return ShortText.cut("[Stockline] " + alert.describe(), SUBJECT_LENGTH);
    }

    private String body(Subscription.Channel channel, Alert alert, String eventPayload) {
        return switch (channel) {
            case WEBHOOK -> eventPayload;
            case CHAT -> write(Map.of("text", alert.describe()));
            case EMAIL -> emailText(alert);
        };
    }

    private static String emailText(Alert alert) {
        List<String> lines = new ArrayList<>();
        lines.add(alert.describe());
        lines.add("");
        lines.add("Kind: " + alert.kind());
        lines.add("Status: " + alert.status());
        if (alert.sku() != null) {
            lines.add("SKU: " + alert.sku() + " at " + alert.location() + (alert.lot() == null ? "" : ", lot " + alert.lot()));
        }
        if (alert.channel() != null) {
            lines.add("Channel: " + alert.channel());
        }
        lines.add("Opened: " + alert.openedAt() + (alert.resolvedAt() == null ? "" : ", resolved: " + alert.resolvedAt()));
        lines.add("Alert id: " + alert.id());
        return String.join("\n", lines) + "\n";
    }

    /** The data of the old io.stockline.alert.low-stock.v1, unchanged. */
    private String legacyPayload(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", alert.id());
        body.put("kind", alert.kind().name());
        body.put("sku", alert.sku());
        body.put("location", alert.location());
        body.put("available", alert.observed());
        body.put("threshold", alert.threshold());
        body.put("raisedAt", alert.openedAt());
        return write(body);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
