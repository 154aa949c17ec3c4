package io.stockline.inventory.imports.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.ItemStatus;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;
import io.stockline.inventory.messaging.ItemChangedEvent;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.service.ItemRequest;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;
import io.stockline.platform.outbox.OutboxBatch;
import io.stockline.platform.outbox.OutboxEvent;

/**
 * Items: {@code sku, name, lotTracked?, backorderAllowed?, unitCost?}. A new item is created as POST /items creates
 * one (standard, active, revision 1) with its item-changed event in the outbox; an existing one is unchanged when
 * the row says what it holds, and refused otherwise (a catalog change is a PATCH, not an import).
 */
@ApplicationScoped
class ItemRows implements RowKind<ItemRequest> {

    private final ItemRepository items;
    private final KeyLocks locks;
    private final Validator validator;
    private final Outbox outbox;
    private final OutboxBatch outboxBatch;
    private final String itemsTopic;

    ItemRows(ItemRepository items, Validator validator, Outbox outbox, OutboxBatch outboxBatch, Topics topics,
            KeyLocks locks) {
        this.locks = locks;
        this.items = items;
        this.validator = validator;
        this.outbox = outbox;
        this.outboxBatch = outboxBatch;
        this.itemsTopic = topics.items();
    }

    @Override
    public String name() {
        return "items";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("sku", "name");
    }

    @Override
    public ItemRequest read(Cells cells) {
        ItemRequest request = new ItemRequest(cells.text("sku"), cells.text("name"), null, null,
                cells.bool("lotTracked"), cells.bool("backorderAllowed"), cells.decimal("unitCost"), null, null, null);
        Requests.validate(validator, request);
        return request;
    }

    @Override
    public String identity(ItemRequest row) {
        return row.sku();
    }

    @Override
    public String identityColumn() {
        return "sku";
    }

    @Override
    public Uni<List<RowFate>> apply(List<Numbered<ItemRequest>> chunk, Run run) {
        List<String> skus = chunk.stream().map(row -> row.value().sku()).toList();
        return items.facts(skus).chain(existing -> {
            List<Item> created = new ArrayList<>();
            for (Numbered<ItemRequest> row : chunk) {
                if (!existing.containsKey(row.value().sku())) {
                    created.add(item(row.value()));
                }
            }
            if (run.dryRun() || created.isEmpty()) {
                return Uni.createFrom().item(fates(chunk, existing, Set.of()));
            }
            // POST /items takes the SKU's lock before it looks: with the chunk holding them, a request for one of
            // these SKUs waits and then finds the item (409) instead of failing on the primary key.
            return locks.lockAll(KeyLocks.Scope.ITEM_SKU, created.stream().map(item -> item.sku).toList())
                    .chain(() -> items.insertAll(created)).chain(inserted -> {
                List<OutboxEvent> events = new ArrayList<>(inserted.size());
                Set<String> raced = new HashSet<>();
                for (Item item : created) {
                    if (inserted.contains(item.sku)) {
                        UUID eventId = UUID.randomUUID();
                        events.add(outbox.event(eventId, ItemChangedEvent.TYPE, itemsTopic, item.sku,
                                ItemChangedEvent.of(eventId, item)));
                    } else {
                        raced.add(item.sku);
                    }
                }
                // An item another request created meanwhile is judged like one that existed before.
                Uni<Map<String, ItemRepository.Facts>> now = raced.isEmpty() ? Uni.createFrom().item(existing)
                        : items.facts(raced).map(found -> {
                            Map<String, ItemRepository.Facts> all = new HashMap<>(existing);
                            all.putAll(found);
                            return all;
                        });
                return outboxBatch.addAll(events).chain(() -> now).map(facts -> fates(chunk, facts, inserted));
            });
        });
    }

    private static List<RowFate> fates(List<Numbered<ItemRequest>> chunk, Map<String, ItemRepository.Facts> existing,
            Set<String> inserted) {
        List<RowFate> fates = new ArrayList<>(chunk.size());
        for (Numbered<ItemRequest> row : chunk) {
            ItemRequest request = row.value();
            ItemRepository.Facts facts = inserted.contains(request.sku()) ? null : existing.get(request.sku());
            if (facts == null) {
                fates.add(RowFate.APPLIED);
            } else if (same(facts, request)) {
                fates.add(RowFate.UNCHANGED);
            } else {
                fates.add(RowFate.rejected("sku", "item " + request.sku()
                        + " exists with other values: change it with PATCH /items/{sku}"));
            }
        }
        return fates;
    }

    private static boolean same(ItemRepository.Facts existing, ItemRequest request) {
        return existing.name().equals(request.name())
                && existing.lotTracked() == Boolean.TRUE.equals(request.lotTracked())
                && existing.backorderAllowed() == Boolean.TRUE.equals(request.backorderAllowed())
                && (request.unitCost() == null
                        || existing.unitCost() != null && existing.unitCost().compareTo(request.unitCost()) == 0);
    }

    private static Item item(ItemRequest request) {
        Item item = new Item();
        item.sku = request.sku();
        item.name = request.name();
        item.kind = ItemKind.STANDARD;
        item.status = ItemStatus.ACTIVE;
        item.lotTracked = Boolean.TRUE.equals(request.lotTracked());
        item.backorderAllowed = Boolean.TRUE.equals(request.backorderAllowed());
        item.unitCost = request.unitCost();
        return item;
    }
}
