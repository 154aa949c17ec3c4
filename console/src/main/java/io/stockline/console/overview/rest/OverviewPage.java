package io.stockline.console.overview.rest;

import static io.stockline.console.web.FormValues.blankToNull;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stockline.console.overview.service.ReportsApi;
import io.stockline.console.overview.service.ReportsApi.Kpis;
import io.stockline.console.overview.service.ReportsApi.Valuation;
import io.stockline.console.web.ApiProblem;
import io.stockline.platform.security.Roles;

/**
 * The landing page: inventory's KPIs of a period (the last 30 days unless asked otherwise) and where the stock's value
 * sits, the SKUs holding the most of it drawn as a chart (uPlot) over the table it is read from.
 */
@Path("/overview")
@RolesAllowed(Roles.VIEWER)
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {

    /** The chart shows this many SKUs; the table says what the rest add up to. */
    static final int CHART_SKUS = 10;

    @CheckedTemplate(basePath = "overview")
    static class Templates {
        static native TemplateInstance overview(String from, String to, Kpis kpis, ApiProblem kpisProblem,
                List<Valuation> top, BigDecimal restValue, int restSkus, ApiProblem valuationProblem);
    }

    private final ReportsApi reports;

    OverviewPage(@RestClient ReportsApi reports) {
        this.reports = reports;
    }

    @GET
    public Response overview(@RestQuery String from, @RestQuery String to) {
        Kpis kpis = null;
        ApiProblem kpisProblem = null;
        try {
            kpis = reports.kpis(blankToNull(from), blankToNull(to));
        } catch (WebApplicationException refusal) {
            kpisProblem = ApiProblem.of(refusal);
        }
        List<Valuation> top = List.of();
        BigDecimal restValue = BigDecimal.ZERO;
        int restSkus = 0;
        ApiProblem valuationProblem = null;
        try {
            List<Valuation> bySku = reports.valuation().stream()
                    .sorted(Comparator.comparing(OverviewPage::value).reversed()).toList();
            top = bySku.subList(0, Math.min(CHART_SKUS, bySku.size()));
            for (Valuation rest : bySku.subList(top.size(), bySku.size())) {
                restValue = restValue.add(value(rest));
            }
            restSkus = bySku.size() - top.size();
        } catch (WebApplicationException refusal) {
            valuationProblem = ApiProblem.of(refusal);
        }
        // a refused period (from after to, too long) is the person's to correct: 422 with the API's words
        int status = kpisProblem != null && kpisProblem.status() < 500 ? 422
                : kpisProblem != null || valuationProblem != null ? 502 : 200;
        return Response.status(status).entity(Templates.overview(from == null ? "" : from, to == null ? "" : to, kpis,
                kpisProblem, top, restValue, restSkus, valuationProblem)).build();
    }

    private static BigDecimal value(Valuation valuation) {
        return valuation.movingAverageValue() == null ? BigDecimal.ZERO : valuation.movingAverageValue();
    }

}
