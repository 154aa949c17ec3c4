package io.stockline.alert.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.DeadLetter;
import io.stockline.platform.events.PoisonRecord;
import io.vertx.pgclient.PgException;

/** A dead-letter record is counted whatever its headers hold: the channel's failure strategy would drop it. */
class DeadLetterConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final DeadLetter LETTER = new DeadLetter("orders.dlq", "refused for a reason", "io.x.v1");

    private static PgException unstorable() {
        return new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
    }

    @Test
    void aRecordTheDatabaseRefusesWithItsHeadersIsCountedWithTheUnknownReason() {
        List<DeadLetter> tried = new CopyOnWriteArrayList<>();
        DeadLetterConsumer.applyAlways("test", LETTER, letter -> {
            tried.add(letter);
            return letter.reason().equals(DeadLetter.UNKNOWN_REASON) ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(unstorable());
        }).await().atMost(WAIT);
        assertThat(tried).containsExactly(LETTER, new DeadLetter("orders.dlq", DeadLetter.UNKNOWN_REASON, null));
    }

    @Test
    void theDatabaseAwayIsStillWaitedOutWithTheHeadersKept() {
        List<DeadLetter> tried = new CopyOnWriteArrayList<>();
        PgException connectionLost = new PgException("terminating connection due to administrator command", "FATAL",
                "57P01", null);
        DeadLetterConsumer.applyAlways("test", LETTER, letter -> {
            tried.add(letter);
            return tried.size() <= 2 ? Uni.createFrom().failure(connectionLost) : Uni.createFrom().voidItem();
        }).await().atMost(WAIT);
        assertThat(tried).containsExactly(LETTER, LETTER, LETTER);
    }

    @Test
    void onlyARecordRefusedWithoutItsHeadersTooIsGivenUp() {
        List<DeadLetter> tried = new CopyOnWriteArrayList<>();
        assertThatThrownBy(() -> DeadLetterConsumer.applyAlways("test", LETTER, letter -> {
            tried.add(letter);
            return Uni.createFrom().failure(unstorable());
        }).await().atMost(WAIT)).isInstanceOf(PoisonRecord.class);
        assertThat(tried).hasSize(2);
    }
}
