package io.stockline.inventory.planning.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcEntry;
import io.stockline.inventory.counting.service.AbcService;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.planning.domain.DemandDay;
import io.stockline.inventory.planning.domain.ItemSettings;
import io.stockline.inventory.planning.domain.LedgerDay;
import io.stockline.inventory.planning.domain.PlanningPolicy;
import io.stockline.inventory.planning.domain.PolicyCalculator;
import io.stockline.inventory.planning.domain.PolicyInput;
import io.stockline.inventory.planning.domain.Promotion;
import io.stockline.inventory.planning.domain.StoredPolicy;
import io.stockline.inventory.planning.domain.Suggestion;
import io.stockline.inventory.planning.domain.SupplierChoice;
import io.stockline.inventory.planning.domain.SupplyTerms;
import io.stockline.inventory.planning.repository.DemandRepository;
import io.stockline.inventory.planning.repository.PlanningSettingsRepository;
import io.stockline.inventory.planning.repository.PolicyRepository;
import io.stockline.inventory.purchasing.domain.LeadTime;
import io.stockline.inventory.purchasing.domain.PurchaseOrderView;
import io.stockline.inventory.purchasing.repository.LeadTimeRepository;
import io.stockline.inventory.purchasing.repository.SupplierItemRepository;
import io.stockline.inventory.purchasing.repository.SupplierRepository;
import io.stockline.inventory.purchasing.service.PurchaseOrderRequest;
import io.stockline.inventory.purchasing.service.PurchaseOrderService;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.platform.problem.RuleViolation;

/**
 * Replenishment planning: each SKU's policy per location from its ledger history, its ABC class (or its own service
 * level) and its supplier's terms; what to order now; and turning that into draft purchase orders through the
 * purchasing feature. Each SKU's refresh is one transaction: the policies and the events of changed reorder points.
 */
@ApplicationScoped
public class PlanningService {

    /** What one SKU's refresh did: policies computed and reorder points changed, or why it computed none. */
    public record SkuRefreshed(String sku, int policies, int changed, Outcome outcome) {

        public enum Outcome {
            COMPUTED,
            /** No supplier sells it: nothing to order, so no policy. */
            SKIPPED,
            /** Its transaction failed (logged); the other SKUs go on. */
            FAILED
        }

        public static SkuRefreshed failed(String sku) {
            return new SkuRefreshed(sku, 0, 0, Outcome.FAILED);
        }

        public static SkuRefreshed skipped(String sku) {
            return new SkuRefreshed(sku, 0, 0, Outcome.SKIPPED);
        }
    }

    private final DemandRepository demand;
    private final PolicyRepository policies;
    private final PlanningSettingsRepository settings;
    private final AbcService abc;
    private final LeadTimeRepository leadTimes;
    private final SupplierRepository suppliers;
    private final SupplierItemRepository supplierItems;
    private final PurchaseOrderService purchaseOrders;
    private final ItemRepository items;
    private final LocationRepository locations;
    private final ReorderPointEvents events;
    private final PlanningConfig config;
    private final PolicyCalculator calculator = new PolicyCalculator();

    public PlanningService(DemandRepository demand, PolicyRepository policies, PlanningSettingsRepository settings,
            AbcService abc, LeadTimeRepository leadTimes, SupplierRepository suppliers,
            SupplierItemRepository supplierItems, PurchaseOrderService purchaseOrders, ItemRepository items,
            LocationRepository locations, ReorderPointEvents events, PlanningConfig config) {
        this.demand = demand;
        this.policies = policies;
        this.settings = settings;
        this.abc = abc;
        this.leadTimes = leadTimes;
        this.suppliers = suppliers;
        this.supplierItems = supplierItems;
        this.purchaseOrders = purchaseOrders;
        this.items = items;
        this.locations = locations;
        this.events = events;
        this.config = config;
    }

    // ---- refresh ----

    @WithConnection
    public Uni<List<PolicyRepository.SkuToPlan>> skusToPlan() {
        return policies.skusToPlan();
    }

    /**
     * Recomputes the SKU's policy at each location of ours that holds it, from the complete days before
     * {@code computedAt}; a reorder point that changed (or is new) is published.
     */
    @WithTransaction
    public Uni<SkuRefreshed> refresh(String sku, OffsetDateTime computedAt) {
        LocalDate to = computedAt.atZoneSameInstant(config.zone()).toLocalDate().minusDays(1);
        LocalDate from = to.minusDays(config.historyDays() - 1L);
        return policies.supplierOf(sku).chain(choice -> {
            if (choice == null) {
                Log.debugf("planning %s: no supplier sells it, no policy", sku);
                return Uni.createFrom().item(SkuRefreshed.skipped(sku));
            }
            return leadTimes.ofSupplier(choice.supplier())
                    .map(measured -> withMeasured(choice, measured.get(sku)))
                    .chain(supplier -> abc.entry(sku)
                            .chain(entry -> settings.settings(sku).map(own -> serviceLevel(entry, own))
                                    .chain(level -> demand.history(sku, from, to, config.zone())
                                            .chain(history -> policies.lockReorderPoints(sku)
                                                    .chain(previous -> store(sku, supplier, entry, level, history,
                                                            previous, computedAt))))));
        });
    }

