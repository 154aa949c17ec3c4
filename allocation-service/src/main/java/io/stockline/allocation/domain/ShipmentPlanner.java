package io.stockline.allocation.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.stockline.allocation.domain.AllocationPlan.Shipment;
import io.stockline.allocation.domain.OrderPlaced.Line;
import io.stockline.allocation.domain.OrderPlaced.ShipTo;

/**
 * Plans where an order ships from, from a snapshot of available stock per (SKU, location), the locations'
 * facts and a channel's {@link RoutingPolicy}. Pure and deterministic: equal input gives an equal plan
 * whatever the order of the maps, the location code breaking the last tie.
 * <p>
 * With {@link RoutingRule#FEWEST_SHIPMENTS} it searches sets of 1, 2, ... locations for the smallest that
 * covers the order and keeps every cover of that size, so the later rules choose among all of them. The
 * exact search stops once a size would examine more than {@link #SEARCH_BUDGET} sets (set cover is
 * NP-hard); the plan is then the greedy one: locations in rule order, each taking what it can.
 */
public final class ShipmentPlanner {

    /** Location sets the exact search may examine per order (C(50,3) = 19,600; C(50,4) = 230,300). */
    public static final long SEARCH_BUDGET = 250_000;
    /** Farther than any two points on Earth: a location with no coordinates comes after every one with. */
    static final double UNKNOWN_DISTANCE_KM = 40_000;

    private ShipmentPlanner() {
    }

    /**
     * @param available available units per location, per SKU (the read model; negatives count as none)
     * @param locations what is known of each location by code; one not in it ships orders, anywhere, priority 0
     */
    public static AllocationPlan plan(List<Line> lines, ShipTo shipTo, Map<String, Map<String, Long>> available,
            Map<String, FulfilmentLocation> locations, RoutingPolicy policy) {
        List<Line> orderLines = lines.stream()
                .sorted(Comparator.comparingInt(Line::line).thenComparing(Line::sku)).toList();
        Map<String, Long> wantedBySku = new TreeMap<>();
        orderLines.forEach(line -> wantedBySku.merge(line.sku(), line.quantity(), Long::sum));
        String[] skus = wantedBySku.keySet().toArray(String[]::new);

        List<FulfilmentLocation> eligible = eligibleLocations(skus, shipTo, available, locations, policy);
        int n = eligible.size();
        long[][] stock = new long[skus.length][n];
        long[] target = new long[skus.length];
        boolean coverable = true;
        for (int s = 0; s < skus.length; s++) {
            Map<String, Long> perLocation = available.getOrDefault(skus[s], Map.of());
            long total = 0;
            for (int l = 0; l < n; l++) {
                stock[s][l] = Math.max(0, perLocation.getOrDefault(eligible.get(l).code(), 0L));
                total += stock[s][l];
            }
            long wanted = wantedBySku.get(skus[s]);
            target[s] = Math.min(wanted, total);
            coverable &= total >= wanted;
        }
        if (!coverable && policy.shortage() != ShortagePolicy.PARTIAL
                || Arrays.stream(target).allMatch(units -> units == 0)) {
            return new AllocationPlan(List.of(), orderLines);
        }

        double[] distance = new double[n];
        for (int l = 0; l < n; l++) {
            distance[l] = distanceKm(eligible.get(l), shipTo);
        }
        Integer[] ordered = locationOrder(eligible, stock, target, distance, policy);
        List<int[]> candidates = new ArrayList<>();
        if (policy.rules().contains(RoutingRule.FEWEST_SHIPMENTS)) {
            candidates.addAll(smallestCovers(ordered, stock, target));
        }
        candidates.add(greedyCover(ordered, stock, target));
        int[] best = best(candidates, eligible, distance, policy);
        return assign(orderLines, skus, best, eligible, stock, target);
    }

    private static List<FulfilmentLocation> eligibleLocations(String[] skus, ShipTo shipTo,
            Map<String, Map<String, Long>> available, Map<String, FulfilmentLocation> locations, RoutingPolicy policy) {
        TreeSet<String> holding = new TreeSet<>();
        for (String sku : skus) {
            available.getOrDefault(sku, Map.of()).forEach((code, units) -> {
                if (units != null && units > 0) {
                    holding.add(code);
                }
            });
        }
        boolean stayInMarket = policy.rules().contains(RoutingRule.STAY_IN_MARKET) && shipTo != null;
        List<FulfilmentLocation> eligible = new ArrayList<>();
        for (String code : holding) {
            FulfilmentLocation location = locations.getOrDefault(code, FulfilmentLocation.unknown(code));
            if (location.fulfilsOrders() && (!stayInMarket || location.shipsTo(shipTo.country()))) {
                eligible.add(location);
            }
        }
        return eligible;
    }

