package io.stockline.inventory.imports.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.AdjustmentReason;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.LotQuantity;
import io.stockline.inventory.domain.Movement;
import io.stockline.inventory.domain.MovementType;
import io.stockline.inventory.domain.StockLevel;
import io.stockline.inventory.domain.StockState;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;
import io.stockline.inventory.messaging.StockChangedEvent;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.Location;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.repository.LotRepository;
import io.stockline.inventory.repository.MovementRepository;
import io.stockline.inventory.repository.StockRepository;
import io.stockline.inventory.service.BundleAvailability;
import io.stockline.inventory.service.MovementRequest;
import io.stockline.inventory.service.StockRules;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;
import io.stockline.platform.outbox.OutboxBatch;
import io.stockline.platform.outbox.OutboxEvent;
import io.stockline.platform.problem.RuleViolation;

/**
 * Stock: {@code sku, location, quantity}, the units counted on hand there. Each row that differs from what is on hand
 * is a COUNT_CORRECTION, exactly as POST /movements records one, only set-based: per chunk the balances are locked in
 * key order, each correction is computed from the locked on-hand (so it races reservations and receipts safely),
 * then one guarded UPDATE, one ledger INSERT, one lot statement and one outbox INSERT carry the whole chunk. The
 * ledger row's idempotency key is the file's digest and the row, so a file imported again changes nothing even
 * after the stock has moved since. A lot-tracked item's count is its total at the location: a rise goes to the
 * unassigned lot and a fall takes the first lots to expire, as a count by hand does.
 */
@ApplicationScoped
class StockRows implements RowKind<StockRows.Count> {

    record Count(String sku, String location, long quantity) {
    }

    private final ItemRepository items;
    private final LocationRepository locations;
    private final StockRepository stock;
    private final MovementRepository movements;
    private final LotRepository lots;
    private final BundleRepository bundles;
    private final BundleAvailability bundleAvailability;
    private final Outbox outbox;
    private final OutboxBatch outboxBatch;
    private final String stockChangedTopic;

    StockRows(ItemRepository items, LocationRepository locations, StockRepository stock, MovementRepository movements,
            LotRepository lots, BundleRepository bundles, BundleAvailability bundleAvailability, Outbox outbox,
            OutboxBatch outboxBatch, Topics topics) {
        this.items = items;
        this.locations = locations;
        this.stock = stock;
        this.movements = movements;
        this.lots = lots;
        this.bundles = bundles;
        this.bundleAvailability = bundleAvailability;
        this.outbox = outbox;
        this.outboxBatch = outboxBatch;
        this.stockChangedTopic = topics.stockChanged();
    }

    @Override
    public String name() {
        return "stock";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("sku", "location", "quantity");
    }

    @Override
    public Count read(Cells cells) {
        String sku = cells.text("sku");
        String location = cells.text("location");
        Long quantity = cells.whole("quantity");
        if (sku == null) {
            throw RuleViolation.invalid("sku", "must not be blank");
        }
        if (location == null) {
            throw RuleViolation.invalid("location", "must not be blank");
        }
        if (quantity == null) {
            throw RuleViolation.invalid("quantity", "must not be null");
        }
        if (quantity < 0) {
            throw RuleViolation.invalid("quantity", "a count cannot be negative");
        }
        if (quantity > MovementRequest.MAX_QUANTITY) {
            throw RuleViolation.invalid("quantity", "must be less than or equal to " + MovementRequest.MAX_QUANTITY);
        }
        return new Count(sku, location, quantity);
    }

    @Override
    public String identity(Count row) {
        return row.sku() + '\u0000' + row.location();
    }

    @Override
    public String identityColumn() {
        return "location";
    }

    /** A row that passed the lookups, with what it needs to be applied. */
    private record Candidate(int index, Count count, String key, ItemRepository.Facts item) {
    }

    /** A correction to record: the candidate and the change it makes. */
    private record Correction(Candidate candidate, StockState delta) {
    }

