package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

class RetryTest {

    private static final Duration FAST = Duration.ofMillis(1);

    private static Uni<String> failing(AtomicInteger calls, int failures, Throwable failure) {
        return Uni.createFrom().deferred(() -> calls.incrementAndGet() <= failures
                ? Uni.createFrom().failure(failure) : Uni.createFrom().item("applied"));
    }

    @Test
    void aDatabaseAwayIsWaitedOutLongerThanTheAttemptsAPoisonGets() {
        AtomicInteger calls = new AtomicInteger();
        PgException connectionLost = new PgException("terminating connection due to administrator command", "FATAL",
                "57P01", null);
        String result = Retry.untilApplied("test", () -> failing(calls, Retry.ATTEMPTS * 3, connectionLost), FAST, FAST)
                .await().atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(Retry.ATTEMPTS * 3 + 1);
    }

    @Test
    void aRefusedConnectionIsWaitedOut() {
        AtomicInteger calls = new AtomicInteger();
        String result = Retry.untilApplied("test", () -> failing(calls, Retry.ATTEMPTS + 2,
                new IllegalStateException("wrapped", new ConnectException("Connection refused"))), FAST, FAST)
                .await().atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("applied");
    }

    @Test
    void aFailureOfTheRecordItselfIsTriedAFewTimesThenGivenUpAsPoisonNamingIt() {
        AtomicInteger calls = new AtomicInteger();
        PgException checkViolated = new PgException("new row violates check constraint \"on_hand_not_negative\"",
                "ERROR", "23514", null);
        assertThatThrownBy(() -> Retry.untilApplied("test", () -> failing(calls, Integer.MAX_VALUE, checkViolated),
                FAST, FAST).await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(PoisonRecord.class)
                .hasMessageContaining("failed " + Retry.ATTEMPTS + " times")
                .hasMessageContaining("on_hand_not_negative");
        assertThat(calls).hasValue(Retry.ATTEMPTS);
    }

    @Test
    void aValueTheDatabaseCannotStoreIsPoisonAtTheFirstTryNamingTheComplaint() {
        // the fuzz tests: a NUL in a text is refused the same way on every try, so waiting five tries for it only
        // held the partition up
        AtomicInteger calls = new AtomicInteger();
        PgException nul = new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null);
        assertThatThrownBy(() -> Retry.untilApplied("test",
                () -> failing(calls, Integer.MAX_VALUE, new IllegalStateException("wrapped", nul)), FAST, FAST)
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(PoisonRecord.class)
                .hasMessageContaining("cannot store")
                .hasMessageContaining("0x00");
        assertThat(calls).hasValue(1);
        assertThat(Failures.dataException(new PgException("value out of range for type integer", "ERROR", "22003", null)))
                .contains("out of range");
        assertThat(Failures.dataException(new PgException("duplicate key", "ERROR", "23505", null))).isNull();
    }

    @Test
    void aFailureThatClearsWithinTheAttemptsIsApplied() {
        AtomicInteger calls = new AtomicInteger();
        String result = Retry.untilApplied("test", () -> failing(calls, Retry.ATTEMPTS - 1,
                new IllegalStateException("not yet")), FAST, FAST).await().atMost(Duration.ofSeconds(10));
        assertThat(result).isEqualTo("applied");
    }

    @Test
    void aPoisonRecordIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> Retry.untilApplied("test", () -> failing(calls, 1, new PoisonRecord("unreadable")),
                FAST, FAST).await().atMost(Duration.ofSeconds(10))).isInstanceOf(PoisonRecord.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void deadlocksSerializationFailuresAndBusyServicesAreInfrastructureConstraintsAndClientErrorsAreNot() {
        assertThat(Failures.isInfrastructure(new PgException("deadlock detected", "ERROR", "40P01", null))).isTrue();
        assertThat(Failures.isInfrastructure(new PgException("could not serialize", "ERROR", "40001", null))).isTrue();
        assertThat(Failures.isInfrastructure(new PgException("too many connections", "FATAL", "53300", null))).isTrue();
        assertThat(Failures.isInfrastructure(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(Failures.isInfrastructure(new jakarta.ws.rs.WebApplicationException(503))).isTrue();
        assertThat(Failures.isInfrastructure(new jakarta.ws.rs.WebApplicationException(429))).isTrue();
        assertThat(Failures.isInfrastructure(new jakarta.ws.rs.WebApplicationException(422))).isFalse();
        assertThat(Failures.isInfrastructure(new NullPointerException())).isFalse();
        assertThat(Failures.isInfrastructure(new RuntimeException(new PoisonRecord("bad")))).isFalse();
    }
}
