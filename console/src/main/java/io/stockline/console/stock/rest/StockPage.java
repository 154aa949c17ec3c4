package io.stockline.console.stock.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import io.stockline.console.stock.service.InventoryApi.Item;
import io.stockline.console.stock.service.StockScreens;
import io.stockline.console.stock.service.StockScreens.ItemScreen;
import io.stockline.console.stock.service.StockScreens.MovementForm;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/** Stock: find an item, see it per location with its ledger, receive (operators) and adjust (admins). */
@Path("/stock")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class StockPage {

    /** The adjustment reasons inventory-service knows (AdjustmentReason). */
    static final List<String> ADJUSTMENT_REASONS = List.of("COUNT_ERROR", "FOUND", "THEFT", "LOST", "DAMAGED",
            "EXPIRED", "RECEIVING_ERROR", "DATA_ENTRY_ERROR", "SAMPLE_OR_PROMOTION", "INTERNAL_USE", "OTHER");

    /** The fields the movement forms show a message beside; a problem about any other is listed above them. */
    static final List<String> FORM_FIELDS = List.of("location", "quantity", "lot", "expiresOn", "reasonCode", "reason");

    @CheckedTemplate(basePath = "stock")
    static class Templates {
        static native TemplateInstance search(String q, List<Item> items, ApiProblem problem);

        static native TemplateInstance item(ItemScreen screen, MovementForm receipt, MovementForm adjustment,
                ApiProblem problem, String problemForm, String done, List<String> adjustmentReasons,
                List<String> shownFields);
    }

    private final StockScreens screens;

    StockPage(StockScreens screens) {
        this.screens = screens;
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
    public Response item(@RestPath String sku, @RestQuery @DefaultValue("0") long after, @RestQuery String done) {
        try {
            ItemScreen screen = screens.item(sku, after);
            return Response.ok(Templates.item(screen, MovementForm.blankFor(screen), MovementForm.blankFor(screen), null,
                    null, done, ADJUSTMENT_REASONS, FORM_FIELDS)).build();
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

    /** Post, redirect, get: a reload does not post again; a refusal shows the form again with the API's words. */
    private Response posted(String sku, String type, String formName, MovementForm form) {
        StockScreens.Posted posted = screens.post(type, sku, form);
        if (posted.problem() == null) {
            return Response.seeOther(UriBuilder.fromPath("/stock/{sku}").queryParam("done", formName).build(sku))
                    .build();
        }
        MovementForm retried = posted.problem().status() >= 500 ? form : form.retried();
        ItemScreen screen = screens.item(sku, 0);
        return Response.status(posted.problem().status() >= 500 ? 502 : 422)
                .entity(Templates.item(screen, "receipt".equals(formName) ? retried : MovementForm.blankFor(screen),
                        "adjustment".equals(formName) ? retried : MovementForm.blankFor(screen), posted.problem(), formName,
                        null, ADJUSTMENT_REASONS, FORM_FIELDS))
                .build();
    }
}
