package io.stockline.alert.messaging;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stockline.alert.repository.OutboxRepository;

/** Sends one outbox entry to {@code alerts} as a binary-mode CloudEvent; completes when the broker has it. */
@ApplicationScoped
public class AlertPublisher {

    private static final URI SOURCE = URI.create("/stockline/alert-service");

    private final MutinyEmitter<String> emitter;

    public AlertPublisher(@Channel("alerts-out") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(OutboxRepository.Entry entry) {
        return emitter.sendMessage(Message.of(entry.payload())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(entry.key()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder()
                        .withId(entry.eventId().toString()).withType(entry.eventType()).withSource(SOURCE)
                        .withSubject(entry.key()).withDataContentType("application/json")
                        .withTimestamp(entry.createdAt().toZonedDateTime()).build()));
    }
}