    @Override
    public Uni<List<RowFate>> apply(List<Numbered<Count>> chunk, Run run) {
        RowFate[] fates = new RowFate[chunk.size()];
        Set<String> skus = new HashSet<>();
        Set<String> codes = new HashSet<>();
        List<String> keys = new ArrayList<>(chunk.size());
        for (Numbered<Count> row : chunk) {
            skus.add(row.value().sku());
            codes.add(row.value().location());
            keys.add(key(run, row.line()));
        }
        return items.facts(skus).chain(facts -> locations.findAll(codes).chain(found -> movements.existingKeys(run.actor(), keys)
                .chain(replayed -> {
                    Map<String, Location> known = new HashMap<>();
                    found.forEach(l -> known.put(l.code, l));
                    List<Candidate> candidates = new ArrayList<>();
                    for (int i = 0; i < chunk.size(); i++) {
                        Count count = chunk.get(i).value();
                        ItemRepository.Facts item = facts.get(count.sku());
                        if (item == null) {
                            fates[i] = RowFate.rejected("sku", "no item " + count.sku());
                        } else if (item.kind() == ItemKind.BUNDLE) {
                            fates[i] = RowFate.rejected("sku", "a bundle holds no stock of its own: count its components");
                        } else if (item.kind() == ItemKind.DROPSHIP) {
                            fates[i] = RowFate.rejected("sku", StockRules.dropshipItem(count.sku()));
                        } else if (!known.containsKey(count.location())) {
                            fates[i] = RowFate.rejected("location", "no location " + count.location());
                        } else if (!known.get(count.location()).type.holdsOwnStock()) {
                            fates[i] = RowFate.rejected("location", StockRules.supplierLocation(count.location()));
                        } else if (replayed.contains(keys.get(i))) {
                            fates[i] = RowFate.UNCHANGED;
                        } else {
                            candidates.add(new Candidate(i, count, keys.get(i), item));
                        }
                    }
                    return balances(candidates, run.dryRun())
                            .chain(levels -> correct(candidates, levels, fates, run));
                })))
                .map(ignored -> List.of(fates));
    }

    /** The current balances of the candidates: locked (created first where a count will fill them) unless a dry run. */
    private Uni<Map<String, StockLevel>> balances(List<Candidate> candidates, boolean dryRun) {
        List<String> skus = new ArrayList<>(candidates.size());
        List<String> codes = new ArrayList<>(candidates.size());
        List<String> fillSkus = new ArrayList<>();
        List<String> fillCodes = new ArrayList<>();
        for (Candidate c : candidates) {
            skus.add(c.count().sku());
            codes.add(c.count().location());
            if (c.count().quantity() > 0) {
                fillSkus.add(c.count().sku());
                fillCodes.add(c.count().location());
            }
        }
        Uni<Void> rows = dryRun ? Uni.createFrom().voidItem() : stock.ensureRows(fillSkus, fillCodes);
        return rows.chain(() -> stock.findAll(skus, codes, !dryRun)).map(levels -> {
            Map<String, StockLevel> byPair = new HashMap<>(levels.size() * 2);
            levels.forEach(level -> byPair.put(LotRepository.key(level.sku(), level.location()), level));
            return byPair;
        });
    }

