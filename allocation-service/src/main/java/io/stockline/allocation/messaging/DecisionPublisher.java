package io.stockline.allocation.messaging;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/** Publishes decisions to {@code allocations} as CloudEvents, key = order id, one reservation per shipment. */
@ApplicationScoped
public class DecisionPublisher {

    public static final String DECIDED_TYPE = "io.stockline.allocation.decided.v1";
    public static final String FAILED_TYPE = "io.stockline.allocation.failed.v1";
    public static final String BACKORDERED_TYPE = "io.stockline.allocation.backordered.v1";
    private static final URI SOURCE = URI.create("/stockline/allocation-service");

    public record Shipment(String location, UUID reservationId, List<ShipmentLine> lines) {
    }

    public record ShipmentLine(int line, String sku, long quantity) {
    }

    public record AllocationDecided(String orderId, List<Shipment> shipments) {
    }

    public record AllocationFailed(String orderId, String reason) {
    }

    /** Lines (or parts of lines) that wait for stock; the rest of the order, if any, was decided. */
    public record Backordered(String orderId, List<ShipmentLine> lines, String reason) {
    }

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public DecisionPublisher(@Channel("allocations-out") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> decided(AllocationDecided decision) {
        return send(decision.orderId(), DECIDED_TYPE, decision);
    }

    public Uni<Void> failed(AllocationFailed failure) {
        return send(failure.orderId(), FAILED_TYPE, failure);
    }

    public Uni<Void> backordered(Backordered backorder) {
        return send(backorder.orderId(), BACKORDERED_TYPE, backorder);
    }

    private Uni<Void> send(String orderId, String type, Object event) {
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return emitter.sendMessage(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(orderId).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(UUID.randomUUID().toString()).withType(type).withSource(SOURCE)
                        .withSubject(orderId).withDataContentType("application/json")
                        .withTimestamp(ZonedDateTime.now()).build()));
    }
}
