package io.stockline.allocation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.stockline.allocation.domain.AllocationPlan.Shipment;
import io.stockline.allocation.domain.OrderPlaced.Line;
import io.stockline.allocation.domain.OrderPlaced.ShipTo;

/**
 * The planner's promises on random stock, locations and orders, checked against brute force over every set
 * of locations: it never takes more than the read model holds, ships from one location whenever one can
 * ship it all, otherwise from the fewest, and among plans of that size from the closest.
 */
class ShipmentPlannerPropertiesTest {

    record Scenario(List<Line> lines, ShipTo shipTo, Map<String, Map<String, Long>> available,
            Map<String, FulfilmentLocation> locations, ShortagePolicy shortage) {

        RoutingPolicy policy() {
            return new RoutingPolicy(RoutingPolicy.DEFAULT.rules(), shortage);
        }
    }

    @Property(tries = 400)
    void neverTakesMoreThanTheReadModelHoldsAndAccountsForEveryUnit(@ForAll("scenarios") Scenario scenario) {
        AllocationPlan plan = plan(scenario);

        Map<String, Long> taken = new HashMap<>();
        for (Shipment shipment : plan.shipments()) {
            assertThat(shipment.lines()).isNotEmpty();
            for (Line line : shipment.lines()) {
                assertThat(line.quantity()).isPositive();
                taken.merge(line.sku() + "@" + shipment.location(), line.quantity(), Long::sum);
            }
        }
        taken.forEach((key, units) -> {
            String[] skuAt = key.split("@");
            assertThat(units).as(key).isLessThanOrEqualTo(
                    scenario.available().getOrDefault(skuAt[0], Map.of()).getOrDefault(skuAt[1], 0L));
        });
        // Every unit of every line is either shipped or unfilled, never both, never lost.
        Map<Integer, Long> accounted = new TreeMap<>();
        plan.shipments().forEach(s -> s.lines().forEach(l -> accounted.merge(l.line(), l.quantity(), Long::sum)));
        plan.unfilled().forEach(l -> accounted.merge(l.line(), l.quantity(), Long::sum));
        Map<Integer, Long> ordered = new TreeMap<>();
        scenario.lines().forEach(l -> ordered.merge(l.line(), l.quantity(), Long::sum));
        assertThat(accounted).isEqualTo(ordered);
        if (scenario.shortage() != ShortagePolicy.PARTIAL && !plan.complete()) {
            assertThat(plan.shipments()).isEmpty();
        }
    }

    @Property(tries = 400)
    void shipsFromOneLocationWheneverOneHoldsTheWholeOrder(@ForAll("scenarios") Scenario scenario) {
        List<String> eligible = eligible(scenario);
        boolean oneHoldsAll = eligible.stream().anyMatch(code -> covers(scenario, List.of(code)));

        AllocationPlan plan = plan(scenario);

        if (oneHoldsAll) {
            assertThat(plan.shipments()).hasSize(1);
            assertThat(plan.complete()).isTrue();
        }
    }

