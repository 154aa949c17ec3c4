package io.stockline.alert.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestPath;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.repository.AlertRepository;
import io.stockline.alert.service.AlertQueryService;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.security.Roles;

@Path("/api/v1/alerts")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Alerts", description = "Alerts raised by the rules: low stock, stock-outs, failed syncs.")
public class AlertResource {

    private final AlertQueryService alerts;
    private final SecurityIdentity identity;

    public AlertResource(AlertQueryService alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    /** Newest first; status OPEN|RESOLVED|NOTICE, kind, sku, location, channel, acknowledged narrow the list. */
    @GET
    @Operation(operationId = "listAlerts", summary = "List alerts", description = "Newest first; status OPEN|RESOLVED|NOTICE, kind, sku, location, channel, acknowledged narrow the list.")
    public Uni<List<Alert>> list(@QueryParam("status") String status, @QueryParam("kind") String kind,
            @QueryParam("sku") String sku, @QueryParam("location") String location,
            @QueryParam("channel") String channel, @QueryParam("acknowledged") String acknowledged,
            // read as text, so a bad one is a 400 naming it; documented as the number it is
            @QueryParam("limit") @Parameter(schema = @Schema(type = SchemaType.INTEGER, format = "int32")) String limit) {
        // absent or blank: no filter on it
        Boolean ack = QueryParams.text(acknowledged) == null ? null : QueryParams.flag("acknowledged", acknowledged);
        return alerts.list(new AlertRepository.Filter(QueryParams.oneOf("status", status, Alert.Status.class),
                QueryParams.oneOf("kind", kind, AlertKind.class), QueryParams.text(sku), QueryParams.text(location),
                QueryParams.text(channel), ack, Params.limit(limit)));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAlert", summary = "Get an alert", description = "One alert; 404 when there is none with that id.")
    public Uni<Alert> alert(@RestPath String id) {
        return alerts.find(Params.id(id));
    }

    /** Says someone has seen it; operators and admins. */
    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "acknowledgeAlert", summary = "Acknowledge an alert", description = "Says someone has seen it; operators and admins.")
    public Uni<Alert> acknowledge(@RestPath String id) {
        return alerts.acknowledge(Params.id(id), identity.getPrincipal().getName());
    }
}
