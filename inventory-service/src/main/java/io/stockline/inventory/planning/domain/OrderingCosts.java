package io.stockline.inventory.planning.domain;

import java.math.BigDecimal;

/**
 * What ordering and holding cost, for the economic order quantity: the fixed cost of placing one order, and the
 * yearly cost of holding one unit as a share of its unit cost (e.g. 0.25 for 25 % a year).
 */
public record OrderingCosts(BigDecimal costPerOrder, double annualHoldingRate) {
}
