package io.stockline.platform.events;

import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Settles a record once its work is done: acked when applied, nacked (so the channel's failure strategy sends it
 * to the dead-letter topic with the reason) when the work failed, which after {@link Retry#untilApplied} only a
 * {@link PoisonRecord} does. For consumers that take a {@code Message} (to read its CloudEvent metadata).
 */
public final class Acks {

    private Acks() {
    }

    /**
     * {@link #settle(Message, Supplier)} for a consumer of one event type: a CloudEvent of another type is acked and
     * ignored, as the contract says a consumer does with types it does not know ({@link CloudEvents#isOtherType}).
     */
    public static Uni<Void> settle(Message<?> message, String type, Supplier<Uni<Void>> work) {
        return settle(message, () -> CloudEvents.isOtherType(message, type) ? Uni.createFrom().voidItem() : work.get());
    }

    public static Uni<Void> settle(Message<?> message, Supplier<Uni<Void>> work) {
        return Uni.createFrom().<Void>deferred(work::get)
                .onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }
}
