package io.stockline.allocation.messaging;

import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;

/**
 * Settles a record once its work is done: acked when applied, nacked (so the channel's failure strategy sends it
 * to the dead-letter topic with the reason) when the work failed, which after {@code Retry.untilApplied} only a
 * {@code PoisonRecord} does.
 */
final class Acks {

    private Acks() {
    }

    static Uni<Void> settle(Message<?> message, Supplier<Uni<Void>> work) {
        return Uni.createFrom().<Void>deferred(work::get)
                .onItemOrFailure().transformToUni((ignored, failure) -> Uni.createFrom().completionStage(
                        failure == null ? message.ack() : message.nack(failure)));
    }
}
