package io.stockline.alert.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.DeadLetter;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** dead_letter_topic: what each dead-letter topic has received. */
@ApplicationScoped
public class DeadLetterRepository {

    /**
     * Counts one record of the topic and keeps its reason and type; the topic's count so far. The topic's row stays
     * locked until the transaction ends, the first record's too, which is what serialises the records of a topic.
     */
    public Uni<Long> record(DeadLetter letter, OffsetDateTime at) {
        return NativeSql.of("""
                INSERT INTO dead_letter_topic (topic, records, last_reason, last_type, last_at)
                VALUES (:topic, 1, :reason, CAST(:type AS text), :at)
                ON CONFLICT (topic) DO UPDATE SET records = dead_letter_topic.records + 1,
                    last_reason = EXCLUDED.last_reason, last_type = EXCLUDED.last_type, last_at = EXCLUDED.last_at
                RETURNING records""")
                .set("topic", letter.topic()).set("reason", letter.reason())
                .set("type", letter.type()).set("at", at)
                .column().map(rows -> rows.get(0))
                .map(Rows::longOrNull);
    }

    /** Topics whose DEAD_LETTERS alert is open and which have received nothing since before the given time. */
    public Uni<List<String>> quietWithOpenAlert(OffsetDateTime since, int limit) {
        return NativeSql.of("""
                SELECT t.topic FROM dead_letter_topic t
                JOIN alert_state s ON s.kind = 'DEAD_LETTERS' AND s.sku = '' AND s.location = '' AND s.lot = ''
                                  AND s.channel = t.topic
                WHERE s.open_alert_id IS NOT NULL AND t.last_at <= :since ORDER BY t.topic LIMIT :limit""")
                .set("since", since).set("limit", limit)
                .column()
                .map(rows -> rows.stream().map(Rows::text).toList());
    }

    /** When the topic last received a record, or null. */
    public Uni<OffsetDateTime> lastAt(String topic) {
        return NativeSql.of(
                "SELECT last_at FROM dead_letter_topic WHERE topic = :topic")
                .set("topic", topic).first(row -> Rows.time(row[0]));
    }
}
