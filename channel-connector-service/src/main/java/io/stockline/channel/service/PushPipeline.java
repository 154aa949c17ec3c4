package io.stockline.channel.service;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.connector.HeldListing;
import io.stockline.channel.connector.ListingOutcome;
import io.stockline.channel.connector.RevisionCap;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.HealthRepository;
import io.stockline.channel.repository.HealthRepository.Health;
import io.stockline.channel.repository.LeaseRepository;
import io.stockline.channel.repository.ListingRepository;
import io.stockline.channel.repository.RecomputeLocks;
import io.stockline.channel.repository.RevisionRepository;
import io.stockline.channel.repository.SyncStateRepository;
import io.stockline.channel.repository.SyncStateRepository.Accepted;
import io.stockline.channel.repository.SyncStateRepository.Due;
import io.stockline.platform.sql.CommitDurability;

/** The transactions of a channel worker's step: take work under the lease, record what the marketplace said. */
@ApplicationScoped
public class PushPipeline {

    /**
     * What a worker may do now: nothing ({@code channel} null: another instance holds the lease or it is gone); the
     * due pairs to push, and the queued updates due for their read-back ({@code toConfirm}).
     */
    public record Work(ChannelSettings channel, Health health, List<Due> due, List<Accepted> toConfirm) {
        static final Work NONE = new Work(null, Health.NONE, List.of(), List.of());
    }

    /** How queued updates are confirmed: first read after {@code firstRead}, doubling to {@code maxWait}, {@code attempts} reads. */
    public record ConfirmPolicy(Duration firstRead, Duration maxWait, int attempts, Duration resendDelay) {

        Duration waitAfter(int readsSoFar) {
            Duration wait = firstRead.multipliedBy(1L << Math.min(20, Math.max(0, readsSoFar)));
            return wait.compareTo(maxWait) > 0 ? maxWait : wait;
        }
    }

    /**
     * At most this many queued updates are read back in one worker step, so pushes go on between them: one read call
     * of Amazon's (searchListingsItems takes 20 SKUs).
     */
    static final int CONFIRM_BATCH = 20;

    private final LeaseRepository leases;
    private final ChannelRepository channels;
    private final HealthRepository health;
    private final SyncStateRepository syncState;
    private final ChannelSyncService sync;
    private final ListingRepository listings;
    private final RecomputeLocks locks;
    private final RevisionRepository revisions;
    private final CommitDurability durability;

    public PushPipeline(LeaseRepository leases, ChannelRepository channels, HealthRepository health,
            SyncStateRepository syncState, ChannelSyncService sync, ListingRepository listings, RecomputeLocks locks,
            RevisionRepository revisions, CommitDurability durability) {
        this.durability = durability;
        this.listings = listings;
        this.locks = locks;
        this.revisions = revisions;
        this.leases = leases;
        this.channels = channels;
        this.health = health;
        this.syncState = syncState;
        this.sync = sync;
    }

    /**
     * Takes (or renews) the channel's lease and, when held, the due pairs (none while backing off or reconciling).
     * <p>
     * In a session, not a transaction: the lease is one statement that is atomic on its own, and the reads need no
     * snapshot in common with it (the outcome's transaction checks each pair's version again), so each statement
     * commits by itself and the step waits one round trip instead of three (BEGIN and COMMIT were the other two, on
     * the path of every change a worker pushes).
     */
    @WithConnection
    public Uni<Work> claim(String channelId, String owner, Duration leaseTtl, int limit) {
        // The lease and the four reads go out together on the session's connection, the lease first: PostgreSQL runs
        // them in that order, so the worker waits one round trip, not five. What was read is used only when the
        // lease was taken.
        return Uni.combine().all()
                .unis(leases.acquire(channelId, owner, leaseTtl), channels.settings(channelId), health.of(channelId),
                        syncState.due(channelId, limit), syncState.awaitingConfirmation(channelId, CONFIRM_BATCH))
                .asTuple()
                .map(read -> {
                    ChannelSettings channel = read.getItem2();
                    Health current = read.getItem3();
                    if (!read.getItem1() || channel == null) {
                        return Work.NONE;
                    }
                    if (!channel.enabled() || current.backingOff() || current.reconcileRequested()) {
                        return new Work(channel, current, List.of(), List.of());
                    }
                    return new Work(channel, current, read.getItem4(), read.getItem5());
                });
    }

    @WithTransaction
    public Uni<Void> release(String channelId, String owner) {
        return leases.release(channelId, owner);
    }

    @WithConnection
    public Uni<List<String>> enabledChannels() {
        return channels.all().map(all -> all.stream().filter(ChannelSettings::enabled).map(ChannelSettings::id).toList());
    }