    static double distanceKm(FulfilmentLocation location, ShipTo shipTo) {
        if (shipTo == null || !shipTo.hasCoordinates()) {
            return 0; // nothing to measure against: the rule cannot tell locations apart
        }
        if (!location.hasCoordinates()) {
            return UNKNOWN_DISTANCE_KM;
        }
        return GreatCircle.km(location.latitude(), location.longitude(), shipTo.latitude(), shipTo.longitude());
    }

    /** The order locations are tried and filled in: the rules applied to single locations, then the code. */
    private static Integer[] locationOrder(List<FulfilmentLocation> eligible, long[][] stock, long[] target,
            double[] distance, RoutingPolicy policy) {
        long[] covered = new long[eligible.size()];
        for (int l = 0; l < eligible.size(); l++) {
            for (int s = 0; s < target.length; s++) {
                covered[l] += Math.min(stock[s][l], target[s]);
            }
        }
        Comparator<Integer> order = (a, b) -> 0;
        for (RoutingRule rule : policy.rules()) {
            order = switch (rule) {
                case STAY_IN_MARKET -> order; // a filter, not an order
                case FEWEST_SHIPMENTS -> order.thenComparingLong(l -> -covered[l]);
                case CLOSEST -> order.thenComparingDouble(l -> distance[l]);
                case PRIORITY -> order.thenComparingInt(l -> -eligible.get(l).priority());
            };
        }
        Integer[] ordered = new Integer[eligible.size()];
        for (int l = 0; l < ordered.length; l++) {
            ordered[l] = l;
        }
        Arrays.sort(ordered, order.thenComparing(l -> eligible.get(l).code()));
        return ordered;
    }

    /** Every set of the smallest size that covers the target, or none when the search would cost too much. */
    private static List<int[]> smallestCovers(Integer[] ordered, long[][] stock, long[] target) {
        int n = ordered.length;
        long budget = SEARCH_BUDGET;
        // suffix[i][s]: what the locations from position i on hold together, to cut branches that cannot cover
        long[][] suffix = new long[n + 1][target.length];
        for (int i = n - 1; i >= 0; i--) {
            for (int s = 0; s < target.length; s++) {
                suffix[i][s] = suffix[i + 1][s] + stock[s][ordered[i]];
            }
        }
        for (int k = 1; k <= n; k++) {
            long sets = combinations(n, k);
            if (sets > budget) {
                return List.of();
            }
            budget -= sets;
            List<int[]> covers = new ArrayList<>();
            collectCovers(ordered, stock, target, suffix, new int[k], 0, 0, new long[target.length], covers);
            if (!covers.isEmpty()) {
                return covers;
            }
        }
        return List.of();
    }

    private static void collectCovers(Integer[] ordered, long[][] stock, long[] target, long[][] suffix, int[] chosen,
            int depth, int from, long[] sum, List<int[]> covers) {
        for (int s = 0; s < target.length; s++) {
            if (sum[s] + suffix[from][s] < target[s]) {
                return; // even every location left would not cover this SKU
            }
        }
        if (depth == chosen.length) {
            for (int s = 0; s < target.length; s++) {
                if (sum[s] < target[s]) {
                    return;
                }
            }
            covers.add(chosen.clone());
            return;
        }
        for (int i = from; i <= ordered.length - (chosen.length - depth); i++) {
            int l = ordered[i];
            chosen[depth] = l;
            for (int s = 0; s < target.length; s++) {
                sum[s] += stock[s][l];
            }
            collectCovers(ordered, stock, target, suffix, chosen, depth + 1, i + 1, sum, covers);
            for (int s = 0; s < target.length; s++) {
                sum[s] -= stock[s][l];
            }
        }
    }

    private static long combinations(int n, int k) {
        long result = 1;
        for (int i = 1; i <= k; i++) {
            result = result * (n - k + i) / i;
            if (result > Long.MAX_VALUE / (n + 1)) {
                return Long.MAX_VALUE;
            }
        }
        return result;
    }

