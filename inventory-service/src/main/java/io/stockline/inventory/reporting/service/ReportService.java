package io.stockline.inventory.reporting.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.Accuracy;
import io.stockline.inventory.counting.service.AbcService;
import io.stockline.inventory.counting.service.AccuracyService;
import io.stockline.inventory.reporting.domain.Activity;
import io.stockline.inventory.reporting.domain.Aging;
import io.stockline.inventory.reporting.domain.Costing;
import io.stockline.inventory.reporting.domain.Reports;
import io.stockline.inventory.reporting.repository.ReportRepository;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.platform.problem.RuleViolation;

/**
 * KPIs and reports over the ledger: costs from one pass over the movements that changed units owned ({@link Costing}),
 * activity per SKU and location from one windowed query; accuracy and ABC classes come from counting as it keeps them.
 * Costs are per SKU across locations (moving a unit does not change its cost); with a location, its units take the
 * SKU's moving average cost and the newest FIFO layers (the oldest left first).
 */
@ApplicationScoped
public class ReportService {

    /** The units of one SKU in scope, summed over its locations. */
    private record SkuActivity(String sku, long days, long stockoutDays, long onHandDays, long openingOnHand, long sold,
            long received, long onHand, long inTransit, OffsetDateTime lastSale) {

        static SkuActivity of(Activity a) {
            return new SkuActivity(a.sku(), a.days(), a.stockoutDays(), a.onHandDays(), a.openingOnHand(), a.sold(),
                    a.received(), a.onHand(), a.inTransit(), a.lastSale());
        }

        SkuActivity plus(Activity a) {
            OffsetDateTime last = lastSale == null || (a.lastSale() != null && a.lastSale().isAfter(lastSale))
                    ? a.lastSale() : lastSale;
            return new SkuActivity(sku, days + a.days(), stockoutDays + a.stockoutDays(), onHandDays + a.onHandDays(),
                    openingOnHand + a.openingOnHand(), sold + a.sold(), received + a.received(), onHand + a.onHand(),
                    inTransit + a.inTransit(), last);
        }

        /** Owned units (with what is in transit from here) over every location; on hand at a location. */
        long quantity(String location) {
            return location == null ? onHand + inTransit : onHand;
        }
    }

    public record Movers(List<Reports.Mover> fast, List<Reports.Mover> slow) {
    }

    private final ReportRepository reports;
    private final AccuracyService accuracy;
    private final AbcService abc;
    private final LocationRepository locations;
    private final Clock clock = Clock.systemUTC();

