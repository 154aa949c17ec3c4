package io.stockline.inventory.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.Gtin;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.ItemStatus;
import io.stockline.inventory.domain.LocationType;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.Location;
import io.stockline.inventory.repository.LocationRepository;

/** Items and locations. */
@ApplicationScoped
public class CatalogService {

    private final ItemRepository items;
    private final LocationRepository locations;

    private final KeyLocks locks;
    private final BundleRepository bundles;
    private final ObjectMapper json;
    private final CatalogEvents events;

    public CatalogService(ItemRepository items, LocationRepository locations, KeyLocks locks, BundleRepository bundles,
            ObjectMapper json, CatalogEvents events) {
        this.events = events;
        this.json = json;
        this.locks = locks;
        this.bundles = bundles;
        this.items = items;
        this.locations = locations;
    }

    @WithTransaction
    public Uni<Item> createItem(ItemRequest request) {
        ItemKind kind = request.kind() == null ? ItemKind.STANDARD : request.kind();
        List<ItemRequest.Component> components = request.components() == null ? List.of() : request.components();
        requireComponentsFit(request.sku(), kind, components);
        return locks.lock(KeyLocks.Scope.ITEM_SKU, request.sku())
                .chain(() -> items.findById(request.sku())).chain(existing -> {
            if (existing != null) {
                throw RuleViolation.conflict("sku", "item " + request.sku() + " exists");
            }
            Item item = new Item();
            item.sku = request.sku();
            item.name = request.name();
            item.kind = kind;
            item.status = ItemStatus.ACTIVE;
            item.product = request.product();
            item.optionsJson = optionsJson(request);
            item.lotTracked = Boolean.TRUE.equals(request.lotTracked());
            item.backorderAllowed = Boolean.TRUE.equals(request.backorderAllowed());
            item.unitCost = request.unitCost();
            item.barcodes = request.barcodes() == null ? new ArrayList<>() : new ArrayList<>(request.barcodes());
            return requireDistinctVariant(item)
                    .chain(() -> requireUnusedBarcodes(item))
                    .chain(() -> requireExistingComponents(components))
                    .chain(() -> items.persist(item))
                    .call(() -> bundles.addComponents(item.sku, components.stream()
                            .map(c -> new BundleRepository.Component(c.sku(), c.quantity())).toList())
                            .chain(() -> requireShallowEnough(item.sku)))
                    .call(events::itemChanged);
        });
    }

    private String optionsJson(ItemRequest request) {
        Map<String, String> options = request.options() == null ? Map.of() : request.options();
        if (!options.isEmpty() && request.product() == null) {
            throw RuleViolation.unprocessable("options", "options tell the variants of a product apart: name the product");
        }
        try {
            return json.writeValueAsString(new TreeMap<>(options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Void> requireDistinctVariant(Item item) {
        if (item.product == null) {
            return Uni.createFrom().voidItem();
        }
        return locks.lock(KeyLocks.Scope.PRODUCT, item.product)
                .chain(() -> items.findVariant(item.product, item.optionsJson))
                .invoke(twin -> {
                    if (twin != null) {
                        throw RuleViolation.conflict("options", "variant " + twin.sku + " of " + item.product
                                + " has the same options");
                    }
                }).replaceWithVoid();
    }

    @WithConnection
    public Uni<List<Item>> variants(String product) {
        return items.findByProduct(product);
    }

    /** Discontinuing keeps stock and history; the item takes no new reservations. */
    @WithTransaction
    public Uni<Item> changeStatus(String sku, ItemStatus status) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(item -> item.status == status ? Uni.createFrom().item(item)
                        : items.changeStatus(sku, status).chain(revision -> {
                            if (revision == null) {
                                // a request racing this one made the change (and announced it) first
                                return items.findById(sku);
                            }
                            item.status = status;
                            item.revision = revision;
                            return events.itemChanged(item).replaceWith(item);
                        }));
    }

    private static void requireComponentsFit(String sku, ItemKind kind, List<ItemRequest.Component> components) {
        if (kind != ItemKind.BUNDLE) {
            if (!components.isEmpty()) {
                throw RuleViolation.unprocessable("components", "only a bundle has components");
            }
            return;
        }
        if (components.isEmpty()) {
            throw RuleViolation.unprocessable("components", "a bundle needs at least one component");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < components.size(); i++) {
            String component = components.get(i).sku();
            if (component.equals(sku)) {
                throw RuleViolation.unprocessable("components[" + i + "].sku", "a bundle cannot contain itself");
            }
            if (!seen.add(component)) {
                throw RuleViolation.unprocessable("components[" + i + "].sku", "list each component once");
            }
        }
    }

    private Uni<Void> requireExistingComponents(List<ItemRequest.Component> components) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < components.size(); i++) {
            String component = components.get(i).sku();
            String field = "components[" + i + "].sku";
            chain = chain.chain(() -> items.findById(component)
                    .onItem().ifNull().failWith(() -> RuleViolation.notFound(field, "no item " + component)))
                    .replaceWithVoid();
        }
        return chain;
    }

    private Uni<Void> requireShallowEnough(String bundleSku) {
        return bundles.depth(bundleSku).invoke(depth -> {
            if (depth > BundleRepository.MAX_DEPTH) {
                throw RuleViolation.unprocessable("components",
                        "bundles nest at most " + BundleRepository.MAX_DEPTH + " deep");
            }
        }).replaceWithVoid();
    }

    @WithConnection
    public Uni<List<BundleRepository.Component>> components(String sku) {
        return bundles.components(sku);
    }

    /** The components of each of the SKUs that is a bundle, by SKU; one query whatever their number. */
    @WithConnection
    public Uni<Map<String, List<BundleRepository.Component>>> components(List<String> skus) {
        return bundles.components(skus);
    }

    private Uni<Void> requireUnusedBarcodes(Item item) {
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < item.barcodes.size(); i++) {
            if (!listed.add(item.barcodes.get(i))) {
                throw RuleViolation.unprocessable("barcodes[" + i + "]", "barcode " + item.barcodes.get(i)
                        + " is listed twice");
            }
        }
        for (int i = 0; i < item.barcodes.size(); i++) {
            String wrongDigit = Gtin.problem(item.barcodes.get(i));
            if (wrongDigit != null) {
                throw RuleViolation.invalid("barcodes[" + i + "]", wrongDigit);
            }
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < item.barcodes.size(); i++) {
            String barcode = item.barcodes.get(i);
            String field = "barcodes[" + i + "]";
            // a UPC-A and the EAN-13 with its leading zero are one product's number: either form is taken
            chain = chain.chain(() -> items.findByBarcode(Gtin.forms(barcode)).invoke(owner -> {
                if (owner != null) {
                    throw RuleViolation.conflict(field, "barcode " + barcode + " belongs to " + owner.sku);
                }
            })).replaceWithVoid();
        }
        return chain;
    }

