package io.stockline.channel.messaging;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.stockline.channel.service.SyncStatusService.SyncStatus;

/** Publishes SyncStatusV1 to channel.sync-status (key = channel id) as a binary-mode CloudEvent. */
@ApplicationScoped
public class SyncStatusPublisher {

    static final String TYPE = "io.stockline.channel.sync-status.v1";
    private static final URI SOURCE = URI.create("/stockline/channel-connector-service");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper json;

    public SyncStatusPublisher(@Channel("sync-status-out") MutinyEmitter<String> emitter, ObjectMapper json) {
        this.emitter = emitter;
        this.json = json;
    }

    public Uni<Void> publish(SyncStatus status) {
        String payload;
        try {
            payload = json.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        Message<String> message = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(status.channelId()).build())
                .addMetadata(OutgoingCloudEventMetadata.builder().withId(UUID.randomUUID().toString())
                        .withType(TYPE).withSource(SOURCE).withSubject(status.channelId())
                        .withDataContentType("application/json").withTimestamp(ZonedDateTime.now()).build());
        return emitter.sendMessage(message)
                .onFailure().invoke(failure -> Log.warnf("sync status of %s not published: %s", status.channelId(),
                        failure.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
