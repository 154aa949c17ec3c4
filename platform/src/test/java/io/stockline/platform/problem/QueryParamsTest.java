package io.stockline.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    private enum Colour { RED, GREEN }

    private static void refused(Runnable read, String field) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(RuleViolation.class,
                violation -> assertThat(violation.field()).isEqualTo(field));
    }

    @Test
    void aSwitchIsTrueOrFalseAndNothingElseIsReadAsFalse() {
        assertThat(QueryParams.flag("dryRun", null)).isFalse();
        assertThat(QueryParams.flag("dryRun", " ")).isFalse();
        assertThat(QueryParams.flag("dryRun", "TRUE")).isTrue();
        assertThat(QueryParams.flag("dryRun", "false")).isFalse();
        refused(() -> QueryParams.flag("dryRun", "1"), "dryRun");
        refused(() -> QueryParams.flag("dryRun", "yes"), "dryRun");
    }

    @Test
    void aDateWithinTheYearsThatDateArithmeticAndTheDatabaseHold() {
        LocalDate today = LocalDate.of(2026, 12, 6);
        assertThat(QueryParams.date("to", null, today)).isEqualTo(today);
        assertThat(QueryParams.date("to", " 2026-01-31 ", today)).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(QueryParams.date("to", "9999-12-31", today)).isEqualTo(QueryParams.LAST_DATE);
        refused(() -> QueryParams.date("to", "+999999999-12-31", today), "to");
        refused(() -> QueryParams.date("from", "0999-12-31", today), "from");
        refused(() -> QueryParams.date("from", "yesterday", today), "from");
    }

    @Test
    void wholeNumbersInTheirRange() {
        assertThat(QueryParams.limit(null, 50, 100)).isEqualTo(50);
        assertThat(QueryParams.limit("100", 50, 100)).isEqualTo(100);
        refused(() -> QueryParams.limit("0", 50, 100), "limit");
        refused(() -> QueryParams.limit("abc", 50, 100), "limit");
        refused(() -> QueryParams.limit("3000000000", 50, 100), "limit");
        assertThat(QueryParams.wholeLong("after", "3000000000", 0, 0, Long.MAX_VALUE)).isEqualTo(3_000_000_000L);
        refused(() -> QueryParams.wholeLong("after", "-1", 0, 0, Long.MAX_VALUE), "after");
    }

    @Test
    void anEnumInAnyCaseAndTextWithoutBlanks() {
        assertThat(QueryParams.oneOf("colour", "green", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(QueryParams.oneOf("colour", "", Colour.class)).isNull();
        refused(() -> QueryParams.oneOf("colour", "blue", Colour.class), "colour");
        assertThat(QueryParams.text("  WH-1 ")).isEqualTo("WH-1");
        assertThat(QueryParams.text(" ")).isNull();
    }
}
