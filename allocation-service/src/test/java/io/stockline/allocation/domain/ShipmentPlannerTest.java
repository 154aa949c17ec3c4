package io.stockline.allocation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stockline.allocation.domain.AllocationPlan.Shipment;
import io.stockline.allocation.domain.OrderPlaced.Line;
import io.stockline.allocation.domain.OrderPlaced.ShipTo;

class ShipmentPlannerTest {

    private static final ShipTo BERLIN = new ShipTo("DE", "10115", 52.52, 13.40);
    private static final FulfilmentLocation HAMBURG = location("WH-HAM", 53.55, 9.99, 0, "DE");
    private static final FulfilmentLocation MUNICH = location("WH-MUC", 48.14, 11.58, 0, "DE");
    private static final FulfilmentLocation VIENNA = location("WH-VIE", 48.21, 16.37, 0, "AT");
    private static final Map<String, FulfilmentLocation> LOCATIONS = Map.of(
            HAMBURG.code(), HAMBURG, MUNICH.code(), MUNICH, VIENNA.code(), VIENNA);

    @Test
    void theOnlyLocationHoldingEveryLineShipsTheWholeOrder() {
        // Hamburg is closer and holds more mugs, but no plates: only Munich ships the order in one parcel.
        var available = Map.of(
                "MUG", Map.of("WH-HAM", 100L, "WH-MUC", 4L),
                "PLATE", Map.of("WH-MUC", 1L));

        AllocationPlan plan = plan(List.of(line(1, "MUG", 4), line(2, "PLATE", 1)), available, RoutingPolicy.DEFAULT);

        assertThat(plan.shipments()).containsExactly(
                new Shipment("WH-MUC", List.of(line(1, "MUG", 4), line(2, "PLATE", 1))));
        assertThat(plan.complete()).isTrue();
    }

    @Test
    void amongLocationsThatHoldEverythingTheClosestShips() {
        var available = Map.of("MUG", Map.of("WH-HAM", 5L, "WH-MUC", 5L));

        assertThat(plan(List.of(line(1, "MUG", 2)), available, RoutingPolicy.DEFAULT).shipments())
                .extracting(Shipment::location).containsExactly("WH-HAM"); // ~255 km from Berlin; Munich ~500 km
    }

    @Test
    void priorityDecidesWhenItComesBeforeDistance() {
        var locations = new HashMap<>(LOCATIONS);
        locations.put("WH-MUC", location("WH-MUC", 48.14, 11.58, 5, "DE"));
        var policy = new RoutingPolicy(List.of(RoutingRule.FEWEST_SHIPMENTS, RoutingRule.PRIORITY,
                RoutingRule.CLOSEST), ShortagePolicy.FAIL);

        AllocationPlan plan = ShipmentPlanner.plan(List.of(line(1, "MUG", 2)), BERLIN,
                Map.of("MUG", Map.of("WH-HAM", 5L, "WH-MUC", 5L)), locations, policy);

        assertThat(plan.shipments()).extracting(Shipment::location).containsExactly("WH-MUC");
    }

    @Test
    void whenNoLocationHoldsEverythingTheFewestLocationsShip() {
        // Hamburg + Munich + Vienna-less: two parcels (HAM for MUG, MUC for PLATE and CUP) beat three.
        var available = Map.of(
                "MUG", Map.of("WH-HAM", 3L, "WH-MUC", 1L),
                "PLATE", Map.of("WH-MUC", 2L),
                "CUP", Map.of("WH-MUC", 2L, "WH-HAM", 1L));

        AllocationPlan plan = plan(List.of(line(1, "MUG", 3), line(2, "PLATE", 2), line(3, "CUP", 2)), available,
                RoutingPolicy.DEFAULT);

        assertThat(plan.shipments()).containsExactly(
                new Shipment("WH-HAM", List.of(line(1, "MUG", 3))),
                new Shipment("WH-MUC", List.of(line(2, "PLATE", 2), line(3, "CUP", 2))));
    }

    @Test
    void aLineSplitsOverLocationsWhenNoneHoldsItAll() {
        var available = Map.of("MUG", Map.of("WH-HAM", 3L, "WH-MUC", 3L));

        AllocationPlan plan = plan(List.of(line(1, "MUG", 4)), available, RoutingPolicy.DEFAULT);

        assertThat(plan.shipments()).containsExactly(
                new Shipment("WH-HAM", List.of(line(1, "MUG", 3))),
                new Shipment("WH-MUC", List.of(line(1, "MUG", 1))));
    }

    @Test
    void locationsOutsideTheMarketDoNotShipWhileTheRuleIsOn() {
        // Vienna holds it all; the German warehouses hold nothing: the order stays in Germany, unfilled.
        var available = Map.of("MUG", Map.of("WH-VIE", 10L));

        AllocationPlan inMarket = plan(List.of(line(1, "MUG", 1)), available, RoutingPolicy.DEFAULT);
        AllocationPlan anywhere = plan(List.of(line(1, "MUG", 1)), available,
                new RoutingPolicy(List.of(RoutingRule.FEWEST_SHIPMENTS, RoutingRule.CLOSEST), ShortagePolicy.FAIL));

        assertThat(inMarket.empty()).isTrue();
        assertThat(inMarket.unfilled()).containsExactly(line(1, "MUG", 1));
        assertThat(anywhere.shipments()).extracting(Shipment::location).containsExactly("WH-VIE");
    }