    @WithConnection
    public Uni<Item> item(String sku) {
        return items.findById(sku);
    }

    /**
     * What a person looks for by typing part of a SKU or name, or a whole barcode. A transaction only so that the
     * search's planner setting ends with it (ItemRepository.search).
     */
    @WithTransaction
    public Uni<List<Item>> search(String text, int limit) {
        return items.search(text.strip(), limit);
    }

    /** A scanner's lookup: a GTIN with a wrong check digit is a misread, refused rather than looked up. */
    @WithConnection
    public Uni<Item> itemByBarcode(String barcode) {
        String wrongDigit = Gtin.problem(barcode);
        if (wrongDigit != null) {
            return Uni.createFrom().failure(RuleViolation.invalidQuery("barcode", wrongDigit));
        }
        return items.findByBarcode(Gtin.forms(barcode));
    }

    @WithTransaction
    public Uni<Location> createLocation(LocationRequest request) {
        request.requireOwnStock();
        return locks.lock(KeyLocks.Scope.LOCATION_CODE, request.code())
                .chain(() -> locations.findById(request.code())).chain(existing -> {
            if (existing != null) {
                throw RuleViolation.conflict("code", "location " + request.code() + " exists");
            }
            Location location = request.toLocation();
            return locations.persist(location).call(events::locationChanged);
        });
    }

    @WithTransaction
    public Uni<Location> changeLocation(String code, LocationRequest.Change change) {
        return locks.lock(KeyLocks.Scope.LOCATION_CODE, code)
                .chain(() -> locations.findById(code))
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("code", "no location " + code))
                .call(location -> {
                    if (change.name() != null) {
                        location.name = change.name();
                    }
                    if (change.latitude() != null) {
                        location.latitude = change.latitude();
                    }
                    if (change.longitude() != null) {
                        location.longitude = change.longitude();
                    }
                    if (change.priority() != null) {
                        location.priority = change.priority();
                    }
                    if (change.fulfilsOrders() != null) {
                        if (change.fulfilsOrders() && !location.type.holdsOwnStock()) {
                            throw RuleViolation.unprocessable("fulfilsOrders", code + " shows a dropship supplier's"
                                    + " availability: orders are never fulfilled from it");
                        }
                        location.fulfilsOrders = change.fulfilsOrders();
                    }
                    if (change.countries() != null) {
                        location.countryList(change.countries().stream().distinct().sorted().toList());
                    }
                    location.revision++;
                    return locations.update(location).chain(() -> events.locationChanged(location));
                });
    }

    /**
     * The SUPPLIER location of a dropship supplier, made on its first availability, in the caller's transaction:
     * code {@code SUPPLIER-<code>}, fulfilling no orders, announced on {@code inventory.locations} like any other.
     */
    public Uni<Location> supplierLocation(String supplier, String supplierName) {
        String code = StockRules.SUPPLIER_LOCATION_PREFIX + supplier;
        return locks.lock(KeyLocks.Scope.LOCATION_CODE, code)
                .chain(() -> findSupplierLocation(supplier))
                .chain(found -> {
                    if (found != null) {
                        return Uni.createFrom().item(found);
                    }
                    Location location = new Location();
                    location.code = code;
                    location.name = supplierName + " (dropship)";
                    location.type = LocationType.SUPPLIER;
                    location.supplier = supplier;
                    location.priority = 0;
                    location.fulfilsOrders = false;
                    return locations.persist(location).call(events::locationChanged);
                });
    }

    /**
     * The dropship supplier's SUPPLIER location, or null when its first availability is still to make it; a 409 on
     * {@code code} when another location holds its code (one made before such codes were kept for suppliers). Reads
     * only, so an import's dry run refuses what {@link #supplierLocation} would.
     */
    public Uni<Location> findSupplierLocation(String supplier) {
        String code = StockRules.SUPPLIER_LOCATION_PREFIX + supplier;
        return locations.findBySupplier(supplier).chain(found -> found != null ? Uni.createFrom().item(found)
                : locations.findById(code).invoke(taken -> {
                    if (taken != null) {
                        throw RuleViolation.conflict("code", "location " + code + " exists and is not supplier "
                                + supplier + "'s").in(RuleViolation.In.PATH);
                    }
                }));
    }

    @WithConnection
    public Uni<List<Location>> locations() {
        return locations.listAll();
    }
}
