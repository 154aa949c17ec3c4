package io.stockline.inventory.counting.domain;

/** A SKU's share of what leaves the warehouse, by value: A the few that make most of it, C the many that make little. */
public enum AbcClass {
    A, B, C
}
