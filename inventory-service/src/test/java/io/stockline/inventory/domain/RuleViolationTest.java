package io.stockline.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.stockline.inventory.domain.RuleViolation.Kind;

class RuleViolationTest {

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of((BiFunction<String, String, RuleViolation>) RuleViolation::invalid, Kind.INVALID),
                Arguments.of((BiFunction<String, String, RuleViolation>) RuleViolation::notFound, Kind.NOT_FOUND),
                Arguments.of((BiFunction<String, String, RuleViolation>) RuleViolation::conflict, Kind.CONFLICT),
                Arguments.of((BiFunction<String, String, RuleViolation>) RuleViolation::insufficientStock,
                        Kind.INSUFFICIENT_STOCK),
                Arguments.of((BiFunction<String, String, RuleViolation>) RuleViolation::unprocessable,
                        Kind.UNPROCESSABLE));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void eachFactoryMakesItsKindAndKeepsFieldAndMessage(BiFunction<String, String, RuleViolation> factory, Kind kind) {
        RuleViolation violation = factory.apply("lines[2].quantity", "not enough");
        assertThat(violation.kind()).isEqualTo(kind);
        assertThat(violation.field()).isEqualTo("lines[2].quantity");
        assertThat(violation.getMessage()).isEqualTo("not enough");
        assertThat(violation).isInstanceOf(RuntimeException.class);
    }

    @Test
    void everyKindHasAFactory() {
        assertThat(factories().map(a -> a.get()[1])).containsExactlyInAnyOrder((Object[]) Kind.values());
    }

    @Test
    void theConstructorKeepsWhatItIsGiven() {
        RuleViolation violation = new RuleViolation(Kind.CONFLICT, "Idempotency-Key", "used for another request");
        assertThat(violation.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(violation.field()).isEqualTo("Idempotency-Key");
        assertThat(violation.getMessage()).isEqualTo("used for another request");
    }
}
