package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StockNumbersTest {

    @Test
    void numbersAMovementCanProduceAreTaken() {
        assertThatCode(() -> StockNumbers.require(1, -3, 0L, 0L)).as("an oversold location is negative available")
                .doesNotThrowAnyException();
        assertThatCode(() -> StockNumbers.require(123_456, 1_000_000, 1_000_000L, null)).doesNotThrowAnyException();
        assertThatCode(() -> StockNumbers.requireLot(0)).doesNotThrowAnyException();
    }

    @Test
    void numbersNoMovementCanProduceAreRefusedNamingThem() {
        assertThatThrownBy(() -> StockNumbers.require(0, 1, 1L, 0L)).isInstanceOf(PoisonRecord.class).hasMessageContaining("version 0");
        assertThatThrownBy(() -> StockNumbers.require(Long.MAX_VALUE, 1, 1L, 0L)).isInstanceOf(PoisonRecord.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> StockNumbers.require(2, 1, -5L, 0L)).isInstanceOf(PoisonRecord.class).hasMessageContaining("onHand -5");
        assertThatThrownBy(() -> StockNumbers.require(2, 1, 1L, -1L)).isInstanceOf(PoisonRecord.class).hasMessageContaining("committed -1");
        assertThatThrownBy(() -> StockNumbers.require(2, Long.MIN_VALUE + 1, null, null)).isInstanceOf(PoisonRecord.class)
                .hasMessageContaining("available");
        assertThatThrownBy(() -> StockNumbers.requireLot(-2)).isInstanceOf(PoisonRecord.class).hasMessageContaining("-2");
    }
}
