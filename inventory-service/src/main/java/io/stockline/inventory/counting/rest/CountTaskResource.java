package io.stockline.inventory.counting.rest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.CountTaskStatus;
import io.stockline.inventory.counting.domain.CountTaskView;
import io.stockline.inventory.counting.service.CountRequest;
import io.stockline.inventory.counting.service.CountTaskService;
import io.stockline.inventory.counting.service.DecisionRequest;
import io.stockline.inventory.rest.Actor;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/**
 * Count tasks. Operators propose, start and count them, blind: their view never holds what the system expects (nor
 * a first count that asked for a recount, nor the correction); admins see it, and approve or reject.
 */
@Path("/api/v1/counting/tasks")
@RolesAllowed(Roles.VIEWER)
@Tag(name = "Cycle counts", description = "ABC classes, count tasks counted blind and reconciled with the ledger, inventory accuracy.")
public class CountTaskResource {

    /** A count task; the fields marked "admins only" are absent for everyone else. */
    public record TaskResponse(String id, String sku, String location, AbcClass abcClass, LocalDate dueOn,
            CountTaskStatus status, OffsetDateTime createdAt, String startedBy, OffsetDateTime startedAt,
            boolean recount, CountResponse count,
            @Schema(description = "Admins only: the first count that asked for a recount")
            @JsonInclude(JsonInclude.Include.NON_NULL) CountResponse firstCount,
            DecisionResponse decision,
            @Schema(description = "Admins only: the on hand now") @JsonInclude(JsonInclude.Include.NON_NULL) Long onHand) {

        static TaskResponse of(CountTaskView t, boolean admin) {
            return new TaskResponse(t.id(), t.sku(), t.location(), t.abcClass(), t.dueOn(), t.status(), t.createdAt(),
                    t.started() == null ? null : t.started().by(), t.started() == null ? null : t.started().at(),
                    t.firstCount() != null, CountResponse.of(t.count(), admin),
                    admin ? CountResponse.of(t.firstCount(), true) : null, DecisionResponse.of(t.decision(), admin),
                    admin ? t.onHand() : null);
        }
    }

    /**
     * A submitted count. Admins only: the ledger position it was taken at, the on hand there ({@code expected}) and
     * the discrepancy (counted - expected).
     */
    public record CountResponse(long counted, String countedBy, OffsetDateTime countedAt,
            @Schema(description = "Admins only: the last ledger entry of the SKU at the location when it was counted")
            @JsonInclude(JsonInclude.Include.NON_NULL) Long ledgerPosition,
            @Schema(description = "Admins only: the on hand at that position")
            @JsonInclude(JsonInclude.Include.NON_NULL) Long expected,
            @Schema(description = "Admins only: counted - expected")
            @JsonInclude(JsonInclude.Include.NON_NULL) Long discrepancy) {

        static CountResponse of(CountTaskView.Count c, boolean admin) {
            if (c == null) {
                return null;
            }
            return new CountResponse(c.counted(), c.by(), c.at(), admin ? c.ledgerPosition() : null,
                    admin ? c.expected() : null, admin ? c.discrepancy() : null);
        }
    }

    /** An approval or rejection; the correction posted (admins only) and its ledger entry. */
    public record DecisionResponse(String decidedBy, OffsetDateTime decidedAt,
            @Schema(description = "Admins only: what the approval added to on hand")
            @JsonInclude(JsonInclude.Include.NON_NULL) Long correction, Long movementId, String note) {

        static DecisionResponse of(CountTaskView.Decision d, boolean admin) {
            return d == null ? null
                    : new DecisionResponse(d.by(), d.at(), admin ? d.correction() : null, d.movementId(), d.note());
        }
    }

    public record ProposalResponse(String location, LocalDate today, int proposed, int skusNotDue,
            List<TaskResponse> tasks) {
    }

    private final CountTaskService tasks;
    private final SecurityIdentity identity;

    public CountTaskResource(CountTaskService tasks, SecurityIdentity identity) {
        this.tasks = tasks;
        this.identity = identity;
    }

