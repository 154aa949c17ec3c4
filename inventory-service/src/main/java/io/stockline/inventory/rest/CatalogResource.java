package io.stockline.inventory.rest;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.stockline.platform.security.Roles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.ItemStatus;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.Location;
import io.stockline.inventory.service.CatalogService;
import io.stockline.inventory.service.ItemRequest;
import io.stockline.inventory.service.LocationRequest;

@Path("/api/v1")
@RolesAllowed(Roles.VIEWER)
public class CatalogResource {

    static final String ITEMS = "The catalog: SKUs, their barcodes, bundles and kits, and their status.";
    static final String LOCATIONS = "Warehouses, stores and other places that hold stock, and where they ship to.";

    public record ItemResponse(String sku, String name, List<String> barcodes, String kind, String status,
            boolean lotTracked, boolean backorderAllowed, BigDecimal unitCost,
            List<BundleRepository.Component> components, String product, Map<String, String> options) {
    }

    /** PATCH /api/v1/items/{sku} */
    public record ItemChange(@NotNull ItemStatus status) {
    }

    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };

    private Uni<ItemResponse> withComponents(Item item) {
        return catalog.components(item.sku).map(components -> response(item, components));
    }

    /** The items with their components, read in one query for them all (a search answers up to 200). */
    private Uni<List<ItemResponse>> withComponents(List<Item> items) {
        return catalog.components(items.stream().map(item -> item.sku).toList())
                .map(byBundle -> items.stream()
                        .map(item -> response(item, byBundle.getOrDefault(item.sku, List.of()))).toList());
    }

    private ItemResponse response(Item item, List<BundleRepository.Component> components) {
        try {
            return new ItemResponse(item.sku, item.name, List.copyOf(item.barcodes), item.kind.name(),
                    item.status.name(), item.lotTracked, item.backorderAllowed, item.unitCost, components,
                    item.product, json.readValue(item.optionsJson, OPTIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record LocationResponse(String code, String name, String type, Double latitude, Double longitude,
            int priority, boolean fulfilsOrders, List<String> countries) {

        static LocationResponse of(Location l) {
            return new LocationResponse(l.code, l.name, l.type.name(), l.latitude, l.longitude, l.priority,
                    l.fulfilsOrders, l.countryList());
        }
    }

    private final CatalogService catalog;
    private final ObjectMapper json;

    public CatalogResource(CatalogService catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @POST
    @Path("/items")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createItem", summary = "Create an item", description = "A catalog item (standard, or a bundle or kit of components) with its barcodes and options; 409 when the SKU is taken.")
    @APIResponse(responseCode = "201", description = "The item as created.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ItemResponse.class)))
    @Tag(name = "Items", description = ITEMS)
    public Uni<RestResponse<ItemResponse>> createItem(@Valid @NotNull ItemRequest request) {
        return catalog.createItem(request)
                .chain(this::withComponents)
                .map(item -> RestResponse.status(RestResponse.Status.CREATED, item));
    }

    @GET
    @Path("/items/{sku}")
    @Operation(operationId = "getItem", summary = "Get an item", description = "One item with its components; 404 when there is no such SKU.")
    @Tag(name = "Items", description = ITEMS)
    public Uni<ItemResponse> item(@RestPath String sku) {
        return catalog.item(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(this::withComponents);
    }

    /** Scanner lookup (?barcode=...), a product's variants (?product=...) or a search (?q=...). */
    @GET
    @Path("/items")
    @Operation(operationId = "findItemsByBarcode", summary = "Find items by barcode, product or search text", description = "Scanner lookup (GET /api/v1/items?barcode=..., a wrong GTIN check digit is refused), a product's variants (?product=...), or a search (?q=...: SKUs starting with the text, names containing it, ignoring case, or the exact barcode; SKU matches first, at most `limit`).")
    @Tag(name = "Items", description = ITEMS)
    public Uni<List<ItemResponse>> itemsByBarcode(@QueryParam("barcode") String barcode,
            @QueryParam("product") String product,
            @Parameter(description = "Part of a SKU (its start) or a name, or a whole barcode.") @QueryParam("q") @Size(max = 100) String q,
            @Parameter(description = "At most this many items for ?q=.") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        if (q != null && !q.isBlank()) {
            return catalog.search(q, limit).chain(this::withComponents);
        }
        if ((barcode == null || barcode.isBlank()) && product != null && !product.isBlank()) {
            return catalog.variants(product).chain(this::withComponents);
        }
        if (barcode == null || barcode.isBlank()) {
            throw RuleViolation.unprocessable("barcode", "give a barcode, a product or a search text (q) to look up");
        }
        return catalog.itemByBarcode(barcode)
                .chain(item -> item == null ? Uni.createFrom().item(List.<ItemResponse>of())
                        : withComponents(item).map(List::of));
    }

    @PATCH
    @Path("/items/{sku}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeItem", summary = "Change an item", description = "Changes the item's status (ACTIVE or DISCONTINUED); channels see the change through `inventory.items`.")
    @Tag(name = "Items", description = ITEMS)
    public Uni<ItemResponse> changeItem(@RestPath String sku, @Valid @NotNull ItemChange change) {
        return catalog.changeStatus(sku, change.status()).chain(this::withComponents);
    }

    @POST
    @Path("/locations")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createLocation", summary = "Create a location", description = "A warehouse, store or other stock location, with its coordinates, priority and the countries it ships to; 409 when the code is taken.")
    @APIResponse(responseCode = "201", description = "The location as created.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = LocationResponse.class)))
    @Tag(name = "Locations", description = LOCATIONS)
    public Uni<RestResponse<LocationResponse>> createLocation(@Valid @NotNull LocationRequest request) {
        return catalog.createLocation(request)
                .map(location -> RestResponse.status(RestResponse.Status.CREATED, LocationResponse.of(location)));
    }

    @PATCH
    @Path("/locations/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeLocation", summary = "Change a location", description = "The fields given change, the others stay; allocation sees the change through `inventory.locations`.")
    @Tag(name = "Locations", description = LOCATIONS)
    public Uni<LocationResponse> changeLocation(@RestPath String code, @Valid @NotNull LocationRequest.Change change) {
        return catalog.changeLocation(code, change).map(LocationResponse::of);
    }

    @GET
    @Path("/locations")
    @Operation(operationId = "listLocations", summary = "List locations", description = "Every location, by code.")
    @Tag(name = "Locations", description = LOCATIONS)
    public Uni<List<LocationResponse>> locations() {
        return catalog.locations().map(list -> list.stream().map(LocationResponse::of).toList());
    }
}
