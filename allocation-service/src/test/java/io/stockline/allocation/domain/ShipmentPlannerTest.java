package io.stockline.allocation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.stockline.allocation.domain.OrderPlaced.Line;

class ShipmentPlannerTest {

    @Test
    void theOnlyLocationHoldingEveryLineWins() {
        // WH-A holds far more of A, but no B: only WH-B ships the order in one parcel.
        var available = stock(
                "A", Map.of("WH-A", 100L, "WH-B", 4L),
                "B", Map.of("WH-B", 1L));

        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 4), line(2, "B", 1)), available))
                .contains("WH-B");
    }

    @Test
    void exactlyEnoughIsEnough() {
        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 3)), stock("A", Map.of("WH1", 3L))))
                .contains("WH1");
    }

    @Test
    void noneWhenNoSingleLocationHoldsEveryLine() {
        var available = stock(
                "A", Map.of("WH1", 10L),
                "B", Map.of("WH2", 10L));

        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 1), line(2, "B", 1)), available)).isEmpty();
    }

    @Test
    void noneWhenNoLocationHoldsEnough() {
        // 3 + 3 would do, but not in one parcel.
        var available = stock("A", Map.of("WH1", 3L, "WH2", 3L));

        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 4)), available)).isEmpty();
    }

    @Test
    void noneWhenNothingIsKnown() {
        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 1)), Map.of())).isEmpty();
        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 1)), stock("OTHER", Map.of("WH1", 5L))))
                .isEmpty();
    }

    @Test
    void theLocationWithTheMostStockLeftOverWins() {
        var available = stock("A", Map.of("WH-A", 5L, "WH-B", 9L, "WH-C", 7L));

        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 3)), available)).contains("WH-B");
    }

    @Test
    void leftOverStockCountsOverAllLines() {
        // WH1: 8 + 0 left over; WH2: 2 + 5 = 7.
        var available = stock(
                "A", Map.of("WH1", 10L, "WH2", 4L),
                "B", Map.of("WH1", 1L, "WH2", 6L));

        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 2), line(2, "B", 1)), available))
                .contains("WH1");
    }

    @Test
    void tiesGoToTheFirstLocationCode() {
        Map<String, Long> perLocation = new LinkedHashMap<>();
        perLocation.put("WH-C", 5L);
        perLocation.put("WH-B", 5L);
        perLocation.put("WH-A", 4L); // less left over
        perLocation.put("WH-D", 5L);

        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 2)), stock("A", perLocation)))
                .contains("WH-B");
    }

    @Test
    void equalInputGivesEqualOutputWhateverTheMapOrder() {
        List<Line> lines = List.of(line(1, "A", 1), line(2, "B", 1));
        Map<String, Long> aForward = new LinkedHashMap<>();
        Map<String, Long> bForward = new LinkedHashMap<>();
        Map<String, Long> aBackward = new LinkedHashMap<>();
        Map<String, Long> bBackward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            aForward.put("L" + i, 3L);
            bForward.put("L" + i, 3L);
            aBackward.put("L" + (19 - i), 3L);
            bBackward.put("L" + (19 - i), 3L);
        }
        Map<String, Map<String, Long>> forward = new LinkedHashMap<>();
        forward.put("A", aForward);
        forward.put("B", bForward);
        Map<String, Map<String, Long>> backward = new LinkedHashMap<>();
        backward.put("B", bBackward);
        backward.put("A", aBackward);

        Optional<String> first = ShipmentPlanner.singleLocation(lines, forward);
        assertThat(first).contains("L0");
        for (int i = 0; i < 5; i++) {
            assertThat(ShipmentPlanner.singleLocation(lines, forward)).isEqualTo(first);
            assertThat(ShipmentPlanner.singleLocation(lines, backward)).isEqualTo(first);
            assertThat(ShipmentPlanner.singleLocation(lines, new HashMap<>(backward))).isEqualTo(first);
        }
    }

    @Test
    void twoLinesOfOneSkuNeedTheirSumInOnePlace() {
        // Lines 1 and 2 each fit WH1's 5 units of A, together they do not; WH2 holds both.
        var available = stock(
                "A", Map.of("WH1", 5L, "WH2", 6L),
                "B", Map.of("WH1", 9L));
        List<Line> lines = List.of(line(1, "A", 3), line(2, "A", 3));

        assertThat(ShipmentPlanner.singleLocation(lines, available)).contains("WH2");
        // With B in the order no single location holds it all, so inventory must place the lines.
        assertThat(ShipmentPlanner.singleLocation(List.of(line(1, "A", 3), line(2, "A", 3), line(3, "B", 1)),
                available)).isEmpty();
    }

    private static Line line(int number, String sku, long quantity) {
        return new Line(number, sku, quantity);
    }

    private static Map<String, Map<String, Long>> stock(String sku, Map<String, Long> perLocation) {
        return Map.of(sku, perLocation);
    }

    private static Map<String, Map<String, Long>> stock(String sku1, Map<String, Long> perLocation1, String sku2,
            Map<String, Long> perLocation2) {
        return Map.of(sku1, perLocation1, sku2, perLocation2);
    }
}