    private boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }

    @POST
    @Path("/propose")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "countingTasksPropose", summary = "Propose the due count tasks at a location",
            description = "A task for every standard SKU held at the location that is due within"
                    + " `stockline.counting.schedule.horizon-days`: one interval of its class (A monthly, B quarterly,"
                    + " C twice a year by default) after its last count there, or at once when never counted; none"
                    + " when one is still unfinished. Operators (and admins) may propose; it also runs nightly.")
    @APIResponse(responseCode = "201", description = "The tasks proposed now (possibly none)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProposalResponse.class)))
    @APIResponse(responseCode = "400", description = "`location` missing")
    @APIResponse(responseCode = "404", description = "No such location")
    public Uni<RestResponse<ProposalResponse>> propose(
            @Parameter(description = "The location's code", required = true) @RestQuery String location) {
        String code = QueryParams.text(location);
        if (code == null) {
            throw RuleViolation.invalidQuery("location", "name the location to propose count tasks at");
        }
        boolean admin = admin();
        return tasks.propose(code).map(p -> RestResponse.status(RestResponse.Status.CREATED,
                new ProposalResponse(p.location(), p.today(), p.tasks().size(), p.skusNotDue(),
                        p.tasks().stream().map(t -> TaskResponse.of(t, admin)).toList())));
    }

    @GET
    @Operation(operationId = "countingTasksList", summary = "List count tasks",
            description = "The earliest due first, at a location and/or in a status. Viewers may read; only admins see"
                    + " the expected quantity, a first count that asked for a recount, the on hand and the correction.")
    @APIResponse(responseCode = "200", description = "The tasks")
    @APIResponse(responseCode = "400", description = "A bad `status` or `limit`")
    public Uni<List<TaskResponse>> list(@Parameter(description = "A location's code") @RestQuery String location,
            @Parameter(description = "OPEN, IN_PROGRESS, RECOUNT_REQUESTED, AWAITING_APPROVAL, APPROVED or REJECTED")
            @RestQuery String status,
            @Parameter(description = "At most this many (1 to 1000, default 200)") @RestQuery String limit) {
        boolean admin = admin();
        return tasks.list(QueryParams.text(location), QueryParams.oneOf("status", status, CountTaskStatus.class),
                QueryParams.limit(limit, 200, 1000))
                .map(found -> found.stream().map(t -> TaskResponse.of(t, admin)).toList());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "countingTasksGet", summary = "Get a count task",
            description = "Viewers may read; only admins see the expected quantity, a first count that asked for a"
                    + " recount, the on hand and the correction.")
    @APIResponse(responseCode = "200", description = "The task")
    @APIResponse(responseCode = "404", description = "No such task")
    public Uni<TaskResponse> get(@RestPath String id) {
        boolean admin = admin();
        return tasks.get(id).map(t -> TaskResponse.of(t, admin));
    }

    @POST
    @Path("/{id}/start")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "countingTasksStart", summary = "Start counting",
            description = "A counter starts an open task, the recount of one, or takes over one in progress."
                    + " Operators (and admins).")
    @APIResponse(responseCode = "200", description = "The task, IN_PROGRESS")
    @APIResponse(responseCode = "404", description = "No such task")
    @APIResponse(responseCode = "409", description = "The task is awaiting approval or finished")
    public Uni<TaskResponse> start(@RestPath String id) {
        boolean admin = admin();
        return tasks.start(id, Actor.of(identity)).map(t -> TaskResponse.of(t, admin));
    }

    @POST
    @Path("/{id}/count")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "countingTasksCount", summary = "Submit what was counted",
            description = "The units on the shelf, counted blind. The service records the ledger position at this"
                    + " moment and the on hand there; a first count outside the class's tolerance"
                    + " (`stockline.counting.recount.*`) asks for a recount (RECOUNT_REQUESTED), otherwise the task"
                    + " awaits approval. Operators (and admins).")
    @APIResponse(responseCode = "200", description = "The task, AWAITING_APPROVAL or RECOUNT_REQUESTED")
    @APIResponse(responseCode = "400", description = "`counted` missing, negative or too large")
    @APIResponse(responseCode = "404", description = "No such task")
    @APIResponse(responseCode = "409", description = "The task is not in progress: start it first")
    public Uni<TaskResponse> count(@RestPath String id, @Valid @NotNull CountRequest request) {
        boolean admin = admin();
        return tasks.submit(id, request.counted(), Actor.of(identity)).map(t -> TaskResponse.of(t, admin));
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "countingTasksApprove", summary = "Approve a count",
            description = "Posts COUNT_CORRECTION of `counted - expected` (expected = on hand at the count's ledger"
                    + " position) onto today's on hand, so what moved since the count stays moved; nothing when the"
                    + " count agreed. Admins only.")
    @APIResponse(responseCode = "200", description = "The task, APPROVED, with the correction and its ledger entry")
    @APIResponse(responseCode = "404", description = "No such task")
    @APIResponse(responseCode = "409", description = "The task is not awaiting approval, or the correction would take a state below zero")
    public Uni<TaskResponse> approve(@RestPath String id) {
        return tasks.approve(id, Actor.of(identity)).map(t -> TaskResponse.of(t, true));
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "countingTasksReject", summary = "Reject a count",
            description = "Stock stays as it is; the SKU is proposed again by the schedule. Admins only.")
    @APIResponse(responseCode = "200", description = "The task, REJECTED")
    @APIResponse(responseCode = "400", description = "A note longer than 500 characters")
    @APIResponse(responseCode = "404", description = "No such task")
    @APIResponse(responseCode = "409", description = "The task is neither awaiting approval nor a recount")
    public Uni<TaskResponse> reject(@RestPath String id, @Valid DecisionRequest request) {
        return tasks.reject(id, request == null ? null : request.note(), Actor.of(identity))
                .map(t -> TaskResponse.of(t, true));
    }
}
