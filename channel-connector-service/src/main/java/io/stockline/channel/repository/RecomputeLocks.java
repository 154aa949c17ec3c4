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

    private static final int SKU_SCOPE = 101;
    private static final int EVERY_SKU_SCOPE = 102;
    private static final String EVERY_SKU = "every-sku";

    private final AdvisoryLocks locks;

    public RecomputeLocks(AdvisoryLocks locks) {
        this.locks = locks;
    }

    /** Before recomputing these SKUs, inside the caller's transaction. */
    public Uni<Void> skus(Collection<String> skus) {
        return locks.lockAllUnderShared(EVERY_SKU_SCOPE, EVERY_SKU, SKU_SCOPE, skus);
    }

    /** Before recomputing every SKU (or a channel's SKUs read from the read model), inside the caller's transaction. */
    public Uni<Void> everySku() {
        return locks.lock(EVERY_SKU_SCOPE, EVERY_SKU);
    }
}
