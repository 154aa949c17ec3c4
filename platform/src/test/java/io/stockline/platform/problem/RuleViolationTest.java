package io.stockline.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.stockline.platform.problem.RuleViolation.In;
import io.stockline.platform.problem.RuleViolation.Kind;

class RuleViolationTest {

    @Test
    void eachKindHasItsStatusAndTheFieldItsPlace() {
        assertThat(RuleViolation.invalid("sku", "required").status()).isEqualTo(400);
        assertThat(RuleViolation.notFound("sku", "no such item").status()).isEqualTo(404);
        assertThat(RuleViolation.conflict("code", "taken").status()).isEqualTo(409);
        assertThat(RuleViolation.unprocessable("quantity", "too many").status()).isEqualTo(422);
        assertThat(RuleViolation.invalid("sku", "required").in()).isEqualTo(In.BODY);
        assertThat(RuleViolation.unknownPath("sku", "no such item").in()).isEqualTo(In.PATH);
        assertThat(RuleViolation.invalidQuery("from", "not a date").in()).isEqualTo(In.QUERY);
        assertThat(RuleViolation.invalidHeader("Idempotency-Key", "required").in()).isEqualTo(In.HEADER);
    }

    @Test
    void aTitleOrAPlaceCanBeGivenWithoutLosingTheRest() {
        RuleViolation short_ = RuleViolation.conflict("lines[0].quantity", "only 3 available").titled("Insufficient stock");
        assertThat(short_.kind()).isEqualTo(Kind.CONFLICT);
        assertThat(short_.title()).isEqualTo("Insufficient stock");
        assertThat(short_.field()).isEqualTo("lines[0].quantity");
        assertThat(short_.getMessage()).isEqualTo("only 3 available");
        assertThat(RuleViolation.invalid("sku", "bad").title()).isEqualTo("Bad Request");
        assertThat(RuleViolation.invalid("sku", "bad").in(In.PATH).in()).isEqualTo(In.PATH);
    }
}
