package io.stockline.channel.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.channel.domain.SyncState;

/** The state last reported for each channel, so every instance knows whether a status is news. */
@ApplicationScoped
public class StatusReportRepository {

    /** Records {@code state} as reported; false when it was the one reported last (nothing changed). */
    public Uni<Boolean> recordIfChanged(String channel, SyncState state) {
        return NativeSql.of("""
                INSERT INTO sync_status_report (channel, state) VALUES (:channel, :state)
                ON CONFLICT (channel) DO UPDATE SET state = EXCLUDED.state, reported_at = now()
                WHERE sync_status_report.state <> EXCLUDED.state""")
                .set("channel", channel).set("state", state.name()).update()
                .map(count -> count == 1);
    }

    /** Records {@code state} as reported, changed or not. */
    public Uni<Void> record(String channel, SyncState state) {
        return NativeSql.of("""
                INSERT INTO sync_status_report (channel, state) VALUES (:channel, :state)
                ON CONFLICT (channel) DO UPDATE SET state = EXCLUDED.state, reported_at = now()""")
                .set("channel", channel).set("state", state.name()).update()
                .replaceWithVoid();
    }
}
