package io.stockline.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class TransientConflictsTest {

    private static PgException pg(String sqlState) {
        return new PgException("deadlock detected", "ERROR", sqlState, null);
    }

    @Test
    void aDeadlockOrSerializationFailureIsRunAgainFromTheStart() {
        AtomicInteger attempts = new AtomicInteger();
        String result = TransientConflicts.retried("test", () -> attempts.incrementAndGet() < 3
                // wrapped as Hibernate Reactive hands it on
                ? Uni.createFrom().failure(new CompletionException(pg(attempts.get() == 1 ? "40P01" : "40001")))
                : Uni.createFrom().item("held"))
                .await().atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("held");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aDeadlockThatPersistsEndsAsExhaustedAfterAFewAttempts() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> TransientConflicts.retried("test", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().<String>failure(pg("40P01"));
        }).await().atMost(Duration.ofSeconds(10))).isInstanceOf(TransientConflicts.Exhausted.class);
        assertThat(attempts).hasValue(TransientConflicts.ATTEMPTS);
    }

    @Test
    void anyOtherFailureIsPassedOnAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        IllegalStateException refused = new IllegalStateException("a rule");
        assertThatThrownBy(() -> TransientConflicts.retried("test", () -> {
            attempts.incrementAndGet();
            return Uni.createFrom().<String>failure(refused);
        }).await().atMost(Duration.ofSeconds(10))).isSameAs(refused);
        assertThatThrownBy(() -> TransientConflicts.retried("test",
                () -> Uni.createFrom().<String>failure(pg("23505"))).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(PgException.class);
        assertThat(attempts).hasValue(1);
    }
}
