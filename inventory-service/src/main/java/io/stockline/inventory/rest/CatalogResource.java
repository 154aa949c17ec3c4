package io.stockline.inventory.rest;

import java.math.BigDecimal;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.stockline.inventory.rest.security.Roles;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.RuleViolation;
import io.stockline.inventory.repository.BundleRepository;
import io.stockline.inventory.repository.Item;
import io.stockline.inventory.repository.Location;
import io.stockline.inventory.service.CatalogService;
import io.stockline.inventory.service.ItemRequest;
import io.stockline.inventory.service.LocationRequest;

@Path("/api/v1")
@RolesAllowed(Roles.VIEWER)
public class CatalogResource {

    public record ItemResponse(String sku, String name, List<String> barcodes, String kind, String status,
            boolean lotTracked, boolean backorderAllowed, BigDecimal unitCost,
            List<BundleRepository.Component> components) {

        static ItemResponse of(Item i, List<BundleRepository.Component> components) {
            return new ItemResponse(i.sku, i.name, List.copyOf(i.barcodes), i.kind.name(), i.status, i.lotTracked,
                    i.backorderAllowed, i.unitCost, components);
        }
    }

    private Uni<ItemResponse> withComponents(Item item) {
        return catalog.components(item.sku).map(components -> ItemResponse.of(item, components));
    }

    public record LocationResponse(String code, String name, String type, Double latitude, Double longitude,
            int priority, boolean fulfilsOrders) {

        static LocationResponse of(Location l) {
            return new LocationResponse(l.code, l.name, l.type.name(), l.latitude, l.longitude, l.priority,
                    l.fulfilsOrders);
        }
    }

    private final CatalogService catalog;

    public CatalogResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @POST
    @Path("/items")
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<ItemResponse>> createItem(@Valid @NotNull ItemRequest request) {
        return catalog.createItem(request)
                .chain(this::withComponents)
                .map(item -> RestResponse.status(RestResponse.Status.CREATED, item));
    }

    @GET
    @Path("/items/{sku}")
    public Uni<ItemResponse> item(@RestPath String sku) {
        return catalog.item(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.notFound("sku", "no item " + sku))
                .chain(this::withComponents);
    }

    /** Scanner lookup: GET /api/v1/items?barcode=... */
    @GET
    @Path("/items")
    public Uni<List<ItemResponse>> itemsByBarcode(@QueryParam("barcode") String barcode) {
        if (barcode == null || barcode.isBlank()) {
            throw RuleViolation.unprocessable("barcode", "give a barcode to look up");
        }
        return catalog.itemByBarcode(barcode)
                .chain(item -> item == null ? Uni.createFrom().item(List.<ItemResponse>of())
                        : withComponents(item).map(List::of));
    }

    @POST
    @Path("/locations")
    @RolesAllowed(Roles.ADMIN)
    public Uni<RestResponse<LocationResponse>> createLocation(@Valid @NotNull LocationRequest request) {
        return catalog.createLocation(request)
                .map(location -> RestResponse.status(RestResponse.Status.CREATED, LocationResponse.of(location)));
    }

    @GET
    @Path("/locations")
    public Uni<List<LocationResponse>> locations() {
        return catalog.locations().map(list -> list.stream().map(LocationResponse::of).toList());
    }
}