    /**
     * Records the outcomes of a call that went through: APPLIED sets what the channel holds at the version sent;
     * REJECTED marks the version failed; CONFLICT sets what the marketplace said it holds ({@code readBack}, else
     * the outcome's figure) and pushes again after {@code conflictDelay}, or marks the pair failed after
     * {@code maxConflicts}. The SKUs in conflict are recomputed from the read model.
     */
    public Uni<Void> recordOutcomes(ChannelSettings channel, List<Due> sent, List<ListingOutcome> outcomes,
            Map<String, Long> readBack, Duration conflictDelay, int maxConflicts) {
        return recordOutcomes(channel, sent, outcomes, readBack, conflictDelay, maxConflicts, conflictDelay);
    }

    /**
     * {@link #recordOutcomes(ChannelSettings, List, List, Map, Duration, int)}, and ACCEPTED (queued, not applied)
     * keeps the pair pending and not sent again until its read-back, the first after {@code firstConfirm}.
     */
    @WithTransaction
    public Uni<Void> recordOutcomes(ChannelSettings channel, List<Due> sent, List<ListingOutcome> outcomes,
            Map<String, Long> readBack, Duration conflictDelay, int maxConflicts, Duration firstConfirm) {
        Map<String, Due> bySku = new HashMap<>();
        sent.forEach(due -> bySku.put(due.sku(), due));
        List<String> conflicted = new java.util.ArrayList<>();
        List<Due> applied = new java.util.ArrayList<>();
        // the SKUs' locks first, as every transaction that writes these pairs takes them (RecomputeLocks): the stock
        // consumer's wanted quantities and this outcome's rows are then never locked in opposite orders (no deadlock).
        // Shared with other channels' outcomes, which write other rows, unless a conflict makes this one recompute.
        // The statements after it touch each pair once, so they go out together behind the lock (PostgreSQL runs
        // them in order on the transaction's connection); only a conflict waits for its own answers.
        // The commit does not wait for the disk: the stock consumer's batch waits for these locks, and every change in
        // flight behind it. Lost in a database crash, an outcome leaves its pairs due at the version sent, so they are
        // pushed again with the same absolute quantities (a wanted quantity recomputed after a conflict is worked
        // out from the read model again).
        boolean recomputes = outcomes.stream().anyMatch(outcome -> outcome.status() == ListingOutcome.Status.CONFLICT
                && bySku.containsKey(outcome.sku()));
        List<Uni<Void>> statements = new java.util.ArrayList<>();
        statements.add(durability.repeatableIfLost());
        statements.add(recomputes ? locks.skus(bySku.keySet()) : locks.ownRowsOf(channel.id(), bySku.keySet()));
        statements.add(health.succeeded(channel.id()));
        for (ListingOutcome outcome : outcomes) {
            Due due = bySku.get(outcome.sku());
            if (due == null) {
                continue;
            }
            if (outcome.status() == ListingOutcome.Status.APPLIED) {
                if (applied.stream().noneMatch(pair -> pair.sku().equals(due.sku()))) {
                    applied.add(due);
                }
                continue;
            }
            statements.add(switch (outcome.status()) {
                case APPLIED -> Uni.createFrom().voidItem(); // recorded together below
                case ACCEPTED -> syncState.accepted(channel.id(), due.sku(), due.wantedVersion(), firstConfirm).replaceWithVoid();
                case REJECTED -> syncState.rejected(channel.id(), due.sku(), due.wantedVersion(),
                        "rejected: " + outcome.detail());
                case CONFLICT -> {
                    conflicted.add(due.sku());
                    Long held = readBack.containsKey(due.sku()) ? readBack.get(due.sku()) : outcome.marketplaceQuantity();
                    yield conflict(channel.id(), due, held, outcome.detail(), conflictDelay, maxConflicts);
                }
            });
        }
        statements.add(syncState.applied(channel.id(), applied).replaceWithVoid());
        return Uni.join().all(statements).andFailFast()
                .chain(() -> conflicted.isEmpty() ? Uni.createFrom().voidItem()
                : sync.recomputeChannel(channel, conflicted).replaceWithVoid());
    }

    private Uni<Void> conflict(String channelId, Due due, Long held, String detail, Duration delay, int maxConflicts) {
        if (held != null && held == due.wantedQuantity()) {
            return syncState.applied(channelId, due.sku(), held, due.wantedVersion()).replaceWithVoid();
        }
        return syncState.repush(channelId, due.sku(), held, "conflict: " + detail, delay)
                .chain(() -> syncState.rows(channelId, due.sku(), 1))
                .chain(rows -> !rows.isEmpty() && rows.get(0).attempts() >= maxConflicts
                        ? syncState.rejected(channelId, due.sku(), rows.get(0).wantedVersion(),
                                "gave up after " + rows.get(0).attempts() + " conflicts: " + detail)
                        : Uni.createFrom().voidItem());
    }

