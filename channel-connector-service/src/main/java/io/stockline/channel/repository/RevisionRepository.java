package io.stockline.channel.repository;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Revisions sent per (channel, listing) per marketplace day (V8), for marketplaces that cap them (eBay). */
@ApplicationScoped
public class RevisionRepository {

    /**
     * Counts one revision of each listing that has fewer than {@code holdFrom} on {@code day}, in one statement; returns
     * the listings counted (they may be sent), leaving the others (at the cap's margin) uncounted.
     */
    public Uni<Set<String>> reserve(String channel, LocalDate day, List<String> listings, int holdFrom) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(listings));
        if (distinct.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < distinct.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(:channel, :l").append(i).append(", CAST(:day AS date), 1)");
        }
        NativeSql query = NativeSql.of("INSERT INTO channel_listing_revision (channel, listing_id, day, revisions) VALUES "
                + values + """
                 ON CONFLICT (channel, day, listing_id) DO UPDATE SET revisions = channel_listing_revision.revisions + 1
                WHERE channel_listing_revision.revisions < :holdFrom
                RETURNING listing_id""")
                .set("channel", channel).set("day", day).set("holdFrom", holdFrom);
        for (int i = 0; i < distinct.size(); i++) {
            query.set("l" + i, distinct.get(i));
        }
        return query.column().map(rows -> {
            Set<String> counted = new LinkedHashSet<>();
            rows.forEach(row -> counted.add(Rows.text(row)));
            return counted;
        });
    }

    /** Revisions counted for the listing on {@code day}. */
    public Uni<Integer> count(String channel, String listing, LocalDate day) {
        return NativeSql.of("""
                SELECT revisions FROM channel_listing_revision WHERE channel = :channel AND listing_id = :listing
                  AND day = CAST(:day AS date)""")
                .set("channel", channel).set("listing", listing).set("day", day)
                .column()
                .map(rows -> rows.isEmpty() ? 0 : (int) Rows.longValue(rows.get(0)));
    }

    /** Forgets the channel's counts of days before {@code day} (they no longer hold anything back). */
    public Uni<Void> forgetBefore(String channel, LocalDate day) {
        return NativeSql.of("""
                DELETE FROM channel_listing_revision WHERE channel = :channel AND day < CAST(:day AS date)""")
                .set("channel", channel).set("day", day).update()
                .replaceWithVoid();
    }
}
