package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.impl.DefaultIncomingCloudEventMetadata;

class AcksTest {

    private static final String TYPE = "io.stockline.inventory.stock-changed.v1";

    private final AtomicInteger acks = new AtomicInteger();
    private final AtomicReference<Throwable> nacked = new AtomicReference<>();
    private final AtomicInteger worked = new AtomicInteger();

    private Message<String> message(String ceType) {
        Metadata metadata = ceType == null ? Metadata.empty()
                : Metadata.of(new DefaultIncomingCloudEventMetadata<>("1.0", "id-1", URI.create("/test"), ceType,
                        "application/json", null, null, null, Map.of(), "{}"));
        return Message.of("{}", metadata).withAck(() -> {
            acks.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }).withNack(failure -> {
            nacked.set(failure);
            return CompletableFuture.completedFuture(null);
        });
    }

    private Uni<Void> work() {
        worked.incrementAndGet();
        return Uni.createFrom().voidItem();
    }

    @Test
    void aCloudEventOfAnotherTypeIsAckedWithoutTheWork() {
        Acks.settle(message("io.stockline.somebody-else.v1"), TYPE, this::work).await().indefinitely();

        assertThat(worked).hasValue(0);
        assertThat(acks).hasValue(1);
        assertThat(nacked).hasNullValue();
    }

    @Test
    void itsOwnTypeAndAPlainRecordAreWorkedThenAcked() {
        Acks.settle(message(TYPE), TYPE, this::work).await().indefinitely();
        Acks.settle(message(null), TYPE, this::work).await().indefinitely();

        assertThat(worked).hasValue(2);
        assertThat(acks).hasValue(2);
    }

    @Test
    void failedWorkIsNackedWithItsFailure() {
        PoisonRecord poison = new PoisonRecord("unreadable");

        Acks.settle(message(TYPE), TYPE, () -> Uni.createFrom().failure(poison)).await().indefinitely();

        assertThat(acks).hasValue(0);
        assertThat(nacked).hasValue(poison);
    }
}