    public ReportService(ReportRepository reports, AccuracyService accuracy, AbcService abc,
            LocationRepository locations) {
        this.reports = reports;
        this.accuracy = accuracy;
        this.abc = abc;
        this.locations = locations;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @WithConnection
    public Uni<Reports.Kpis> kpis(LocalDate from, LocalDate to, String location, int deadDays) {
        LocalDate today = today();
        return known(location).chain(() -> accuracy.report(from, to, AccuracyService.By.LOCATION, location))
                .chain(accurate -> reports.activity(from, to, today, location)
                        .chain(activity -> reports.costMovements().map(movements -> kpis(from, to, location, deadDays,
                                OffsetDateTime.now(clock).minusDays(deadDays), today, accurate.periods(), perSku(activity), costs(movements, from, to, location)))));
    }

    @WithConnection
    public Uni<List<Reports.Valuation>> valuation(String location) {
        LocalDate today = today();
        return scopeNow(location, today).map(now -> now.skus().values().stream().map(a -> {
            Costing.SkuCost cost = now.costs().get(a.sku());
            long quantity = a.quantity(location);
            BigDecimal average = cost == null ? BigDecimal.ZERO : cost.movingAverageCost();
            return new Reports.Valuation(a.sku(), quantity, average.setScale(4, RoundingMode.HALF_UP),
                    money(average.multiply(BigDecimal.valueOf(quantity))), money(fifo(cost, quantity)));
        }).filter(v -> v.quantity() > 0).toList());
    }

    @WithConnection
    public Uni<List<Reports.AgingRow>> aging(String location) {
        LocalDate today = today();
        return scopeNow(location, today).map(now -> now.skus().values().stream().map(a -> {
            long quantity = a.quantity(location);
            Costing.SkuCost cost = now.costs().get(a.sku());
            Aging.Buckets b = Aging.of(cost == null ? List.of() : Costing.newest(cost.layers(), quantity), today);
            return new Reports.AgingRow(a.sku(), quantity, b.units0to30(), money(b.value0to30()), b.units31to90(),
                    money(b.value31to90()), b.units91to180(), money(b.value91to180()), b.unitsOver180(),
                    money(b.valueOver180()));
        }).filter(r -> r.quantity() > 0).toList());
    }

    @WithConnection
    public Uni<List<Reports.DeadStock>> deadStock(int days, String location) {
        LocalDate today = today();
        OffsetDateTime since = OffsetDateTime.now(clock).minusDays(days);
        return scopeNow(location, today).map(now -> dead(now.skus().values(), now.costs(), since));
    }

    @WithConnection
    public Uni<Movers> movers(LocalDate from, LocalDate to, String location, int limit) {
        LocalDate today = today();
        return known(location).chain(() -> reports.activity(from, to, today, location)).map(activity -> {
            List<SkuActivity> skus = new ArrayList<>(perSku(activity).values());
            skus.sort(Comparator.comparingLong(SkuActivity::sold).reversed().thenComparing(SkuActivity::sku));
            List<Reports.Mover> fast = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, skus.size()); i++) {
                SkuActivity a = skus.get(i);
                fast.add(new Reports.Mover("FAST", i + 1, a.sku(), a.sold(), a.onHand()));
            }
            skus.sort(Comparator.comparingLong(SkuActivity::sold).thenComparing(SkuActivity::sku));
            List<Reports.Mover> slow = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, skus.size()); i++) {
                SkuActivity a = skus.get(i);
                slow.add(new Reports.Mover("SLOW", i + 1, a.sku(), a.sold(), a.onHand()));
            }
            return new Movers(fast, slow);
        });
    }

    /** The ABC classes counting keeps (recomputed nightly or by an admin; pinned by hand). */
    @WithConnection
    public Uni<List<Reports.Abc>> abc(int limit) {
        return abc.entries(null, limit).map(entries -> entries.stream().map(e -> new Reports.Abc(e.sku(),
                e.abcClass().name(), e.computedClass() == null ? null : e.computedClass().name(),
                e.manualClass() == null ? null : e.manualClass().name(), e.consumedUnits(), e.consumptionValue()))
                .toList());
    }

    private record Now(Map<String, SkuActivity> skus, Map<String, Costing.SkuCost> costs) {
    }

    private Uni<Now> scopeNow(String location, LocalDate today) {
        return known(location).chain(() -> reports.activity(today, today, today, location))
                .chain(activity -> reports.costMovements()
                        .map(movements -> new Now(perSku(activity), costs(movements, today, today, location))));
    }

    private Uni<Void> known(String location) {
        return location == null ? Uni.createFrom().voidItem()
                : locations.findById(location).onItem().ifNull()
                        .failWith(() -> RuleViolation.notFound("location", "no location " + location)
                                .in(RuleViolation.In.QUERY))
                        .replaceWithVoid();
    }

    private static Map<String, Costing.SkuCost> costs(List<Costing.Movement> movements, LocalDate from, LocalDate to,
            String location) {
        return Costing.costs(movements, from.atStartOfDay().atOffset(ZoneOffset.UTC),
                to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC), location);
    }

    private static Map<String, SkuActivity> perSku(List<Activity> activity) {
        Map<String, SkuActivity> skus = new LinkedHashMap<>();
        for (Activity a : activity) {
            skus.merge(a.sku(), SkuActivity.of(a), (sum, ignored) -> sum.plus(a));
        }
        return skus;
    }

    private static BigDecimal fifo(Costing.SkuCost cost, long quantity) {
        return cost == null ? BigDecimal.ZERO : Costing.value(Costing.newest(cost.layers(), quantity));
    }

    private static List<Reports.DeadStock> dead(Iterable<SkuActivity> skus, Map<String, Costing.SkuCost> costs,
            OffsetDateTime since) {
        List<Reports.DeadStock> dead = new ArrayList<>();
        for (SkuActivity a : skus) {
            if (a.onHand() > 0 && (a.lastSale() == null || a.lastSale().isBefore(since))) {
                Costing.SkuCost cost = costs.get(a.sku());
                BigDecimal average = cost == null ? BigDecimal.ZERO : cost.movingAverageCost();
                dead.add(new Reports.DeadStock(a.sku(), a.onHand(), a.lastSale(),
                        money(average.multiply(BigDecimal.valueOf(a.onHand())))));
            }
        }
        return dead;
    }

    private static Reports.Kpis kpis(LocalDate from, LocalDate to, String location, int deadDays,
            OffsetDateTime deadSince, LocalDate today,
            List<Accuracy.Period> periods, Map<String, SkuActivity> skus, Map<String, Costing.SkuCost> costs) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        long counted = periods.stream().mapToLong(Accuracy.Period::counted).sum();
        long accurate = periods.stream().mapToLong(Accuracy.Period::accurate).sum();
        long keyDays = 0;
        long stockoutDays = 0;
        long onHandDays = 0;
        long sold = 0;
        long received = 0;
        long opening = 0;
        long onHand = 0;
        BigDecimal averageValue = BigDecimal.ZERO;
        BigDecimal cogs = BigDecimal.ZERO;
        BigDecimal movingAverageValue = BigDecimal.ZERO;
        BigDecimal fifoValue = BigDecimal.ZERO;
        Aging.Buckets aged = Aging.of(List.of(), today);
        for (SkuActivity a : skus.values()) {
            Costing.SkuCost cost = costs.get(a.sku());
            BigDecimal average = cost == null ? BigDecimal.ZERO : cost.movingAverageCost();
            keyDays += a.days();
            stockoutDays += a.stockoutDays();
            onHandDays += a.onHandDays();
            sold += a.sold();
            received += a.received();
            opening += a.openingOnHand();
            long quantity = a.quantity(location);
            onHand += quantity;
            // Average inventory value: the SKU's average units on hand over the period at its moving average cost.
            averageValue = averageValue.add(average.multiply(BigDecimal.valueOf(a.onHandDays()))
                    .divide(BigDecimal.valueOf(days), Costing.SCALE_MONEY, RoundingMode.HALF_UP));
            if (cost != null) {
                cogs = cogs.add(cost.costOfGoodsSold());
                movingAverageValue = movingAverageValue.add(average.multiply(BigDecimal.valueOf(quantity)));
                List<Costing.Layer> held = Costing.newest(cost.layers(), quantity);
                fifoValue = fifoValue.add(Costing.value(held));
                aged = aged.plus(Aging.of(held, today));
            }
        }
        List<Reports.DeadStock> dead = dead(skus.values(), costs, deadSince);
        BigDecimal averageOnHand = ratio(onHandDays, days, 2);
        return new Reports.Kpis(from, to, location, days, counted, accurate,
                counted == 0 ? null : percent(accurate, counted), keyDays, stockoutDays,
                keyDays == 0 ? null : percent(stockoutDays, keyDays), sold, received, opening, averageOnHand,
                money(averageValue), money(cogs),
                averageValue.signum() == 0 ? null : cogs.divide(averageValue, 2, RoundingMode.HALF_UP),
                sold == 0 ? null : BigDecimal.valueOf(onHandDays).divide(BigDecimal.valueOf(sold), 2, RoundingMode.HALF_UP),
                received + opening == 0 ? null : percent(sold, received + opening), onHand, money(movingAverageValue),
                money(fifoValue), deadDays, dead.size(),
                money(dead.stream().map(Reports.DeadStock::movingAverageValue).reduce(BigDecimal.ZERO, BigDecimal::add)),
                money(aged.value0to30()), money(aged.value31to90()), money(aged.value91to180()),
                money(aged.valueOver180()));
    }

    private static BigDecimal percent(long part, long whole) {
        return ratio(part * 100, whole, 1);
    }

    private static BigDecimal ratio(long part, long whole, int scale) {
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), scale, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