    @Test
    void withoutThePartialPolicyAShortOrderHoldsNothing() {
        var available = Map.of("MUG", Map.of("WH-HAM", 2L), "PLATE", Map.of("WH-HAM", 5L));
        List<Line> lines = List.of(line(1, "MUG", 3), line(2, "PLATE", 1));

        AllocationPlan whole = plan(lines, available, RoutingPolicy.DEFAULT);
        AllocationPlan partial = plan(lines, available,
                new RoutingPolicy(RoutingPolicy.DEFAULT.rules(), ShortagePolicy.PARTIAL));

        assertThat(whole.empty()).isTrue();
        assertThat(whole.unfilled()).isEqualTo(lines);
        assertThat(partial.shipments()).containsExactly(
                new Shipment("WH-HAM", List.of(line(1, "MUG", 2), line(2, "PLATE", 1))));
        assertThat(partial.unfilled()).containsExactly(line(1, "MUG", 1));
    }

    @Test
    void locationsThatDoNotShipOrdersAreNeverPlanned() {
        var locations = Map.of("RETURNS", new FulfilmentLocation("RETURNS", 52.5, 13.4, 9, false, List.of()));

        AllocationPlan plan = ShipmentPlanner.plan(List.of(line(1, "MUG", 1)), BERLIN,
                Map.of("MUG", Map.of("RETURNS", 10L)), locations, RoutingPolicy.DEFAULT);

        assertThat(plan.empty()).isTrue();
    }

    @Test
    void anUnknownLocationShipsAnywhereButComesAfterEveryLocationWithAPlace() {
        var available = Map.of("MUG", Map.of("AAA-UNKNOWN", 5L, "WH-MUC", 5L));

        assertThat(plan(List.of(line(1, "MUG", 1)), available, RoutingPolicy.DEFAULT).shipments())
                .extracting(Shipment::location).containsExactly("WH-MUC");
        assertThat(plan(List.of(line(1, "MUG", 1)), Map.of("MUG", Map.of("AAA-UNKNOWN", 5L)), RoutingPolicy.DEFAULT)
                .shipments()).extracting(Shipment::location).containsExactly("AAA-UNKNOWN");
    }

    @Test
    void twoLinesOfOneSkuNeedTheirSumAndNegativeStockCountsAsNone() {
        var available = Map.of("MUG", Map.of("WH-HAM", -4L, "WH-MUC", 6L));

        AllocationPlan plan = plan(List.of(line(1, "MUG", 3), line(2, "MUG", 3)), available, RoutingPolicy.DEFAULT);

        assertThat(plan.shipments()).containsExactly(
                new Shipment("WH-MUC", List.of(line(1, "MUG", 3), line(2, "MUG", 3))));
    }

    @Test
    void tiesGoToTheFirstLocationCodeWhateverTheMapOrder() {
        Map<String, Long> forward = new LinkedHashMap<>();
        Map<String, Long> backward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            forward.put("L" + (char) ('A' + i), 3L);
            backward.put("L" + (char) ('A' + 19 - i), 3L);
        }
        List<Line> lines = List.of(line(1, "MUG", 1), line(2, "PLATE", 1));
        Map<String, Map<String, Long>> one = new LinkedHashMap<>();
        one.put("MUG", forward);
        one.put("PLATE", forward);
        Map<String, Map<String, Long>> other = new LinkedHashMap<>();
        other.put("PLATE", backward);
        other.put("MUG", backward);

        AllocationPlan first = ShipmentPlanner.plan(lines, null, one, Map.of(), RoutingPolicy.DEFAULT);

        assertThat(first.shipments()).extracting(Shipment::location).containsExactly("LA");
        assertThat(ShipmentPlanner.plan(lines, null, other, Map.of(), RoutingPolicy.DEFAULT)).isEqualTo(first);
    }

    @Test
    void greatCircleDistanceIsRight() {
        // Berlin - Munich is about 504 km as the crow flies.
        assertThat(GreatCircle.km(52.52, 13.40, 48.14, 11.58)).isBetween(500.0, 510.0);
        assertThat(GreatCircle.km(0, 0, 0, 180)).isBetween(20_000.0, 20_040.0);
    }

    private static AllocationPlan plan(List<Line> lines, Map<String, Map<String, Long>> available, RoutingPolicy policy) {
        return ShipmentPlanner.plan(lines, BERLIN, available, LOCATIONS, policy);
    }

    private static Line line(int number, String sku, long quantity) {
        return new Line(number, sku, quantity);
    }

    private static FulfilmentLocation location(String code, double latitude, double longitude, int priority,
            String country) {
        return new FulfilmentLocation(code, latitude, longitude, priority, true, List.of(country));
    }
}