    private Uni<Void> correct(List<Candidate> candidates, Map<String, StockLevel> levels, RowFate[] fates, Run run) {
        List<Correction> corrections = new ArrayList<>();
        for (Candidate c : candidates) {
            StockLevel level = levels.get(LotRepository.key(c.count().sku(), c.count().location()));
            StockState current = level == null ? StockState.ZERO : level.state();
            StockState delta = MovementType.countCorrection(c.count().quantity(), current.onHand());
            if (delta.onHand() == 0) {
                fates[c.index()] = RowFate.UNCHANGED;
                continue;
            }
            String below = current.plus(delta).firstNegative(c.item().backorderAllowed());
            if (below != null) {
                fates[c.index()] = RowFate.rejected("quantity", "a count of %d would take %s of %s at %s below zero"
                        .formatted(c.count().quantity(), below, c.count().sku(), c.count().location()));
                continue;
            }
            fates[c.index()] = RowFate.APPLIED;
            corrections.add(new Correction(c, delta));
        }
        if (run.dryRun() || corrections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return record(corrections, run);
    }

    /** The balances, the ledger rows, the lots and the events of the corrections, in the caller's transaction. */
    private Uni<Void> record(List<Correction> corrections, Run run) {
        List<StockRepository.Change> changes = corrections.stream()
                .map(c -> new StockRepository.Change(c.candidate().count().sku(), c.candidate().count().location(),
                        c.delta(), c.candidate().item().backorderAllowed()))
                .toList();
        return stock.applyAll(changes).chain(after -> {
            if (after.size() != changes.size()) {
                // The balances are locked and every correction was checked against them: this cannot pass unnoticed.
                throw new IllegalStateException("the guard refused " + (changes.size() - after.size())
                        + " locked count corrections");
            }
            Map<String, StockLevel> levels = new HashMap<>(after.size() * 2);
            after.forEach(level -> levels.put(LotRepository.key(level.sku(), level.location()), level));
            String reference = "import " + run.digest().substring(0, 12);
            List<MovementRepository.NewMovement> rows = new ArrayList<>(corrections.size());
            for (Correction c : corrections) {
                Count count = c.candidate().count();
                StockLevel level = levels.get(LotRepository.key(count.sku(), count.location()));
                rows.add(new MovementRepository.NewMovement(MovementType.COUNT_CORRECTION, count.sku(),
                        count.location(), count.quantity(), c.delta(), "stock import", reference, run.actor(),
                        c.candidate().key(), level.version(), null, null, AdjustmentReason.IMPORT));
            }
            return movements.appendAll(rows).chain(recorded -> lots.applyOnHandChanges(lotChanges(corrections, recorded))
                    .chain(lotsHeld -> {
                        List<OutboxEvent> events = new ArrayList<>(recorded.size());
                        Map<String, Movement> byPair = new HashMap<>(recorded.size() * 2);
                        for (Movement movement : recorded) {
                            String pair = LotRepository.key(movement.sku(), movement.location());
                            byPair.put(pair, movement);
                            events.add(event(movement, levels.get(pair), lotsHeld.get(pair)));
                        }
                        return bundleEvents(byPair, levels, events).chain(() -> outboxBatch.addAll(events));
                    }));
        });
    }

    /** The lots a lot-tracked item's corrections move, under the ledger rows just recorded (in the same order). */
    private static List<LotRepository.LotChange> lotChanges(List<Correction> corrections, List<Movement> recorded) {
        List<LotRepository.LotChange> lotChanges = new ArrayList<>();
        for (int i = 0; i < corrections.size(); i++) {
            Correction c = corrections.get(i);
            if (c.candidate().item().lotTracked()) {
                Count count = c.candidate().count();
                long change = c.delta().onHand();
                lotChanges.add(new LotRepository.LotChange(recorded.get(i).id(), count.sku(), count.location(),
                        change > 0 ? LotQuantity.UNASSIGNED : null, null, change));
            }
        }
        return lotChanges;
    }

    private OutboxEvent event(Movement movement, StockLevel level, List<LotQuantity> lotsHeld) {
        UUID eventId = UUID.randomUUID();
        return outbox.event(eventId, StockChangedEvent.TYPE, stockChangedTopic, level.sku(),
                StockChangedEvent.of(eventId, level, movement.type().name(), movement.id(), movement.createdAt(),
                        lotsHeld));
    }

    /**
     * A component's change changes what every bundle holding it can sell there, as StockLedger tells for one
     * movement: each such bundle gets an event too. Few SKUs are components, so one lookup finds them for the chunk.
     */
    private Uni<Void> bundleEvents(Map<String, Movement> byPair, Map<String, StockLevel> levels,
            List<OutboxEvent> events) {
        Set<String> skus = new HashSet<>();
        byPair.values().forEach(m -> skus.add(m.sku()));
        return bundles.componentsAmong(skus).chain(components -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<String, Movement> entry : byPair.entrySet()) {
                Movement movement = entry.getValue();
                if (!components.contains(movement.sku())) {
                    continue;
                }
                String location = movement.location();
                chain = chain.chain(() -> bundles.bundlesContaining(movement.sku()).chain(bundleSkus -> {
                    Uni<Void> each = Uni.createFrom().voidItem();
                    for (String bundleSku : bundleSkus) {
                        // the version first, then the availability: StockLedger.publishBundles says why
                        each = each.chain(() -> bundles.nextVersion(bundleSku, location)
                                .chain(version -> bundleAvailability.at(bundleSku, location).invoke(available ->
                                        events.add(event(movement, new StockLevel(bundleSku, location,
                                                new StockState(available, available, 0, 0, 0, 0, 0, 0, 0), version),
                                                null))))
                                .replaceWithVoid());
                    }
                    return each;
                }));
            }
            return chain;
        });
    }

    private static String key(Run run, int line) {
        return "import:" + run.digest() + ":" + line;
    }
}
