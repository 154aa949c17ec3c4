package io.stockline.console.stock.rest;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.stock.service.InventoryApi;
import io.stockline.console.stock.service.InventoryApi.Item;
import io.stockline.console.stock.service.StockScreens;
import io.stockline.console.stock.service.StockScreens.ItemScreen;
import io.stockline.console.stock.service.StockScreens.MoveForm;
import io.stockline.console.stock.service.StockScreens.Move;
import io.stockline.console.stock.service.StockScreens.MovementForm;
import io.stockline.console.transfers.service.TransferScreens;
import io.stockline.console.transfers.service.TransferScreens.TransferForm;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.problem.QueryParams;
import io.stockline.platform.problem.RuleViolation;
import io.stockline.platform.security.Roles;

/**
 * Stock: find an item, see it per location with its ledger, receive, move between states and draft a transfer
 * (operators) and adjust (admins).
 */
@Path("/stock")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class StockPage {

    /** The adjustment reasons inventory-service knows (AdjustmentReason). */
    static final List<String> ADJUSTMENT_REASONS = List.of("COUNT_ERROR", "FOUND", "THEFT", "LOST", "DAMAGED",
            "EXPIRED", "RECEIVING_ERROR", "DATA_ENTRY_ERROR", "SAMPLE_OR_PROMOTION", "INTERNAL_USE", "OTHER");

    /** The fields the movement forms show a message beside; a problem about any other is listed above them. */
    static final List<String> FORM_FIELDS = List.of("location", "quantity", "lot", "expiresOn", "reasonCode", "reason",
            "move", "from", "to");

    /** The forms an item's page shows, each blank as rendered, or as typed before the API refused it. */
    public record Forms(MovementForm receipt, MovementForm adjustment, MoveForm move, TransferForm transfer) {

        static Forms blankFor(ItemScreen screen) {
            String from = MovementForm.blankFor(screen).location();
            String to = screen.locations().stream().map(InventoryApi.Location::code).filter(code -> !code.equals(from))
                    .findFirst().orElse("");
            return new Forms(MovementForm.blankFor(screen), MovementForm.blankFor(screen), MoveForm.blankFor(screen),
                    new TransferForm(from, to, ""));
        }
    }

    @CheckedTemplate(basePath = "stock")
    static class Templates {
        static native TemplateInstance search(String q, List<Item> items, ApiProblem problem);

        static native TemplateInstance item(ItemScreen screen, Forms forms, ApiProblem problem, String problemForm,
                String done, List<String> adjustmentReasons, List<String> shownFields, List<Move> moves);
    }

    private final StockScreens screens;
    private final TransferScreens transfers;

    StockPage(StockScreens screens, TransferScreens transfers) {
        this.screens = screens;
        this.transfers = transfers;
    }

    @GET
    public TemplateInstance search(@RestQuery String q) {
        if (q == null || q.isBlank()) {
            return Templates.search("", List.of(), null);
        }
        try {
            return Templates.search(q, screens.search(q), null);
        } catch (WebApplicationException refusal) {
            return Templates.search(q, List.of(), ApiProblem.of(refusal));
        }
    }

    @GET
    @Path("/{sku}")
    public Response item(@RestPath String sku, @RestQuery String after, @RestQuery String done) {
        long ledgerAfter;
        try {
            ledgerAfter = QueryParams.wholeLong("after", after, 0, 0, Long.MAX_VALUE);
        } catch (RuleViolation badLink) {
            // a hand-edited link: said on the page, not a bare 404 from the parameter's conversion
            ApiProblem problem = ApiProblem.of(badLink);
            return Response.status(problem.status()).entity(Templates.search(sku, List.of(), problem)).build();
        }
        try {
            ItemScreen screen = screens.item(sku, ledgerAfter);
            return Response.ok(Templates.item(screen, Forms.blankFor(screen), null, null, done, ADJUSTMENT_REASONS,
                    FORM_FIELDS, List.of(Move.values()))).build();
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return Response.status(problem.status()).entity(Templates.search(sku, List.of(), problem)).build();
        }
    }

    @POST
    @Path("/{sku}/receipts")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response receive(@RestPath String sku, @RestForm String location, @RestForm String quantity,
            @RestForm String lot, @RestForm String expiresOn, @RestForm String reference, @RestForm String reason,
            @RestForm String idempotencyKey) {
        MovementForm form = new MovementForm(location, quantity, lot, expiresOn, null, reason, reference,
                idempotencyKey);
        return posted(sku, "RECEIPT", "receipt", form);
    }

    @POST
    @Path("/{sku}/adjustments")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response adjust(@RestPath String sku, @RestForm String location, @RestForm String quantity,
            @RestForm String reasonCode, @RestForm String reason, @RestForm String idempotencyKey) {
        MovementForm form = new MovementForm(location, quantity, null, null, reasonCode, reason, null, idempotencyKey);
        return posted(sku, "ADJUSTMENT", "adjustment", form);
    }

    /** Units moved between the states of one location (damaged, quality control, written off). */
    @POST
    @Path("/{sku}/moves")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response move(@RestPath String sku, @RestForm String location, @RestForm String move,
            @RestForm String quantity, @RestForm String reason, @RestForm String idempotencyKey) {
        MoveForm form = new MoveForm(location, move, quantity, reason, idempotencyKey);
        ApiProblem problem = screens.move(sku, form).problem();
        if (problem == null) {
            return done(sku, "move");
        }
        MoveForm shown = problem.status() >= 500 ? form : form.retried();
        return refused(sku, problem, "move", blank -> new Forms(blank.receipt(), blank.adjustment(), shown,
                blank.transfer()));
    }

    /**
     * A transfer of this item from one location to another, drafted in inventory; it is shipped and received on the
     * transfers page. The API takes no idempotency key for a draft, and a draft moves nothing until it is shipped.
     */
    @POST
    @Path("/{sku}/transfers")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response transfer(@RestPath String sku, @RestForm String from, @RestForm String to,
            @RestForm String quantity) {
        TransferForm form = new TransferForm(from, to, quantity);
        ApiProblem problem = transfers.draft(sku, form);
        if (problem == null) {
            return Response.seeOther(UriBuilder.fromPath("/transfers").queryParam("done", "drafted").build()).build();
        }
        return refused(sku, problem, "transfer", blank -> new Forms(blank.receipt(), blank.adjustment(), blank.move(),
                form));
    }

    /** Post, redirect, get: a reload does not post again; a refusal shows the form again with the API's words. */
    private Response posted(String sku, String type, String formName, MovementForm form) {
        StockScreens.Posted posted = screens.post(type, sku, form);
        if (posted.problem() == null) {
            return done(sku, formName);
        }
        MovementForm retried = posted.problem().status() >= 500 ? form : form.retried();
        return refused(sku, posted.problem(), formName, blank -> "receipt".equals(formName)
                ? new Forms(retried, blank.adjustment(), blank.move(), blank.transfer())
                : new Forms(blank.receipt(), retried, blank.move(), blank.transfer()));
    }

    private static Response done(String sku, String formName) {
        return Response.seeOther(UriBuilder.fromPath("/stock/{sku}").queryParam("done", formName).build(sku)).build();
    }

    /** The page again with the refused form as typed (the others blank) and the API's words beside its fields. */
    private Response refused(String sku, ApiProblem problem, String formName,
            UnaryOperator<Forms> withTyped) {
        ItemScreen screen = screens.item(sku, 0);
        return Response.status(problem.status() >= 500 ? 502 : 422)
                .entity(Templates.item(screen, withTyped.apply(Forms.blankFor(screen)), problem, formName, null,
                        ADJUSTMENT_REASONS, FORM_FIELDS, List.of(Move.values())))
                .build();
    }
}
