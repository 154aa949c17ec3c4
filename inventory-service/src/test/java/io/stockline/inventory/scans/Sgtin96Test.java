package io.stockline.inventory.scans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.stockline.inventory.domain.Gtin;
import io.stockline.inventory.scans.domain.Sgtin96;

class Sgtin96Test {

    @Test
    void decodesTheTagDataStandardsExample() {
        // GS1 EPC Tag Data Standard: urn:epc:id:sgtin:0614141.812345.6789, filter 3 → 3074257BF7194E4000001A85,
        // the GTIN (01) 80614141123458 with serial (21) 6789
        Sgtin96 tag = Sgtin96.decode("3074257BF7194E4000001A85");
        assertThat(tag.gtin14()).isEqualTo("80614141123458");
        assertThat(tag.serial()).isEqualTo(6789);
        assertThat(Gtin.problem(tag.gtin14())).isNull();
    }

    @Test
    void lowerCaseHexIsTheSameTag() {
        assertThat(Sgtin96.decode("3074257bf7194e4000001a85").epc()).isEqualTo("3074257BF7194E4000001A85");
    }

    @Test
    void onlySgtin96IsATag() {
        assertThat(Sgtin96.isEpc("4006381333931")).isFalse();
        assertThat(Sgtin96.isEpc("3574257BF7194E4000001A85")).isFalse();
        assertThat(Sgtin96.isEpc("3074257BF7194E4000001A8")).isFalse();
        assertThat(Sgtin96.isEpc("3074257BF7194E4000001AZZ")).isFalse();
        // partition 7 does not exist
        assertThatThrownBy(() -> Sgtin96.decode("307C257BF7194E4000001A85")).hasMessageContaining("partition");
    }
}
