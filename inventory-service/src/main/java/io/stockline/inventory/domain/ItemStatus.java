package io.stockline.inventory.domain;

/** A discontinued item keeps its stock and ledger but takes no new reservations. */
public enum ItemStatus { ACTIVE, DISCONTINUED }
