package io.stockline.inventory.domain;

public enum LocationType { WAREHOUSE, STORE, RETURNS }
