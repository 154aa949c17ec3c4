package io.stockline.alert.messaging;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stockline.alert.domain.Alert;

/** Publishes alerts to the {@code alerts} topic as CloudEvents, key = SKU; completes when the broker has them. */
@ApplicationScoped
public class AlertPublisher {

    public static final String LOW_STOCK_TYPE = "io.stockline.alert.low-stock.v1";
    private static final URI SOURCE = URI.create("/stockline/alert-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public AlertPublisher(@Channel("alerts-out") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(Alert alert) {
        String payload;
        try {
            payload = json.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(alert.sku()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(alert.id().toString()).withType(LOW_STOCK_TYPE).withSource(SOURCE)
                        .withSubject(alert.sku()).withDataContentType("application/json")
                        .withTimestamp(alert.raisedAt().toZonedDateTime()).build()));
    }
}
