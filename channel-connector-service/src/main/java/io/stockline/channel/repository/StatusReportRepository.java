package io.stockline.channel.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.SyncState;

/** The state last reported for each channel, so every instance knows whether a status is news. */
@ApplicationScoped
public class StatusReportRepository {

    /** Records {@code state} as reported; false when it was the one reported last (nothing changed). */
    public Uni<Boolean> recordIfChanged(String channel, SyncState state) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO sync_status_report (channel, state) VALUES (:channel, :state)
                ON CONFLICT (channel) DO UPDATE SET state = EXCLUDED.state, reported_at = now()
                WHERE sync_status_report.state <> EXCLUDED.state""")
                .setParameter("channel", channel).setParameter("state", state.name()).executeUpdate())
                .map(count -> count == 1);
    }

    /** Records {@code state} as reported, changed or not. */
    public Uni<Void> record(String channel, SyncState state) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO sync_status_report (channel, state) VALUES (:channel, :state)
                ON CONFLICT (channel) DO UPDATE SET state = EXCLUDED.state, reported_at = now()""")
                .setParameter("channel", channel).setParameter("state", state.name()).executeUpdate())
                .replaceWithVoid();
    }
}
