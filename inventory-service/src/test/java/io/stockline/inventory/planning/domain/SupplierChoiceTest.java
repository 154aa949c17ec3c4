package io.stockline.inventory.planning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The supplier's terms as the policy reads them: the multiple both the supplier and the pack accept, the lead time. */
class SupplierChoiceTest {

    @Test
    void theMultipleIsTheLeastCommonMultipleOfTheOrderMultipleAndThePackSize() {
        assertThat(SupplierChoice.multiple(1, 1)).isEqualTo(1);
        assertThat(SupplierChoice.multiple(10, 1)).isEqualTo(10);
        assertThat(SupplierChoice.multiple(1, 6)).isEqualTo(6);
        assertThat(SupplierChoice.multiple(4, 6)).isEqualTo(12);
        assertThat(SupplierChoice.multiple(10, 5)).isEqualTo(10);
        assertThat(SupplierChoice.multiple(0, 0)).as("an unset multiple is 1").isEqualTo(1);
    }

    @Test
    void aMeasuredLeadTimeWinsOverTheNominalOneOnceAReceiptMeasuredIt() {
        SupplierChoice nominal = new SupplierChoice("S", 7, 20, 10, BigDecimal.ONE, 0, 0, 0);
        assertThat(nominal.measured()).isFalse();
        assertThat(nominal.terms()).isEqualTo(new SupplyTerms(7, 0, 20, 10, BigDecimal.ONE));
        SupplierChoice measured = new SupplierChoice("S", 7, 20, 10, BigDecimal.ONE, 3, 9.5, 1.5);
        assertThat(measured.measured()).isTrue();
        assertThat(measured.terms()).isEqualTo(new SupplyTerms(9.5, 1.5, 20, 10, BigDecimal.ONE));
    }
}
