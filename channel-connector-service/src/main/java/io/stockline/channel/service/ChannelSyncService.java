package io.stockline.channel.service;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.ChannelConfig;
import io.stockline.channel.domain.ChannelRules;
import io.stockline.channel.domain.StockChanged;
import io.stockline.channel.repository.AvailabilityRepository;
import io.stockline.channel.repository.SyncStateRepository;

/** Keeps the read model of availability and tells the channel what it may sell when that changes. */
@ApplicationScoped
public class ChannelSyncService {

    private final AvailabilityRepository availability;
    private final SyncStateRepository syncState;
    private final ChannelEndpoint endpoint;
    private final ChannelRules rules;
    private final List<String> locations;

    public ChannelSyncService(AvailabilityRepository availability, SyncStateRepository syncState,
            @RestClient ChannelEndpoint endpoint, ChannelConfig config) {
        this.availability = availability;
        this.syncState = syncState;
        this.endpoint = endpoint;
        this.rules = new ChannelRules(config.name(), config.buffer());
        this.locations = config.locations().orElse(List.of());
    }

    /** Applies the event once; returns the quantity the channel should now hold, or null when it needs no push. */
    @WithTransaction
    public Uni<Long> apply(StockChanged event) {
        if (!locations.isEmpty() && !locations.contains(event.location())) {
            return availability.markProcessed(event).replaceWith((Long) null);
        }
        return availability.markProcessed(event)
                .chain(fresh -> fresh ? availability.apply(event) : Uni.createFrom().item(false))
                .chain(applied -> !applied ? Uni.createFrom().<Long>nullItem()
                        : availability.availableAt(event.sku(), locations)
                                .map(rules::quantityFor)
                                .chain(quantity -> syncState.want(rules.channel(), event.sku(), quantity)
                                        .map(changed -> changed ? quantity : null)));
    }

    /** Pushes the quantity, retrying with backoff; records the outcome. */
    public Uni<Void> push(String sku, long quantity) {
        return endpoint.push(new ChannelEndpoint.StockQuantity(rules.channel(), sku, quantity))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(5)
                .chain(() -> recordPushed(sku, quantity))
                .onFailure().recoverWithUni(failure -> {
                    Log.warnf("push of %s=%d to %s failed: %s", sku, quantity, rules.channel(), failure.getMessage());
                    return recordFailed(sku, failure.getMessage());
                });
    }

    /** What the channel still does not hold, older than {@code age} so that in-flight pushes are left alone. */
    @WithSession
    public Uni<List<SyncStateRepository.Pending>> pending(Duration age, int limit) {
        return syncState.pending(rules.channel(), age, limit);
    }

    @WithTransaction
    Uni<Void> recordPushed(String sku, long quantity) {
        return syncState.pushed(rules.channel(), sku, quantity);
    }

    @WithTransaction
    Uni<Void> recordFailed(String sku, String error) {
        return syncState.failed(rules.channel(), sku, error);
    }
}
