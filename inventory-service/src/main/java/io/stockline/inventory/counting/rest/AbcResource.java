package io.stockline.inventory.counting.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.AbcEntry;
import io.stockline.inventory.counting.service.AbcService;
import io.stockline.inventory.counting.service.PinRequest;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.security.Roles;
import io.stockline.platform.problem.QueryParams;

/** ABC classes of the SKUs: viewers read them, admins recompute them or pin one by hand. */
@Path("/api/v1/counting/abc")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Cycle counts", description = "ABC classes, count tasks counted blind and reconciled with the ledger, inventory accuracy.")
public class AbcResource {

    /** A SKU's class in force (pinned, else computed, else C), the computed one and what it came from, the pinned one. */
    public record AbcResponse(String sku, AbcClass abcClass, AbcClass computedClass, long consumedUnits,
            BigDecimal consumptionValue, OffsetDateTime computedAt, AbcClass manualClass, String setBy,
            OffsetDateTime setAt) {

        static AbcResponse of(AbcEntry e) {
            return new AbcResponse(e.sku(), e.abcClass(), e.computedClass(), e.consumedUnits(), e.consumptionValue(),
                    e.computedAt(), e.manualClass(), e.setBy(), e.setAt());
        }
    }

    public record RecomputeResponse(OffsetDateTime computedAt, OffsetDateTime since, int skus,
            Map<AbcClass, Integer> computed, int aPercent, int bPercent, int cPercent) {
    }

    private final AbcService abc;
    private final SecurityIdentity identity;

    public AbcResource(AbcService abc, SecurityIdentity identity) {
        this.abc = abc;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "countingAbcList", summary = "List the SKUs' ABC classes",
            description = "Every standard SKU's class, the most consumed first; `class` keeps one class. Viewers may read it.")
    @APIResponse(responseCode = "200", description = "The classes")
    @APIResponse(responseCode = "400", description = "A bad `class` or `limit`")
    public Uni<List<AbcResponse>> list(
            @Parameter(description = "A, B or C") @RestQuery("class") String abcClass,
            @Parameter(description = "At most this many (1 to 10000, default 1000)") @RestQuery String limit) {
        return abc.entries(QueryParams.oneOf("class", abcClass, AbcClass.class), QueryParams.limit(limit, 1000, 10_000))
                .map(entries -> entries.stream().map(AbcResponse::of).toList());
    }

    @GET
    @Path("/{sku}")
    @Operation(operationId = "countingAbcGet", summary = "Get a SKU's ABC class",
            description = "The class in force, the computed one and the pinned one. Viewers may read it.")
    @APIResponse(responseCode = "200", description = "The SKU's class")
    @APIResponse(responseCode = "404", description = "No standard item with that SKU")
    public Uni<AbcResponse> get(@RestPath String sku) {
        return abc.entry(sku).map(AbcResponse::of);
    }

    @POST
    @Path("/recompute")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "countingAbcRecompute", summary = "Recompute the ABC classes",
            description = "Ranks every standard SKU by the value of the units that left it (SALE and COMMIT, times its"
                    + " unit cost) over the last `stockline.counting.abc.months` months and classes it A, B or C by the"
                    + " cumulative shares `a-percent` and `b-percent`. Pinned classes stay in force. Admins only; it also"
                    + " runs nightly.")
    @APIResponse(responseCode = "200", description = "How many SKUs went to each class")
    public Uni<RecomputeResponse> recompute() {
        return abc.recompute().map(r -> new RecomputeResponse(r.computedAt(), r.since(), r.skus(), r.computed(),
                r.thresholds().aPercent(), r.thresholds().bPercent(), r.thresholds().cPercent()));
    }

    @PUT
    @Path("/{sku}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "countingAbcPin", summary = "Pin a SKU's ABC class by hand",
            description = "The class stays in force through recomputes until it is unpinned. Admins only.")
    @APIResponse(responseCode = "200", description = "The SKU's class")
    @APIResponse(responseCode = "400", description = "A missing or unknown `abcClass`")
    @APIResponse(responseCode = "404", description = "No item with that SKU")
    @APIResponse(responseCode = "422", description = "The item holds no stock of its own (a bundle or dropship item)")
    public Uni<AbcResponse> pin(@RestPath String sku, @Valid @NotNull PinRequest request) {
        return abc.pin(sku, request.abcClass(), Actor.of(identity)).map(AbcResponse::of);
    }

    @DELETE
    @Path("/{sku}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "countingAbcUnpin", summary = "Unpin a SKU's ABC class",
            description = "The computed class (C when never computed) is in force again: `GET /counting/abc/{sku}` "
                    + "shows it. Admins only.")
    @APIResponse(responseCode = "204", description = "Unpinned")
    @APIResponse(responseCode = "404", description = "No item with that SKU")
    @APIResponse(responseCode = "422", description = "The item holds no stock of its own")
    public Uni<Void> unpin(@RestPath String sku) {
        return abc.pin(sku, null, Actor.of(identity)).replaceWithVoid();
    }
}
