package io.stockline.inventory.domain;

public enum ItemKind { STANDARD, BUNDLE, DROPSHIP }