    @Property(tries = 400)
    void otherwiseShipsFromTheFewestLocationsAndAmongThoseTheClosest(@ForAll("scenarios") Scenario scenario) {
        List<List<String>> covers = subsets(eligible(scenario)).stream().filter(set -> covers(scenario, set)).toList();

        AllocationPlan plan = plan(scenario);

        if (covers.isEmpty()) {
            assertThat(plan.complete()).isFalse();
            return;
        }
        int fewest = covers.stream().mapToInt(List::size).min().orElseThrow();
        double closest = covers.stream().filter(set -> set.size() == fewest)
                .mapToDouble(set -> distance(scenario, set)).min().orElseThrow();
        List<String> used = plan.shipments().stream().map(Shipment::location).toList();
        assertThat(plan.complete()).isTrue();
        assertThat(used).hasSize(fewest);
        assertThat(distance(scenario, used)).isCloseTo(closest, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Property(tries = 200)
    void equalInputGivesAnEqualPlanWhateverTheOrderOfTheMaps(@ForAll("scenarios") Scenario scenario) {
        Map<String, Map<String, Long>> reversed = new LinkedHashMap<>();
        List<String> skus = new ArrayList<>(scenario.available().keySet());
        Collections.reverse(skus);
        for (String sku : skus) {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(scenario.available().get(sku).entrySet());
            Collections.reverse(entries);
            Map<String, Long> perLocation = new LinkedHashMap<>();
            entries.forEach(entry -> perLocation.put(entry.getKey(), entry.getValue()));
            reversed.put(sku, perLocation);
        }
        List<Line> lines = new ArrayList<>(scenario.lines());
        Collections.reverse(lines);

        assertThat(ShipmentPlanner.plan(lines, scenario.shipTo(), reversed, new HashMap<>(scenario.locations()),
                scenario.policy())).isEqualTo(plan(scenario));
    }

    // --- generators and brute force

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Integer> locationCount = Arbitraries.integers().between(1, 6);
        Arbitrary<Integer> skuCount = Arbitraries.integers().between(1, 3);
        return Combinators.combine(locationCount, skuCount).flatAs((nLocations, nSkus) -> {
            Arbitrary<List<FulfilmentLocation>> locations = location().list().ofSize(nLocations);
            Arbitrary<List<Long>> stock = Arbitraries.longs().between(-2, 6).list().ofSize(nLocations * nSkus);
            Arbitrary<List<Line>> lines = Combinators.combine(Arbitraries.integers().between(0, nSkus - 1),
                    Arbitraries.longs().between(1, 6)).as((s, q) -> new Line(0, "SKU" + s, q)).list().ofMinSize(1)
                    .ofMaxSize(4);
            Arbitrary<ShipTo> shipTo = Combinators.combine(Arbitraries.of("DE", "AT", "FR"),
                    Arbitraries.doubles().between(45, 55), Arbitraries.doubles().between(5, 17))
                    .as((country, lat, lon) -> new ShipTo(country, null, lat, lon));
            return Combinators.combine(locations, stock, lines, shipTo, Arbitraries.of(ShortagePolicy.class))
                    .as((locs, units, orderLines, to, shortage) -> {
                        Map<String, FulfilmentLocation> byCode = new TreeMap<>();
                        for (int l = 0; l < locs.size(); l++) {
                            FulfilmentLocation loc = locs.get(l);
                            byCode.put("L" + l, new FulfilmentLocation("L" + l, loc.latitude(), loc.longitude(),
                                    loc.priority(), loc.fulfilsOrders(), loc.countries()));
                        }
                        Map<String, Map<String, Long>> available = new TreeMap<>();
                        for (int s = 0; s < nSkus; s++) {
                            Map<String, Long> perLocation = new TreeMap<>();
                            for (int l = 0; l < nLocations; l++) {
                                perLocation.put("L" + l, units.get(s * nLocations + l));
                            }
                            available.put("SKU" + s, perLocation);
                        }
                        List<Line> numbered = new ArrayList<>();
                        for (int i = 0; i < orderLines.size(); i++) {
                            numbered.add(new Line(i + 1, orderLines.get(i).sku(), orderLines.get(i).quantity()));
                        }
                        return new Scenario(numbered, to, available, byCode, shortage);
                    });
        });
    }

    private static Arbitrary<FulfilmentLocation> location() {
        Arbitrary<Double> latitude = Arbitraries.doubles().between(45, 55).injectNull(0.1);
        Arbitrary<Double> longitude = Arbitraries.doubles().between(5, 17);
        Arbitrary<List<String>> countries = Arbitraries.of("DE", "AT", "FR").list().ofMaxSize(2).uniqueElements();
        return Combinators.combine(latitude, longitude, Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, true, true, false), countries)
                .as((lat, lon, priority, fulfils, served) -> new FulfilmentLocation("?", lat, lat == null ? null : lon,
                        priority, fulfils, served));
    }

    private static AllocationPlan plan(Scenario scenario) {
        return ShipmentPlanner.plan(scenario.lines(), scenario.shipTo(), scenario.available(), scenario.locations(),
                scenario.policy());
    }

    private static List<String> eligible(Scenario scenario) {
        return scenario.locations().values().stream()
                .filter(loc -> loc.fulfilsOrders() && loc.shipsTo(scenario.shipTo().country()))
                .map(FulfilmentLocation::code).toList();
    }

    private static boolean covers(Scenario scenario, List<String> set) {
        Map<String, Long> wanted = new TreeMap<>();
        scenario.lines().forEach(line -> wanted.merge(line.sku(), line.quantity(), Long::sum));
        return wanted.entrySet().stream().allMatch(sku -> set.stream()
                .mapToLong(code -> Math.max(0, scenario.available().get(sku.getKey()).getOrDefault(code, 0L)))
                .sum() >= sku.getValue());
    }

    private static double distance(Scenario scenario, List<String> set) {
        return set.stream().mapToDouble(code -> ShipmentPlanner.distanceKm(scenario.locations().get(code),
                scenario.shipTo())).sum();
    }

    private static List<List<String>> subsets(List<String> codes) {
        List<List<String>> all = new ArrayList<>();
        for (int mask = 1; mask < 1 << codes.size(); mask++) {
            List<String> set = new ArrayList<>();
            for (int i = 0; i < codes.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    set.add(codes.get(i));
                }
            }
            all.add(set);
        }
        return all;
    }
}
