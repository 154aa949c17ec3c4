package io.stockline.alert.rest;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Rule;
import io.stockline.alert.service.RuleService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

@Path("/api/v1/rules")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Rules", description = "Alert rules: thresholds per kind, SKU and location.")
public class RuleResource {

    /** A rule as the API shows it; id is null for a default from the configuration. */
    public record RuleResponse(java.util.UUID id, AlertKind kind, String sku, String location, String channel,
            Long threshold, long cooldownSeconds, boolean enabled) {

        static RuleResponse of(Rule rule) {
            return new RuleResponse(rule.id(), rule.kind(), rule.sku(), rule.location(), rule.channel(),
                    rule.threshold(), rule.cooldown().toSeconds(), rule.enabled());
        }
    }

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    @Operation(operationId = "listRules", summary = "List rules", description = "Every alert rule.")
    public Uni<List<RuleResponse>> list() {
        return rules.all().map(all -> all.stream().map(RuleResponse::of).toList());
    }

    /** The rule in force for a subject (most specific wins, else the default): ?kind=&sku=&location=&channel= */
    @GET
    @Path("/effective")
    @Operation(operationId = "effectiveRule", summary = "Find the rule in effect", description = "The rule in force for a subject (most specific wins, else the default): ?kind=&sku=&location=&channel=")
    public Uni<RuleResponse> effective(@QueryParam("kind") String kind, @QueryParam("sku") String sku,
            @QueryParam("location") String location, @QueryParam("channel") String channel) {
        AlertKind alertKind = QueryParams.oneOf("kind", kind, AlertKind.class);
        if (alertKind == null) {
            throw RuleViolation.invalidQuery("kind", "name the kind of alert");
        }
        return rules.effective(alertKind, QueryParams.text(sku), QueryParams.text(location),
                QueryParams.text(channel)).map(RuleResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getRule", summary = "Get a rule", description = "One rule; 404 when there is none with that id.")
    public Uni<RuleResponse> rule(@RestPath String id) {
        return rules.find(Params.id(id)).map(RuleResponse::of);
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "createRule", summary = "Create a rule", description = "A threshold and cool-down for a kind of alert, for everything or narrowed to a SKU, location or channel.")
    @APIResponse(responseCode = "201", description = "The rule as created.", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RuleResponse.class)))
    @APIResponse(responseCode = "409", description = "A rule of that kind already covers that scope (the problem names `kind`): change it instead.")
    public Uni<RestResponse<RuleResponse>> create(@Valid @NotNull RuleService.RuleRequest request) {
        return rules.create(request).map(rule -> RestResponse.status(RestResponse.Status.CREATED, RuleResponse.of(rule)));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "changeRule", summary = "Change a rule", description = "Changes the rule's threshold, cool-down and whether it is enabled.")
    public Uni<RuleResponse> change(@RestPath String id, @Valid @NotNull RuleService.RuleChange change) {
        return rules.change(Params.id(id), change).map(RuleResponse::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteRule", summary = "Delete a rule", description = "Deletes the rule; alerts it raised stay.")
    public Uni<RestResponse<Void>> delete(@RestPath String id) {
        return rules.delete(Params.id(id)).map(ignored -> RestResponse.noContent());
    }
}
