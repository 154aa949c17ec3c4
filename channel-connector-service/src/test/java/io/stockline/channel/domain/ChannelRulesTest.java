package io.stockline.channel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ChannelRulesTest {

    @ParameterizedTest(name = "available {0}, buffer {1} -> {2}")
    @CsvSource({
            "10, 2, 8",
            "3, 2, 1",
            "2, 2, 0", // exactly the buffer: nothing left to sell
            "1, 2, 0", // under the buffer: never below zero
            "0, 2, 0",
            "-4, 2, 0", // oversold locations do not make the channel quantity negative
            "7, 0, 7", // no buffer: everything available is sold
            "0, 0, 0" })
    void sellsTheAvailableStockLessTheBufferNeverBelowZero(long available, long buffer, long expected) {
        assertThat(new ChannelRules("webshop", buffer).quantityFor(available)).isEqualTo(expected);
    }

    @Test
    void refusesANegativeBuffer() {
        assertThatThrownBy(() -> new ChannelRules("webshop", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void keepsTheChannelItServes() {
        ChannelRules rules = new ChannelRules("marketplace", 3);
        assertThat(rules.channel()).isEqualTo("marketplace");
        assertThat(rules.buffer()).isEqualTo(3);
    }
}
