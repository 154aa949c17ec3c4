package io.stockline.inventory.reporting.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The reports' rows, as JSON and as CSV (the property order is the column order). Money in the items' currency. */
public final class Reports {

    private Reports() {
    }

    /**
     * The KPIs of a period (UTC days {@code from} to {@code to}) at one location or all. A ratio whose denominator is
     * zero is null (no counts: no accuracy; nothing sold: no days on hand).
     */
    @JsonPropertyOrder({ "from", "to", "location", "days", "accuracyCounted", "accuracyAccurate", "accuracyPercent",
            "skuLocationDays", "stockoutDays", "stockoutRatePercent", "unitsSold", "unitsReceived", "openingOnHand",
            "averageOnHand", "averageInventoryValue", "costOfGoodsSold", "turnover", "daysOfInventoryOnHand",
            "sellThroughPercent", "onHand", "movingAverageValue", "fifoValue", "deadStockDays", "deadStockSkus",
            "deadStockValue", "aged0to30Value", "aged31to90Value", "aged91to180Value", "agedOver180Value" })
    public record Kpis(LocalDate from, LocalDate to, String location, long days, long accuracyCounted,
            long accuracyAccurate, BigDecimal accuracyPercent, long skuLocationDays, long stockoutDays,
            BigDecimal stockoutRatePercent, long unitsSold, long unitsReceived, long openingOnHand,
            BigDecimal averageOnHand, BigDecimal averageInventoryValue, BigDecimal costOfGoodsSold, BigDecimal turnover,
            BigDecimal daysOfInventoryOnHand, BigDecimal sellThroughPercent, long onHand, BigDecimal movingAverageValue,
            BigDecimal fifoValue, int deadStockDays, long deadStockSkus, BigDecimal deadStockValue,
            BigDecimal aged0to30Value, BigDecimal aged31to90Value, BigDecimal aged91to180Value,
            BigDecimal agedOver180Value) {
    }

    /** A SKU's units (owned, or on hand at the location) valued at moving average cost and by FIFO layers. */
    @JsonPropertyOrder({ "sku", "quantity", "movingAverageUnitCost", "movingAverageValue", "fifoValue" })
    public record Valuation(String sku, long quantity, BigDecimal movingAverageUnitCost, BigDecimal movingAverageValue,
            BigDecimal fifoValue) {
    }

    /** A SKU's units and FIFO value by age of the layer holding them. */
    @JsonPropertyOrder({ "sku", "quantity", "units0to30", "value0to30", "units31to90", "value31to90", "units91to180",
            "value91to180", "unitsOver180", "valueOver180" })
    public record AgingRow(String sku, long quantity, long units0to30, BigDecimal value0to30, long units31to90,
            BigDecimal value31to90, long units91to180, BigDecimal value91to180, long unitsOver180,
            BigDecimal valueOver180) {
    }

    /** A SKU on hand that has not sold for the days asked ({@code lastSale} null: never sold). */
    @JsonPropertyOrder({ "sku", "onHand", "lastSale", "movingAverageValue" })
    public record DeadStock(String sku, long onHand, OffsetDateTime lastSale, BigDecimal movingAverageValue) {
    }

    /** A fast (most units sold) or slow (fewest) mover of the period, ranked from 1. */
    @JsonPropertyOrder({ "speed", "rank", "sku", "unitsSold", "onHand" })
    public record Mover(String speed, int rank, String sku, long unitsSold, long onHand) {
    }

    /** A SKU's ABC class as counting keeps it (in force, computed, pinned). */
    @JsonPropertyOrder({ "sku", "abcClass", "computedClass", "manualClass", "consumedUnits", "consumptionValue" })
    public record Abc(String sku, String abcClass, String computedClass, String manualClass, long consumedUnits,
            BigDecimal consumptionValue) {
    }
}
