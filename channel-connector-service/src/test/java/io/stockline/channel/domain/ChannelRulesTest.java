package io.stockline.channel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelRulesTest {

    private static ChannelRules rules(Buffer buffer, int percentage, Long max, long threshold) {
        return new ChannelRules(buffer, percentage, max, threshold);
    }

    @ParameterizedTest(name = "available {0}, buffer {1} units -> {2}")
    @CsvSource({
            "10, 2, 8",
            "3, 2, 1",
            "2, 2, 0", // exactly the buffer: nothing left to sell
            "1, 2, 0", // under the buffer: never below zero
            "0, 2, 0",
            "-4, 2, 0", // oversold locations do not make the channel quantity negative
            "-4, 0, 0",
            "7, 0, 7", // no buffer: everything available is sold
            "0, 0, 0" })
    void aUnitBufferIsHeldBackNeverBelowZero(long available, long buffer, long expected) {
        assertThat(rules(Buffer.units(buffer), 100, null, 0).quantityFor(available)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "available {0}, buffer {1}% -> {2}")
    @CsvSource({
            "100, 10, 90",
            "10, 10, 9", // exactly 1 unit
            "11, 10, 9", // 1.1 rounds up to 2 held back
            "19, 10, 17", // 1.9 rounds up to 2
            "1, 1, 0", // 0.01 rounds up to 1: the last unit is held back
            "5, 0, 5",
            "5, 100, 0", // everything held back
            "0, 50, 0",
            "-3, 50, 0" })
    void aPercentBufferRoundsTheUnitsHeldBackUp(long available, long percent, long expected) {
        assertThat(rules(Buffer.percent(percent), 100, null, 0).quantityFor(available)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "available {0}, buffer 2, {1}% offered -> {2}")
    @CsvSource({
            "12, 50, 5", // (12 - 2) * 50% = 5
            "13, 50, 5", // 5.5 rounds down
            "3, 50, 0", // 0.5 rounds down to 0
            "12, 100, 10",
            "12, 0, 0",
            "-5, 50, 0" })
    void thePercentageOfferedIsTakenAfterTheBufferAndRoundsDown(long available, int percentage, long expected) {
        assertThat(rules(Buffer.units(2), percentage, null, 0).quantityFor(available)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "available {0}, max {1} -> {2}")
    @CsvSource({
            "50, 10, 10",
            "10, 10, 10",
            "9, 10, 9",
            "50, 0, 0", // max 0: the channel never shows stock
            "-1, 5, 0" })
    void theMaximumCapsWhatIsShown(long available, long max, long expected) {
        assertThat(rules(Buffer.NONE, 100, max, 0).quantityFor(available)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "available {0}, threshold {1} -> {2}")
    @CsvSource({
            "3, 3, 0", // equal to the threshold: zeroed
            "4, 3, 4",
            "2, 3, 0",
            "0, 0, 0",
            "1, 0, 1" })
    void atOrUnderTheZeroOutThresholdTheChannelShowsZero(long available, long threshold, long expected) {
        assertThat(rules(Buffer.NONE, 100, null, threshold).quantityFor(available)).isEqualTo(expected);
    }

    @Test
    void theRulesApplyInTheDocumentedOrder() {
        // 100 -> minus 10% (10) = 90 -> x 50% = 45 -> capped at 40 -> over threshold 5 -> 40
        assertThat(rules(Buffer.percent(10), 50, 40L, 5).quantityFor(100)).isEqualTo(40);
        // the threshold applies to the capped figure: cap 5, threshold 5 -> 0
        assertThat(rules(Buffer.NONE, 100, 5L, 5).quantityFor(100)).isEqualTo(0);
        // the threshold applies after the percentage: (20 - 0) x 25% = 5 <= 5 -> 0
        assertThat(rules(Buffer.NONE, 25, null, 5).quantityFor(20)).isEqualTo(0);
    }

    @Test
    void aSkuRuleReplacesOnlyWhatItSets() {
        ChannelRules channel = rules(Buffer.units(2), 50, 100L, 1);
        ChannelRules forSku = channel.with(new SkuRule(false, Buffer.units(0), null, 3L));
        assertThat(forSku).isEqualTo(rules(Buffer.units(0), 50, 3L, 1));
        assertThat(channel.with(null)).isSameAs(channel);
        assertThat(forSku.quantityFor(20)).isEqualTo(3);
        assertThat(channel.quantityFor(20)).isEqualTo(9);
    }

    @Test
    void anExcludedSkuPushesNothingAndADiscontinuedItemPushesZero() {
        ChannelRules channel = rules(Buffer.units(1), 100, null, 0);
        assertThat(channel.decide(10, SkuRule.exclusion(), ItemStatus.ACTIVE)).isEmpty();
        assertThat(channel.decide(10, SkuRule.exclusion(), ItemStatus.DISCONTINUED)).isEmpty();
        assertThat(channel.decide(10, null, ItemStatus.DISCONTINUED)).isEqualTo(OptionalLong.of(0));
        assertThat(channel.decide(10, null, ItemStatus.ACTIVE)).isEqualTo(OptionalLong.of(9));
        assertThat(channel.decide(10, new SkuRule(false, null, 50, null), ItemStatus.ACTIVE))
                .isEqualTo(OptionalLong.of(4));
    }

    @Test
    void refusesRulesThatMakeNoSense() {
        assertThatThrownBy(() -> Buffer.units(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> Buffer.percent(101)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101");
        assertThatThrownBy(() -> rules(Buffer.NONE, 101, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules(Buffer.NONE, -1, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules(Buffer.NONE, 100, -1L, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rules(Buffer.NONE, 100, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} units expected during the lag, floor 2, ceiling 20 -> {1} held back")
    @CsvSource({
            "0, 2", // a SKU nobody buys keeps the floor
            "0.4, 2",
            "2.01, 3", // rounded up: a fraction of a sale is a sale that may come
            "9.5, 10",
            "20, 20",
            "350, 20" }) // a runaway seller is capped at the ceiling
    void aDynamicBufferHoldsBackWhatSellsDuringTheLagBetweenFloorAndCeiling(double expected, long heldBack) {
        ChannelRules dynamic = new ChannelRules(Buffer.units(99), 100, null, 0, new DynamicBuffer(2, 20), null);
        assertThat(dynamic.quantityFor(100, expected)).as("the fixed buffer of 99 does not apply").isEqualTo(100 - heldBack);
    }

    @Test
    void aSkuRuleWithItsOwnBufferKeepsItOverTheDynamicBuffer() {
        ChannelRules dynamic = new ChannelRules(Buffer.NONE, 100, null, 0, new DynamicBuffer(5, 50), null);

        assertThat(dynamic.decide(100, 30, new SkuRule(false, Buffer.units(1), null, null), ItemStatus.ACTIVE))
                .hasValue(99);
        assertThat(dynamic.decide(100, 30, new SkuRule(false, null, 50, null), ItemStatus.ACTIVE))
                .as("a rule without a buffer keeps the dynamic one").hasValue(35);
    }

    @Test
    void aDynamicBufferNeedsACeilingAtLeastItsFloor() {
        assertThatThrownBy(() -> new DynamicBuffer(5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DynamicBuffer(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
