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
        PgException tooBig = new PgException("value out of range for type integer", "ERROR", "22003", null);
        assertThatThrownBy(() -> Retry.untilApplied("test", () -> failing(calls, Integer.MAX_VALUE, tooBig), FAST, FAST)
                .await().atMost(Duration.ofSeconds(10)))
                .isInstanceOf(PoisonRecord.class)
                .hasMessageContaining("failed " + Retry.ATTEMPTS + " times")
                .hasMessageContaining("value out of range");
        assertThat(calls).hasValue(Retry.ATTEMPTS);
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