    /**
     * Records what the read-backs of queued updates found ({@code heldBySku}; {@code readFailure} when the read
     * itself failed): the quantity held -> SYNCED at the queued version; an error reported against it -> REJECTED
     * with the error's class; neither -> read again later, and after {@link ConfirmPolicy#attempts()} reads the
     * update is sent again under a new version.
     */
    @WithTransaction
    public Uni<Void> recordConfirmations(String channelId, List<Accepted> asked, Map<String, HeldListing> heldBySku,
            String readFailure, ConfirmPolicy policy) {
        // its own channel's rows only: the SKUs' locks shared with other channels' outcomes (RecomputeLocks#ownRowsOf);
        // lost in a database crash, the updates are read back again (see recordOutcomes on the commit)
        Uni<Void> chain = Uni.join().all(durability.repeatableIfLost(),
                locks.ownRowsOf(channelId, asked.stream().map(accepted -> accepted.pair().sku()).toList()))
                .andFailFast().replaceWithVoid();
        for (Accepted accepted : asked) {
            Due pair = accepted.pair();
            HeldListing held = heldBySku.get(pair.sku());
            Long quantity = held == null ? null : held.quantity();
            if (quantity != null && quantity == pair.wantedQuantity()) {
                chain = chain.chain(() -> syncState.applied(channelId, pair.sku(), quantity, pair.wantedVersion()).replaceWithVoid());
            } else if (held != null && !held.errors().isEmpty()) {
                chain = chain.chain(() -> syncState.rejected(channelId, pair.sku(), pair.wantedVersion(),
                        "rejected after acceptance: " + String.join("; ", held.errors())));
            } else {
                int reads = accepted.confirmAttempts() + 1;
                String seen = readFailure != null ? "accepted, read-back failed: " + readFailure
                        : "accepted, not applied yet: the marketplace holds " + (quantity == null ? "nothing" : quantity)
                                + " (read-back " + reads + " of " + policy.attempts() + ")";
                chain = chain.chain(() -> syncState.notConfirmedYet(channelId, pair.sku(), pair.wantedVersion(),
                        policy.waitAfter(accepted.confirmAttempts()), seen.substring(0, Math.min(1000, seen.length())))
                        .chain(made -> made < policy.attempts() ? Uni.createFrom().voidItem()
                                : syncState.repush(channelId, pair.sku(), quantity, "not applied after " + made
                                        + " read-backs of an accepted update: sent again", policy.resendDelay()).replaceWithVoid()));
            }
        }
        return chain;
    }

    /**
     * Counts a revision for each listing about to be sent (in the database, before the call: a crash after sending
     * never under-counts) unless it already has {@code cap.holdFrom()} this marketplace day; those are held until the
     * marketplace's next day with the reason shown. Returns the SKUs that may be sent.
     */
    @WithTransaction
    public Uni<Set<String>> reserveRevisions(ChannelSettings channel, RevisionCap cap, Map<String, String> listingBySku) {
        OffsetDateTime now = OffsetDateTime.now();
        LocalDate day = cap.day(now);
        return locks.ownRowsOf(channel.id(), listingBySku.keySet()).chain(() -> revisions.forgetBefore(channel.id(), day.minusDays(1)))
                .chain(() -> revisions.reserve(channel.id(), day, List.copyOf(listingBySku.values()), cap.holdFrom()))
                .chain(counted -> {
                    Set<String> allowed = new TreeSet<>();
                    List<String> held = new ArrayList<>();
                    listingBySku.forEach((sku, listing) -> (counted.contains(listing) ? allowed : held).add(sku));
                    if (held.isEmpty()) {
                        return Uni.createFrom().item(allowed);
                    }
                    OffsetDateTime until = cap.nextDay(now);
                    String reason = "held: the listing was sent " + cap.holdFrom() + " revisions on " + day + " ("
                            + cap.dayZone() + ", the marketplace's calendar day); " + channel.type() + " blocks a listing after "
                            + cap.perDay() + " revisions a day, so its latest quantity is pushed when the day rolls over at " + until;
                    Log.infof("channel %s: %d listings at the daily revision cap, held until %s: %s", channel.id(), held.size(), until, held);
                    return syncState.hold(channel.id(), held, reason, until).replaceWith(allowed);
                });
    }

    /** Stores the listings a lookup by SKU found; a mapping imported meanwhile is kept (imports are pinned). */
    @WithTransaction
    public Uni<Void> recordFound(String channelId, List<ListingCsv.Mapping> found) {
        return found.isEmpty() ? Uni.createFrom().voidItem() : listings.found(channelId, found);
    }

    /** A whole call failed: the channel backs off, the pairs it carried show the error. */
    @WithTransaction
    public Uni<Void> recordFailure(String channelId, List<String> skus, String error, Duration backoff,
            boolean circuitOpen) {
        // lost in a database crash, the call is made again (see recordOutcomes on the commit)
        return Uni.join().all(durability.repeatableIfLost(), locks.ownRowsOf(channelId, skus)).andFailFast()
                .chain(() -> health.failed(channelId, error, backoff, circuitOpen))
                .chain(() -> skus.isEmpty() ? Uni.createFrom().voidItem() : syncState.callFailed(channelId, skus, error));
    }
}
