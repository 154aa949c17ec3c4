package io.stockline.channel.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.problem.RuleViolations;

class ListingCsvTest {

    @Test
    void readsLinesWithAnOptionalHeaderAndBlankLines() {
        assertThat(ListingCsv.parse("sku,listingId\r\nA-1, L-1\n\nB-2,L-2\n"))
                .containsExactly(new ListingCsv.Mapping("A-1", "L-1"), new ListingCsv.Mapping("B-2", "L-2"));
        assertThat(ListingCsv.parse("A-1,L-1")).containsExactly(new ListingCsv.Mapping("A-1", "L-1"));
    }

    @Test
    void reportsEveryBadLineByNumberAndField() {
        assertThatThrownBy(() -> ListingCsv.parse("sku,listingId\nA,L\nB,\n,X\nC\nA,L2\n"))
                .isInstanceOfSatisfying(RuleViolations.class, violation -> assertThat(violation.errors())
                        .extracting(RuleViolations.FieldError::field)
                        .containsExactly("line 3.listingId", "line 4.sku", "line 5", "line 6.sku"));
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> ListingCsv.parse("sku,listingId\n")).isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> ListingCsv.parse("")).isInstanceOf(RuleViolation.class);
    }
}