    private record Level(double serviceLevel, String source) {
    }

    private Level serviceLevel(AbcEntry entry, ItemSettings own) {
        if (own != null && own.serviceLevel() != null) {
            return new Level(own.serviceLevel(), "ITEM");
        }
        return new Level(config.serviceLevel().of(entry.abcClass()), entry.abcClass().name());
    }

    private static SupplierChoice withMeasured(SupplierChoice choice, LeadTime measured) {
        if (measured == null || measured.receipts() == 0) {
            return choice;
        }
        return new SupplierChoice(choice.supplier(), choice.nominalLeadTimeDays(), choice.minimumQuantity(),
                choice.multiple(), choice.unitCost(), measured.receipts(), measured.meanDays(), measured.stdDevDays());
    }

    private Uni<SkuRefreshed> store(String sku, SupplierChoice supplier, AbcEntry entry, Level level,
            Map<String, List<LedgerDay>> history, Map<String, Long> previous, OffsetDateTime computedAt) {
        SupplyTerms terms = supplier.terms();
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Map.Entry<String, List<LedgerDay>> place : history.entrySet()) {
            List<DemandDay> days = place.getValue().stream().map(LedgerDay::demand).toList();
            PlanningPolicy policy = calculator.stockline(new PolicyInput(days, terms, level.serviceLevel()));
            StoredPolicy stored = new StoredPolicy(sku, place.getKey(), supplier.supplier(), policy,
                    level.serviceLevel(), level.source(), terms.leadTimeMeanDays(), terms.leadTimeStdDevDays(),
                    supplier.measured(), summary(place.getValue()), computedAt);
            Long before = previous.get(place.getKey());
            boolean changed = before == null || before != policy.reorderPoint();
            chain = chain.chain(count -> policies.save(stored)
                    .chain(() -> changed ? events.changed(stored) : Uni.createFrom().voidItem())
                    .map(ignored -> {
                        if (changed) {
                            Log.infof("reorder point of %s at %s: %s -> %d (%s, %.2f a day, lead time %.1f days)",
                                    sku, stored.location(), before, policy.reorderPoint(), policy.forecastMethod(),
                                    policy.dailyForecast(), terms.leadTimeMeanDays());
                        }
                        return changed ? count + 1 : count;
                    }));
        }
        return chain.map(changed -> new SkuRefreshed(sku, history.size(), changed, SkuRefreshed.Outcome.COMPUTED));
    }

    private static StoredPolicy.History summary(List<LedgerDay> days) {
        long demandUnits = 0;
        int stockouts = 0;
        int promotions = 0;
        long promotionUnits = 0;
        long returned = 0;
        long transferred = 0;
        for (LedgerDay day : days) {
            demandUnits += day.demand().sold();
            stockouts += day.demand().stockout() ? 1 : 0;
            if (day.demand().promotion()) {
                promotions++;
                promotionUnits += day.demand().sold();
            }
            returned += day.returned();
            transferred += day.transferredOut();
        }
        return new StoredPolicy.History(days.size(), demandUnits, stockouts, promotions, promotionUnits, returned,
                transferred);
    }

    // ---- reading ----

    @WithConnection
    public Uni<List<StoredPolicy>> policies(String sku) {
        return standardItem(sku, RuleViolation.unknownPath("sku", "no standard item " + sku))
                .chain(() -> policies.ofSku(sku));
    }

    /** What to order now, optionally of one supplier or for one location. */
    @WithConnection
    public Uni<List<Suggestion>> suggestions(String supplier, String location) {
        return suggestionsNow(supplier, location);
    }

    private Uni<List<Suggestion>> suggestionsNow(String supplier, String location) {
        return policies.underReorderPoint(supplier, location)
                .map(candidates -> candidates.stream().map(PlanningService::suggestion).toList());
    }

    /**
     * Enough to bring the position (with what drafts hold) above the reorder point, at least the policy's order
     * quantity, in the supplier's minimum and multiple as they are now.
     */
    private static Suggestion suggestion(PolicyRepository.Candidate c) {
        long position = c.onHand() + c.incoming() - c.committed() - c.reserved();
        long shortfall = c.reorderPoint() - (position + c.drafted()) + 1;
        long quantity = PolicyCalculator.roundToTerms(Math.max(c.orderQuantity(), shortfall),
                new SupplyTerms(c.leadTimeDays(), 0, c.minimumQuantity(), c.multiple(), c.unitCost()));
        return new Suggestion(c.supplier(), c.sku(), c.location(), c.onHand(), c.incoming(), c.committed(),
                c.reserved(), c.drafted(), c.reorderPoint(), quantity, c.dailyForecast(), c.leadTimeDays(), c.method(),
                c.forecastMethod(), c.unitCost());
    }

    // ---- ordering ----

    /**
     * The supplier's suggestions as draft purchase orders, one per location, made by the purchasing feature in this
     * one transaction: all of them or none. The supplier's row is locked first, so a second request for it (a double
     * click) waits and then sees the drafts this one made (nothing left to order) instead of drafting them again.
     */
    @WithTransaction
    public Uni<List<PurchaseOrderView>> order(String supplier, String location, String actor) {
        return suppliers.lockById(supplier)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("supplier", "no supplier " + supplier))
                .chain(found -> suggestionsNow(supplier, location).chain(lines -> {
                    if (lines.isEmpty()) {
                        throw RuleViolation.unprocessable("supplier", "nothing to order from " + supplier
                                + (location == null ? "" : " for " + location) + " now").in(RuleViolation.In.PATH);
                    }
                    Map<String, List<Suggestion>> byLocation = new LinkedHashMap<>();
                    lines.forEach(line -> byLocation.computeIfAbsent(line.location(), ignored -> new ArrayList<>())
                            .add(line));
                    LocalDate today = LocalDate.now(config.zone());
                    Uni<List<PurchaseOrderView>> chain = Uni.createFrom().item(new ArrayList<>());
                    for (Map.Entry<String, List<Suggestion>> place : byLocation.entrySet()) {
                        double leadTime = place.getValue().stream().mapToDouble(Suggestion::leadTimeDays).max()
                                .orElse(found.leadTimeDays);
                        PurchaseOrderRequest request = new PurchaseOrderRequest(supplier, place.getKey(),
                                place.getValue().stream().map(line -> new PurchaseOrderRequest.Line(line.sku(),
                                        line.quantity(), line.unitCost())).toList(),
                                today.plusDays((long) Math.ceil(leadTime)));
                        chain = chain.chain(made -> purchaseOrders.create(request, actor).map(order -> {
                            made.add(order);
                            return made;
                        }));
                    }
                    return chain;
                }));
    }

    // ---- settings ----

    @WithTransaction
    public Uni<Promotion> addPromotion(PromotionRequest request, String actor) {
        if (request.endsOn().isBefore(request.startsOn())) {
            throw RuleViolation.unprocessable("endsOn", "must not be before startsOn");
        }
        return standardItem(request.sku(), RuleViolation.notFound("sku", "no standard item " + request.sku()))
                .chain(() -> request.location() == null ? Uni.createFrom().voidItem()
                        : locations.findById(request.location())
                                .onItem().ifNull().failWith(() -> RuleViolation.notFound("location",
                                        "no location " + request.location()))
                                .replaceWithVoid())
                .chain(() -> settings.addPromotion(request.sku(), request.location(), request.startsOn(),
                        request.endsOn(), request.note(), actor));
    }

    @WithConnection
    public Uni<List<Promotion>> promotions(String sku) {
        return settings.promotions(sku);
    }

    @WithTransaction
    public Uni<Void> deletePromotion(long id) {
        return settings.deletePromotion(id).invoke(deleted -> {
            if (!deleted) {
                throw RuleViolation.unknownPath("id", "no promotion " + id);
            }
        }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<ItemSettings> saveSettings(String sku, ItemSettingsRequest request, String actor) {
        return standardItem(sku, RuleViolation.unknownPath("sku", "no standard item " + sku))
                .chain(() -> request.supplier() == null ? Uni.createFrom().voidItem()
                        : suppliers.findById(request.supplier())
                                .onItem().ifNull().failWith(() -> RuleViolation.notFound("supplier",
                                        "no supplier " + request.supplier()))
                                .chain(() -> supplierItems.find(request.supplier(), sku))
                                .onItem().ifNull().failWith(() -> RuleViolation.unprocessable("supplier",
                                        "supplier " + request.supplier() + " does not sell " + sku))
                                .replaceWithVoid())
                .chain(() -> settings.saveSettings(sku, request.serviceLevel(), request.supplier(), actor));
    }

    @WithConnection
    public Uni<ItemSettings> settings(String sku) {
        return standardItem(sku, RuleViolation.unknownPath("sku", "no standard item " + sku))
                .chain(() -> settings.settings(sku))
                .map(found -> found == null ? new ItemSettings(sku, null, null, null, null) : found);
    }

    private Uni<Item> standardItem(String sku, RuleViolation missing) {
        return items.findById(sku).invoke(item -> {
            if (item == null || item.kind != ItemKind.STANDARD) {
                throw missing;
            }
        });
    }
}
