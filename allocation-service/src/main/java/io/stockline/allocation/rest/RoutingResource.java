package io.stockline.allocation.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.RoutingPolicy;
import io.stockline.allocation.domain.RoutingRule;
import io.stockline.allocation.domain.ShortagePolicy;
import io.stockline.allocation.service.RoutingService;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/** A channel's ordered routing rules (first decides, later ones break ties) and its shortage policy. */
@Path("/api/v1/routing")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Routing", description = "How each channel's orders are routed to locations.")
public class RoutingResource {

    private static final String RULE_NAMES = "STAY_IN_MARKET|FEWEST_SHIPMENTS|CLOSEST|PRIORITY";

    public record RoutingSettings(
            @NotNull @Size(max = 4) List<@NotNull @Pattern(regexp = RULE_NAMES, message = "one of " + RULE_NAMES) String> rules,
            @NotNull @Pattern(regexp = "FAIL|BACKORDER|PARTIAL", message = "one of FAIL|BACKORDER|PARTIAL") String shortage) {

        static RoutingSettings of(RoutingPolicy policy) {
            return new RoutingSettings(policy.rules().stream().map(Enum::name).toList(), policy.shortage().name());
        }
    }

    private final RoutingService routing;
    private final SecurityIdentity identity;

    public RoutingResource(RoutingService routing, SecurityIdentity identity) {
        this.routing = routing;
        this.identity = identity;
    }

    /** The channel's settings, or the default when an admin has set none. */
    @GET
    @Path("/{channel}")
    @Operation(operationId = "getRouting", summary = "Get a channel's routing", description = "The channel's settings, or the default when an admin has set none.")
    public Uni<RoutingSettings> get(@RestPath String channel) {
        return routing.policy(channel).map(RoutingSettings::of);
    }

    @PUT
    @Path("/{channel}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setRouting", summary = "Set a channel's routing", description = "Sets the routing rules (in order of precedence) and what a shortage does (FAIL, BACKORDER or PARTIAL) for the channel's orders.")
    public Uni<RoutingSettings> put(@RestPath @Size(max = 100) String channel, @Valid @NotNull RoutingSettings settings) {
        List<RoutingRule> rules = new ArrayList<>();
        for (int i = 0; i < settings.rules().size(); i++) {
            RoutingRule rule = RoutingRule.valueOf(settings.rules().get(i));
            if (rules.contains(rule)) {
                throw RuleViolation.invalid("rules[" + i + "]",
                        rule + " is listed twice; " + Arrays.toString(RoutingRule.values()));
            }
            rules.add(rule);
        }
        return routing.save(channel, new RoutingPolicy(rules, ShortagePolicy.valueOf(settings.shortage())),
                identity.getPrincipal().getName()).map(RoutingSettings::of);
    }
}
