package io.stockline.inventory.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.ItemStatus;

/** A row of {@code item}, with its barcodes from {@code item_barcode}; ItemRepository reads and writes it. */
public class Item {
    public String sku;
    public String name;
    public ItemKind kind;
    public ItemStatus status;
    /** The product this item is a variant of, if any. */
    public String product;
    /** The variant's option values as a JSON object with sorted keys, e.g. {"colour":"red","size":"M"}. */
    public String optionsJson = "{}";
    public boolean lotTracked;
    public boolean backorderAllowed;
    public BigDecimal unitCost;
    /** Raised on every change to the item's facts, so consumers of inventory.items keep the latest. */
    public long revision = 1;
    public OffsetDateTime createdAt;
    /** Read with the item, in the same statement. */
    public List<String> barcodes = new ArrayList<>();
}
