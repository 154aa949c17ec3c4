package io.stockline.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtinTest {

    @Test
    void publishedNumbersCarryTheCheckDigitGs1Computes() {
        // EAN-13, UPC-A, EAN-8 and GTIN-14 numbers printed on real packaging
        for (String gtin : new String[] {"4006381333931", "036000291452", "96385074", "10614141000415", "5901234123457"}) {
            assertThat(Gtin.problem(gtin)).as(gtin).isNull();
            assertThat(Gtin.checkDigit(gtin.substring(0, gtin.length() - 1))).as(gtin)
                    .isEqualTo(gtin.charAt(gtin.length() - 1) - '0');
        }
    }

    @Test
    void aWrongCheckDigitIsAProblemThatNamesTheCode() {
        assertThat(Gtin.problem("4006381333932")).contains("4006381333932").contains("1");
        assertThat(Gtin.problem("036000291453")).isNotNull();
    }

    @Test
    void aSellersOwnCodeIsNotAGtinAndIsTakenAsItIs() {
        for (String code : new String[] {"EAN-123", "BIN-A-01", "12345", "123456789", "4006381333931X"}) {
            assertThat(Gtin.isGtinShaped(code)).as(code).isFalse();
            assertThat(Gtin.problem(code)).as(code).isNull();
        }
        assertThat(Gtin.problem("EAN-123")).isNull();
        assertThat(Gtin.forms("EAN-123")).containsExactly("EAN-123");
    }

    @Test
    void aUpcAndItsEan13AreOneNumber() {
        assertThat(Gtin.forms("036000291452")).containsExactlyInAnyOrder("036000291452", "0036000291452", "00036000291452");
        assertThat(Gtin.forms("00036000291452")).contains("036000291452", "0036000291452");
        assertThat(Gtin.forms("4006381333931")).containsExactlyInAnyOrder("4006381333931", "04006381333931");
        assertThat(Gtin.toGtin14("96385074")).isEqualTo("00000096385074");
        assertThat(Gtin.forms("00000096385074")).contains("96385074");
    }
}
