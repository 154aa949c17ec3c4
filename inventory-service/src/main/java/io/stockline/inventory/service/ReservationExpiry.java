package io.stockline.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Releases holds whose expiry has passed, so units held for an abandoned cart come back on their own. */
@ApplicationScoped
public class ReservationExpiry {

    private static final int BATCH = 200;

    private final ReservationService reservations;

    public ReservationExpiry(ReservationService reservations) {
        this.reservations = reservations;
    }

    @Scheduled(every = "${stockline.reservations.expiry-sweep:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return reservations.expiredHolds(BATCH)
                .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
                .onItem().transformToUniAndConcatenate(id -> reservations.expire(id)
                        .invoke(expired -> Log.infof("reservation %s for order %s expired", id, expired.orderId()))
                        .onFailure().recoverWithItem(failure -> {
                            Log.debugf("reservation %s not expired: %s", id, failure.getMessage());
                            return null;
                        }))
                .collect().last().replaceWithVoid();
    }
}
