package io.stockline.channel.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;

/**
 * A lease row per channel: one instance works a channel at a time. Taking it is one conditional upsert: it
 * succeeds for the instance that holds it already (renewal) or when the last holder's lease ran out.
 */
@ApplicationScoped
public class LeaseRepository {

    /** True when {@code owner} holds the channel's lease for {@code ttl} from now. */
    public Uni<Boolean> acquire(String channel, String owner, Duration ttl) {
        return NativeSql.of("""
                INSERT INTO channel_lease (channel, owner, expires_at)
                VALUES (:channel, :owner, now() + make_interval(secs => :ttlSeconds))
                ON CONFLICT (channel) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                WHERE channel_lease.owner = EXCLUDED.owner OR channel_lease.expires_at < now()""")
                .set("channel", channel).set("owner", owner)
                .set("ttlSeconds", ttl.toMillis() / 1000.0).update()
                .map(count -> count == 1);
    }

    /** Lets go of the lease if {@code owner} holds it. */
    public Uni<Void> release(String channel, String owner) {
        return NativeSql.of("DELETE FROM channel_lease WHERE channel = :channel AND owner = :owner")
                .set("channel", channel).set("owner", owner).update()
                .replaceWithVoid();
    }
}
