package io.stockline.channel.repository;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.AdvisoryLocks;

/**
 * Orders the transactions that work out what channels should hold. Each reads the read model and the channel
 * settings, then writes wanted quantities; two of them on the same SKU at once could otherwise write in the opposite
 * order of their reads, and the channel would keep the older number. Holding these locks before the first read
 * makes the later transaction read what the earlier one committed. A SKU-scoped recompute locks its SKUs (and the
 * channel-wide lock shared); a recompute of every SKU takes the channel-wide lock alone, which waits for the
 * SKU-scoped ones in flight and holds back new ones until it commits.
 */
@ApplicationScoped
public class RecomputeLocks {

    public static final int SKU_SCOPE = 101;
    private static final int EVERY_SKU_SCOPE = 102;
    private static final int CHANNEL_OUTCOME_SCOPE = 103;
    private static final String EVERY_SKU = "every-sku";

    private final AdvisoryLocks locks;

    public RecomputeLocks(AdvisoryLocks locks) {
        this.locks = locks;
    }

    /** Before recomputing these SKUs, inside the caller's transaction. */
    public Uni<Void> skus(Collection<String> skus) {
        return locks.lockAllUnderShared(EVERY_SKU_SCOPE, EVERY_SKU, SKU_SCOPE, skus);
    }

    /**
     * Before a worker's outcome (a call's results, read-backs' results, a failed call, the revisions it counts) writes
     * its own channel's rows of these SKUs, and nothing else's: the SKUs' locks
     * shared, so outcomes of different channels on the same SKUs go on together (they write different rows) while a
     * recompute of those SKUs (every channel's rows) waits for them and they for it; an outcome of the same channel
     * waits on the channel's own lock. An outcome that recomputes (a conflict) takes {@link #skus} instead, from the
     * start: asking for a SKU's lock exclusively while holding it shared could wait on another outcome doing the same.
     */
    public Uni<Void> ownRowsOf(String channelId, Collection<String> skus) {
        return locks.lockAllSharedUnderShared(EVERY_SKU_SCOPE, EVERY_SKU, CHANNEL_OUTCOME_SCOPE, channelId, SKU_SCOPE,
                skus);
    }

    /** Before recomputing every SKU (or a channel's SKUs read from the read model), inside the caller's transaction. */
    public Uni<Void> everySku() {
        return locks.lock(EVERY_SKU_SCOPE, EVERY_SKU);
    }
}
