package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.stockline.alert.domain.Lifecycle.Decision;
import io.stockline.alert.domain.Lifecycle.State;

class LifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Rule LOW = new Rule(null, AlertKind.LOW_STOCK, null, null, null, 5L, Duration.ofMinutes(15), true);

    @ParameterizedTest(name = "open={0}, available={1} -> {2}")
    @CsvSource({
            // no alert open yet, no cool-down
            "false, 100, NONE",
            "false, 6, NONE", // one above the reorder point is not low
            "false, 5, OPEN", // exactly the reorder point is low
            "false, 4, OPEN",
            "false, 0, OPEN",
            "false, -2, OPEN", // oversold
            // an alert is open
            "true, 5, NONE", // still low: the seller already knows
            "true, 0, NONE",
            "true, -1, NONE",
            "true, 6, RESOLVE", // back above the reorder point
            "true, 100, RESOLVE" })
    void opensOncePerCrossingAndResolvesAboveTheReorderPoint(boolean open, long available, Decision expected) {
        State state = new State(open, false, null);
        assertThat(Lifecycle.decide(state, Conditions.lowStock(LOW, available), NOW)).isEqualTo(expected);
    }

    /** Drives one subject through figures, applying decisions the way AlertService does. */
    private static String run(Duration cooldown, long[] figures, Duration step) {
        State state = State.CLEAR;
        Instant now = NOW;
        StringBuilder decisions = new StringBuilder();
        for (long available : figures) {
            Decision decision = Lifecycle.decide(state, available <= 5, now);
            state = switch (decision) {
                case OPEN -> new State(true, false, state.cooldownUntil());
                case RESOLVE -> new State(false, false, now.plus(cooldown));
                case HOLD -> new State(false, true, state.cooldownUntil());
                case RELEASE -> new State(false, false, state.cooldownUntil());
                case NONE, NOTIFY -> state;
            };
            decisions.append(decision.name().charAt(0)).append(decision == Decision.RELEASE ? "l" : "");
            now = now.plus(step);
        }
        return decisions.toString();
    }

    @Test
    void withoutACooldownEveryCrossingOpensAndResolves() {
        assertThat(run(Duration.ZERO, new long[] { 10, 6, 5, 3, 0, 4, 5, 6, 9, 2, 1 }, Duration.ofSeconds(1)))
                .isEqualTo("NNONNNNRNON");
    }

    @Test
    void flappingInsideTheCooldownOpensNothingMore() {
        // open, resolve, then low/high/low within 15 minutes: held and released, never opened again
        assertThat(run(Duration.ofMinutes(15), new long[] { 4, 6, 4, 6, 3, 7 }, Duration.ofMinutes(1)))
                .isEqualTo("ORHRlHRl");
    }

    @Test
    void aConditionHeldPastTheCooldownOpensWhenLookedAtAgain() {
        // open, resolve (cool-down to minute 25), low again at minute 20 (held), still low at 30: opens then
        assertThat(run(Duration.ofMinutes(15), new long[] { 4, 6, 4, 4, 4 }, Duration.ofMinutes(10)))
                .isEqualTo("ORHON");
    }

    @Test
    void theCooldownEndsExactlyAtItsInstant() {
        Instant until = NOW.plusSeconds(60);
        State cooling = new State(false, false, until);
        assertThat(Lifecycle.decide(cooling, true, until.minusMillis(1))).isEqualTo(Decision.HOLD);
        assertThat(Lifecycle.decide(cooling, true, until)).isEqualTo(Decision.OPEN);
    }

    @Test
    void aHeldConditionIsHeldOnceAndReleasedWhenItEnds() {
        State held = new State(false, true, NOW.plusSeconds(60));
        assertThat(Lifecycle.decide(held, true, NOW)).isEqualTo(Decision.NONE);
        assertThat(Lifecycle.decide(held, false, NOW)).isEqualTo(Decision.RELEASE);
        assertThat(Lifecycle.decide(held, true, NOW.plusSeconds(61))).isEqualTo(Decision.OPEN);
    }

    @Test
    void aOneShotNotifiesWhenTriggeredOutsideItsCooldownOnly() {
        assertThat(Lifecycle.decideOneShot(State.CLEAR, true, NOW)).isEqualTo(Decision.NOTIFY);
        assertThat(Lifecycle.decideOneShot(State.CLEAR, false, NOW)).isEqualTo(Decision.NONE);
        State notified = new State(false, false, NOW.plusSeconds(60));
        assertThat(Lifecycle.decideOneShot(notified, true, NOW.plusSeconds(59))).isEqualTo(Decision.NONE);
        assertThat(Lifecycle.decideOneShot(notified, true, NOW.plusSeconds(60))).isEqualTo(Decision.NOTIFY);
    }
}
