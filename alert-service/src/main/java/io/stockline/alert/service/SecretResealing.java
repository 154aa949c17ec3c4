package io.stockline.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * At start-up, before any delivery: seals what is stored in clear (from before sealing) or under a previous key, and
 * so refuses to start without a key (stockline.secrets.key) rather than fail every delivery later.
 */
@ApplicationScoped
public class SecretResealing {

    private final SubscriptionService subscriptions;

    public SecretResealing(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        int resealed = VertxContextSupport.subscribeAndAwait(subscriptions::resealStored);
        if (resealed > 0) {
            Log.infof("sealed the stored targets and secrets of %d subscriptions with the current key", resealed);
        }
    }
}
