package io.stockline.channel.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A lease row per channel: one instance works a channel at a time. Taking it is one conditional upsert: it
 * succeeds for the instance that holds it already (renewal) or when the last holder's lease ran out.
 */
@ApplicationScoped
public class LeaseRepository {

    /** True when {@code owner} holds the channel's lease for {@code ttl} from now. */
    public Uni<Boolean> acquire(String channel, String owner, Duration ttl) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO channel_lease (channel, owner, expires_at)
                VALUES (:channel, :owner, now() + make_interval(secs => :ttlSeconds))
                ON CONFLICT (channel) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
                WHERE channel_lease.owner = EXCLUDED.owner OR channel_lease.expires_at < now()""")
                .setParameter("channel", channel).setParameter("owner", owner)
                .setParameter("ttlSeconds", ttl.toMillis() / 1000.0).executeUpdate())
                .map(count -> count == 1);
    }

    /** Lets go of the lease if {@code owner} holds it. */
    public Uni<Void> release(String channel, String owner) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM channel_lease WHERE channel = :channel AND owner = :owner")
                .setParameter("channel", channel).setParameter("owner", owner).executeUpdate())
                .replaceWithVoid();
    }
}
