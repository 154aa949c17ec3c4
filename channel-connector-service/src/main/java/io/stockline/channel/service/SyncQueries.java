package io.stockline.channel.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.SyncPair;
import io.stockline.channel.repository.SyncStateRepository;

/** Read-only views of sync state. */
@ApplicationScoped
public class SyncQueries {

    private final SyncStateRepository syncState;

    public SyncQueries(SyncStateRepository syncState) {
        this.syncState = syncState;
    }

    @WithConnection
    public Uni<List<SyncPair>> rows(String channel, String sku, int limit) {
        return syncState.rows(channel, sku, limit);
    }
}
