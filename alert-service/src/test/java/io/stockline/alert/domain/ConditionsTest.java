package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionsTest {

    private static final Duration COOLDOWN = Duration.ofMinutes(15);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static Rule rule(AlertKind kind, Long threshold) {
        return new Rule(null, kind, null, null, null, threshold, COOLDOWN, true);
    }

    private static Rule disabled(AlertKind kind, Long threshold) {
        return new Rule(null, kind, null, null, null, threshold, COOLDOWN, false);
    }

    @Test
    void lowStockIsAtOrUnderTheReorderPoint() {
        Rule low = rule(AlertKind.LOW_STOCK, 5L);
        assertThat(Conditions.lowStock(low, 6)).isFalse();
        assertThat(Conditions.lowStock(low, 5)).isTrue();
        assertThat(Conditions.lowStock(low, -3)).isTrue();
        assertThat(Conditions.lowStock(rule(AlertKind.LOW_STOCK, 0L), 1)).isFalse();
        assertThat(Conditions.lowStock(rule(AlertKind.LOW_STOCK, 0L), 0)).isTrue();
        assertThat(Conditions.lowStock(disabled(AlertKind.LOW_STOCK, 5L), 0)).as("disabled").isFalse();
        assertThat(Conditions.lowStock(rule(AlertKind.LOW_STOCK, null), 0)).as("no reorder point").isFalse();
        assertThat(Conditions.lowStock(null, 0)).as("no rule").isFalse();
    }

    @Test
    void outOfStockIsNothingAvailableOrOversold() {
        Rule out = rule(AlertKind.OUT_OF_STOCK, null);
        assertThat(Conditions.outOfStock(out, 1)).isFalse();
        assertThat(Conditions.outOfStock(out, 0)).isTrue();
        assertThat(Conditions.outOfStock(out, -1)).isTrue();
        assertThat(Conditions.outOfStock(disabled(AlertKind.OUT_OF_STOCK, null), 0)).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(nullValues = "null", value = {
            "0, 1, true",
            "-2, 3, true", // oversold, then received
            "0, 0, false",
            "1, 2, false", // was never out
            "null, 5, false", // the first figure seen is not a return
            "3, 0, false" })
    void backInStockIsAboveZeroAfterBeingOut(Long previous, long available, boolean expected) {
        assertThat(Conditions.backInStock(rule(AlertKind.BACK_IN_STOCK, null), previous, available)).isEqualTo(expected);
    }

    @Test
    void overstockIsOverTheMaximumAndOffWithoutOne() {
        Rule over = rule(AlertKind.OVERSTOCK, 100L);
        assertThat(Conditions.overstock(over, 100)).isFalse();
        assertThat(Conditions.overstock(over, 101)).isTrue();
        assertThat(Conditions.overstock(rule(AlertKind.OVERSTOCK, null), 1_000_000)).isFalse();
    }

    @ParameterizedTest(name = "expires in {0} days, {1} on hand, window {2} -> {3}")
    @CsvSource({
            "30, 5, 30, true", // the last day of the window
            "31, 5, 30, false", // one day outside
            "0, 5, 30, true", // expires today
            "-1, 5, 30, true", // expired: still needs someone
            "10, 0, 30, false", // nothing left of the lot
            "0, 5, 0, true", // a zero window: only today and the past
            "1, 5, 0, false" })
    void nearExpiryWindowCountsWholeDays(long inDays, long quantity, long window, boolean expected) {
        assertThat(Conditions.nearExpiry(rule(AlertKind.NEAR_EXPIRY, window), TODAY.plusDays(inDays), quantity, TODAY))
                .isEqualTo(expected);
    }

    @Test
    void noWindowOverflowsTheCalendar() {
        // a window past the last date LocalDate holds counted days rather than moving today by them
        assertThat(Conditions.nearExpiry(rule(AlertKind.NEAR_EXPIRY, 999_999_999_999_999L), TODAY.plusYears(50), 5, TODAY))
                .isTrue();
        assertThat(Conditions.nearExpiry(rule(AlertKind.NEAR_EXPIRY, Long.MAX_VALUE), LocalDate.MAX, 5, LocalDate.MIN))
                .isTrue();
    }

    @Test
    void aLotWithoutADateNeverExpires() {
        assertThat(Conditions.nearExpiry(rule(AlertKind.NEAR_EXPIRY, 3650L), null, 5, TODAY)).isFalse();
    }

    @ParameterizedTest(name = "{0}, lag {1}s, limit 600 -> {2}")
    @CsvSource({
            "OK, 0, false",
            "OK, 600, false",
            "OK, 601, true", // late without saying so
            "LAGGING, 599, false",
            "LAGGING, 601, true",
            "FAILING, 0, true",
            "CIRCUIT_OPEN, 0, true",
            "DISABLED, 100000, false" }) // switched off on purpose
    void syncFailsWhenFailingOrLaggingBeyondTheLimit(SyncStatus.State state, long lag, boolean expected) {
        SyncStatus status = new SyncStatus("shop", state, 3, lag, 0, null, OffsetDateTime.parse("2026-11-23T12:00:00Z"));
        assertThat(Conditions.syncFailing(rule(AlertKind.SYNC_FAILING, 600L), status)).isEqualTo(expected);
    }
}
