package io.stockline.console.overview.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.stockline.console.web.ForwardSignedInToken;

/** inventory-service's reports (deploy/openapi/inventory-service.json, viewers): the KPIs of a period and the valuation now. */
@RegisterRestClient(configKey = "inventory")
@RegisterClientHeaders(ForwardSignedInToken.class)
@Path("/api/v1/reports")
public interface ReportsApi {

    @GET
    @Path("/kpis")
    Kpis kpis(@QueryParam("from") String from, @QueryParam("to") String to);

    @GET
    @Path("/valuation")
    List<Valuation> valuation();

    /** Gross margin is not among them: sales carry no price in inventory. */
    record Kpis(LocalDate from, LocalDate to, Long days, BigDecimal accuracyPercent, Long accuracyCounted,
            BigDecimal stockoutRatePercent, Long unitsSold, Long unitsReceived, Long onHand,
            BigDecimal averageOnHand, BigDecimal costOfGoodsSold, BigDecimal turnover,
            BigDecimal daysOfInventoryOnHand, BigDecimal sellThroughPercent, BigDecimal movingAverageValue,
            BigDecimal fifoValue, Long deadStockSkus, BigDecimal deadStockValue, Integer deadStockDays,
            BigDecimal aged0to30Value, BigDecimal aged31to90Value, BigDecimal aged91to180Value,
            BigDecimal agedOver180Value) {
    }

    record Valuation(String sku, Long quantity, BigDecimal movingAverageUnitCost, BigDecimal movingAverageValue,
            BigDecimal fifoValue) {
    }
}
