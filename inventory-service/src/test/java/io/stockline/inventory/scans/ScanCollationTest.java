package io.stockline.inventory.scans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockline.inventory.scans.domain.ScanCollation;
import io.stockline.inventory.scans.domain.ScanCollation.Read;

class ScanCollationTest {

    private static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
    private static final Duration WINDOW = Duration.ofMillis(500);

    private static Read at(String code, long millis, String reader) {
        return new Read(code, T0.plusMillis(millis), reader);
    }

    @Test
    void aDoubleReadIsOneScanAndASecondUnitLaterIsAnother() {
        var collated = ScanCollation.collate(List.of(
                at("4006381333931", 0, "HH"), at("4006381333931", 120, "HH"),
                at("4006381333931", 2_000, "HH"), at("4006381333931", 5_000, "HH")), WINDOW);
        assertThat(collated.units()).containsEntry("04006381333931", 3L);
        assertThat(collated.duplicates()).isEqualTo(1);
        assertThat(collated.reads()).isEqualTo(4);
    }

    @Test
    void aLabelHeldUnderTheScannerStaysOneScan() {
        var collated = ScanCollation.collate(List.of(at("4006381333931", 0, "HH"), at("4006381333931", 400, "HH"),
                at("4006381333931", 800, "HH"), at("4006381333931", 1_200, "HH")), WINDOW);
        assertThat(collated.units()).containsEntry("04006381333931", 1L);
    }

    @Test
    void twoReadersScanningTheSameProductAreTwoUnits() {
        var collated = ScanCollation.collate(List.of(at("4006381333931", 0, "HH-1"), at("4006381333931", 10, "HH-2")),
                WINDOW);
        assertThat(collated.units()).containsEntry("04006381333931", 2L);
    }

    @Test
    void readsOutOfOrderAreSortedByTime() {
        var collated = ScanCollation.collate(List.of(at("96385074", 1_000, "HH"), at("96385074", 0, "HH"),
                at("96385074", 100, "HH")), WINDOW);
        assertThat(collated.units()).containsEntry("00000096385074", 2L);
    }

    @Test
    void readsWithoutATimeEachCount() {
        var collated = ScanCollation.collate(List.of(new Read("BIN-1", null, null), new Read("BIN-1", null, null)), WINDOW);
        assertThat(collated.units()).containsEntry("BIN-1", 2L);
    }

    @Test
    void anRfidTagCountsOnceHoweverOftenAndLateItIsRead() {
        var collated = ScanCollation.collate(List.of(at("3074257BF7194E4000001A85", 0, "GATE"),
                at("3074257bf7194e4000001a85", 60_000, "GATE"), at("3074257BF7194E4000001A86", 0, "GATE")), WINDOW);
        assertThat(collated.units()).containsEntry("80614141123458", 2L);
        assertThat(collated.duplicates()).isEqualTo(1);
    }

    @Test
    void aUpcAndItsEan13AreOneProduct() {
        var collated = ScanCollation.collate(List.of(new Read("036000291452", null, null),
                new Read("0036000291452", null, null)), WINDOW);
        assertThat(collated.units()).containsExactly(java.util.Map.entry("00036000291452", 2L));
    }

    @Test
    void aWrongCheckDigitNamesTheRead() {
        assertThatThrownBy(() -> ScanCollation.collate(List.of(new Read("4006381333931", null, null),
                new Read("4006381333932", null, null)), WINDOW))
                .isInstanceOfSatisfying(ScanCollation.BadRead.class, bad -> assertThat(bad.index()).isEqualTo(1))
                .hasMessageContaining("4006381333932");
    }
}
