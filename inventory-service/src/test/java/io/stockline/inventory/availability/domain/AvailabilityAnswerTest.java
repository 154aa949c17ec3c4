package io.stockline.inventory.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The answer's rules without Quarkus: stock first, then supply earliest first, then a supplier's lead time. */
class AvailabilityAnswerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private static Supply order(String number, long quantity, LocalDate expected) {
        return new Supply(Supply.Source.PURCHASE_ORDER, number, "WH", quantity, expected, TODAY.minusDays(3), 7.0,
                Supply.Basis.EXPECTED_DATE);
    }

    private static Supply supplier(String code, double days) {
        return new Supply(Supply.Source.SUPPLIER, code, null, 0, null, null, days, Supply.Basis.SUPPLIER_LEAD_TIME);
    }

    @Test
    void enoughNowIsHigh() {
        Availability.Answer a = Availability.answer(3, List.of(new Availability.AtLocation("WH", 2),
                new Availability.AtLocation("STORE", 1), new Availability.AtLocation("EMPTY", 0)), List.of(), List.of(),
                TODAY);
        assertThat(a.inStock()).isTrue();
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.locations()).extracting(Availability.AtLocation::location).containsExactly("WH", "STORE");
    }

    @Test
    void supplyIsTakenEarliestFirstAndALateOrderIsDueToday() {
        Availability.Answer a = Availability.answer(5, List.of(), List.of(order("PO-2", 4, TODAY.plusDays(9)),
                order("PO-1", 2, TODAY.minusDays(2)), order("PO-3", 10, TODAY.plusDays(20))), List.of(), TODAY);
        assertThat(a.supply()).extracting(d -> d.supply().reference()).containsExactly("PO-1", "PO-2");
        assertThat(a.supply().get(0).late()).isTrue();
        assertThat(a.supply().get(0).on()).isEqualTo(TODAY);
        assertThat(a.expectedOn()).isEqualTo(TODAY.plusDays(9));
        assertThat(a.expectedQuantity()).isEqualTo(6);
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void aNominalDateMakesItLow() {
        Supply nominal = new Supply(Supply.Source.TRANSFER, "TR-1", "WH", 5, null, TODAY, 2.0,
                Supply.Basis.DEFAULT_TRANSIT_TIME);
        Availability.Answer a = Availability.answer(1, List.of(), List.of(nominal), List.of(), TODAY);
        assertThat(a.expectedOn()).isEqualTo(TODAY.plusDays(2));
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void shortOfOpenSupplyTheQuickestSupplierCoversTheRest() {
        Availability.Answer a = Availability.answer(10, List.of(new Availability.AtLocation("WH", 1)),
                List.of(order("PO-1", 2, TODAY.plusDays(3))), List.of(supplier("SLOW", 14), supplier("FAST", 4.2)),
                TODAY);
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
        // 4.2 days round up to 5.
        assertThat(a.expectedOn()).isEqualTo(TODAY.plusDays(5));
        Availability.Due last = a.supply().get(a.supply().size() - 1);
        assertThat(last.supply().reference()).isEqualTo("FAST");
        assertThat(last.supply().quantity()).isEqualTo(7);
    }

    @Test
    void noSupplierIsUnknown() {
        Availability.Answer a = Availability.answer(2, List.of(), List.of(), List.of(), TODAY);
        assertThat(a.confidence()).isEqualTo(Confidence.UNKNOWN);
        assertThat(a.expectedOn()).isNull();
    }
}