    /** Locations in rule order, each kept when it still adds something the order needs. */
    private static int[] greedyCover(Integer[] ordered, long[][] stock, long[] target) {
        long[] missing = target.clone();
        List<Integer> chosen = new ArrayList<>();
        for (int l : ordered) {
            boolean adds = false;
            for (int s = 0; s < missing.length; s++) {
                long take = Math.min(missing[s], stock[s][l]);
                if (take > 0) {
                    missing[s] -= take;
                    adds = true;
                }
            }
            if (adds) {
                chosen.add(l);
            }
            if (Arrays.stream(missing).allMatch(units -> units == 0)) {
                break;
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The best plan: each rule in turn decides, then the sorted location codes. */
    private static int[] best(List<int[]> candidates, List<FulfilmentLocation> eligible, double[] distance,
            RoutingPolicy policy) {
        int[] best = null;
        double[] bestKey = null;
        for (int[] candidate : candidates) {
            double[] key = new double[policy.rules().size()];
            for (int r = 0; r < key.length; r++) {
                key[r] = switch (policy.rules().get(r)) {
                    case STAY_IN_MARKET -> 0; // a filter, not an order
                    case FEWEST_SHIPMENTS -> candidate.length;
                    case CLOSEST -> {
                        double sum = 0;
                        for (int l : candidate) {
                            sum += distance[l];
                        }
                        yield sum;
                    }
                    case PRIORITY -> {
                        long sum = 0;
                        for (int l : candidate) {
                            sum += eligible.get(l).priority();
                        }
                        yield -sum;
                    }
                };
            }
            int c = best == null ? -1 : Arrays.compare(key, bestKey);
            if (c == 0) {
                c = compareCodes(codes(candidate, eligible), codes(best, eligible));
            }
            if (c < 0) {
                best = candidate;
                bestKey = key;
            }
        }
        return best;
    }

    private static List<String> codes(int[] set, List<FulfilmentLocation> eligible) {
        List<String> codes = new ArrayList<>(set.length);
        for (int l : set) {
            codes.add(eligible.get(l).code());
        }
        codes.sort(null);
        return codes;
    }

    private static int compareCodes(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * Fills the lines, in line order, from the chosen locations in the order given, keeping a line in one parcel
     * where a location can; what is left is unfilled.
     */
    private static AllocationPlan assign(List<Line> lines, String[] skus, int[] chosen,
            List<FulfilmentLocation> eligible, long[][] stock, long[] target) {
        Map<String, Integer> skuIndex = new TreeMap<>();
        for (int s = 0; s < skus.length; s++) {
            skuIndex.put(skus[s], s);
        }
        long[][] left = new long[skus.length][];
        for (int s = 0; s < skus.length; s++) {
            left[s] = stock[s].clone();
        }
        long[] targetLeft = target.clone();
        Map<String, List<Line>> byLocation = new TreeMap<>();
        List<Line> unfilled = new ArrayList<>();
        for (Line line : lines) {
            int s = skuIndex.get(line.sku());
            long need = Math.min(line.quantity(), targetLeft[s]);
            long taken = 0;
            // A line ships whole from the first chosen location that holds it all; split only when none does.
            for (int l : chosen) {
                if (need > 0 && left[s][l] >= need) {
                    left[s][l] -= need;
                    taken = need;
                    byLocation.computeIfAbsent(eligible.get(l).code(), code -> new ArrayList<>())
                            .add(new Line(line.line(), line.sku(), need));
                    break;
                }
            }
            for (int l : chosen) {
                if (taken == need) {
                    break;
                }
                long take = Math.min(need - taken, left[s][l]);
                if (take > 0) {
                    left[s][l] -= take;
                    taken += take;
                    byLocation.computeIfAbsent(eligible.get(l).code(), code -> new ArrayList<>())
                            .add(new Line(line.line(), line.sku(), take));
                }
                if (taken == need) {
                    break;
                }
            }
            targetLeft[s] -= taken;
            if (taken < line.quantity()) {
                unfilled.add(new Line(line.line(), line.sku(), line.quantity() - taken));
            }
        }
        List<Shipment> shipments = byLocation.entrySet().stream()
                .map(entry -> new Shipment(entry.getKey(), entry.getValue())).toList();
        return new AllocationPlan(shipments, unfilled);
    }
}
