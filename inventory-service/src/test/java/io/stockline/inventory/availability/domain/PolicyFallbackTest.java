package io.stockline.inventory.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * With too little available and on the way, the rest comes with the reorder policy's next order. Worked examples,
 * today 2026-06-01:
 * <pre>
 * at or under the reorder point: 3 available, point 5           -> orders today;   lead 6.4 d -> 7 d: 06-08
 * above it: 20 available, point 8, 1.5 a day: 12 / 1.5 = 8 days   -> orders 06-09;   lead 4 d:        06-13
 * a part day is a whole one: 10 available, point 3, 2 a day: 3.5  -> orders 06-05;   lead 2 d:        06-07
 * two locations: WH 0 (point 5, lead 10 nominal) -> 06-11; STORE 9 (point 4, 5 a day: 1 day, lead 3
 *   measured) -> 06-05: STORE's order is the earlier
 * </pre>
 */
class PolicyFallbackTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    private static Availability.AtLocation at(String location, long available) {
        return new Availability.AtLocation(location, available);
    }

    private static Supply supplier(String code, double days) {
        return new Supply(Supply.Source.SUPPLIER, code, null, 0, null, null, days, Supply.Basis.SUPPLIER_LEAD_TIME);
    }

    private static Availability.Due last(Availability.Answer a) {
        return a.supply().get(a.supply().size() - 1);
    }

    @Test
    void atOrUnderTheReorderPointThePolicyOrdersTodayAndAMeasuredLeadTimeIsMedium() {
        Availability.Answer a = Availability.answer(10, List.of(at("WH", 3)), List.of(), List.of(supplier("FAST", 1)),
                List.of(new Availability.Policy("WH", "ACME", 5, 2.0, 6.4, true)), TODAY);
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 8));
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
        assertThat(a.expectedQuantity()).isEqualTo(10);
        // The policy's supplier, not the quicker one: the policy is what will order.
        assertThat(a.supply()).hasSize(1);
        Availability.Due order = last(a);
        assertThat(order.supply().source()).isEqualTo(Supply.Source.REORDER_POLICY);
        assertThat(order.supply().reference()).isEqualTo("ACME");
        assertThat(order.supply().location()).isEqualTo("WH");
        assertThat(order.supply().quantity()).isEqualTo(7);
        assertThat(order.supply().since()).isEqualTo(TODAY);
        assertThat(order.supply().basis()).isEqualTo(Supply.Basis.MEASURED_LEAD_TIME);
    }

    @Test
    void aForecastAHairAboveZeroOrdersNeverRatherThanBeyondTheCalendar() {
        // 100 above the point at 1e-12 a day is 1e14 days: past LocalDate's range, and no date worth naming
        Availability.Answer a = Availability.answer(200, List.of(at("WH", 105)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 5, 1e-12, 3, true)), TODAY);
        assertThat(a.supply()).noneMatch(due -> due.supply().source() == Supply.Source.REORDER_POLICY);
        // within ten years it is still a date: 100 above at 0.05 a day orders in 2,000 days
        Availability.Answer slow = Availability.answer(200, List.of(at("WH", 105)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 5, 0.05, 3, true)), TODAY);
        assertThat(last(slow).supply().since()).isEqualTo(TODAY.plusDays(2000));
    }

    @Test
    void exactlyAtTheReorderPointIsAtIt() {
        Availability.Answer a = Availability.answer(10, List.of(at("WH", 5)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 5, 2.0, 3, true)), TODAY);
        assertThat(last(a).supply().since()).isEqualTo(TODAY);
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 4));
    }

    @Test
    void aboveTheReorderPointTheForecastBringsItDownFirstAndANominalLeadTimeIsLow() {
        Availability.Answer a = Availability.answer(30, List.of(at("WH", 20)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 8, 1.5, 4, false)), TODAY);
        assertThat(last(a).supply().since()).isEqualTo(LocalDate.of(2026, 6, 9));
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 13));
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
        assertThat(last(a).supply().basis()).isEqualTo(Supply.Basis.SUPPLIER_LEAD_TIME);
        assertThat(last(a).supply().quantity()).isEqualTo(10);
    }

    @Test
    void aPartDayOfDemandIsAWholeDay() {
        Availability.Answer a = Availability.answer(11, List.of(at("WH", 10)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 3, 2.0, 2.0, true)), TODAY);
        assertThat(last(a).supply().since()).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 7));
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void theEarliestPolicyOfTheLocationsInScopeWins() {
        Availability.Answer a = Availability.answer(20, List.of(at("STORE", 9)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "SLOW", 5, 1.0, 10, false),
                        new Availability.Policy("STORE", "NEAR", 4, 5.0, 3, true)),
                TODAY);
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(last(a).supply().reference()).isEqualTo("NEAR");
        assertThat(last(a).supply().location()).isEqualTo("STORE");
        assertThat(a.confidence()).isEqualTo(Confidence.MEDIUM);
    }

    @Test
    void aNominalOpenSupplyKeepsItLowAndALaterOpenDateIsTheAnswer() {
        Supply transfer = new Supply(Supply.Source.TRANSFER, "TR-1", "WH", 2, null, TODAY, 12.0,
                Supply.Basis.DEFAULT_TRANSIT_TIME);
        Availability.Answer a = Availability.answer(10, List.of(at("WH", 1)), List.of(transfer), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 5, 2.0, 3, true)), TODAY);
        // The policy's order is due 06-04, the transfer 06-13: the quantity is there when both are.
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 13));
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
        assertThat(a.supply()).extracting(d -> d.supply().source())
                .containsExactly(Supply.Source.TRANSFER, Supply.Source.REORDER_POLICY);
        assertThat(last(a).supply().quantity()).isEqualTo(7);
    }

    @Test
    void aPolicyForecastingNoDemandAboveItsPointNeverOrdersSoTheQuickestSupplierAnswers() {
        Availability.Answer a = Availability.answer(10, List.of(at("WH", 6)), List.of(), List.of(supplier("FAST", 4)),
                List.of(new Availability.Policy("WH", "ACME", 5, 0.0, 3, true)), TODAY);
        assertThat(last(a).supply().source()).isEqualTo(Supply.Source.SUPPLIER);
        assertThat(a.expectedOn()).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void withoutAPolicyTheQuickestSupplierAnswersAsBefore() {
        Availability.Answer a = Availability.answer(10, List.of(at("WH", 6)), List.of(), List.of(supplier("FAST", 4)),
                List.of(), TODAY);
        assertThat(last(a).supply().source()).isEqualTo(Supply.Source.SUPPLIER);
        assertThat(a.confidence()).isEqualTo(Confidence.LOW);
    }

    @Test
    void inStockNeedsNoPolicy() {
        Availability.Answer a = Availability.answer(5, List.of(at("WH", 6)), List.of(), List.of(),
                List.of(new Availability.Policy("WH", "ACME", 10, 2.0, 3, true)), TODAY);
        assertThat(a.inStock()).isTrue();
        assertThat(a.confidence()).isEqualTo(Confidence.HIGH);
        assertThat(a.supply()).isEmpty();
    }
}
