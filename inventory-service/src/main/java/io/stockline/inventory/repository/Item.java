package io.stockline.inventory.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.BatchSize;

import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.domain.ItemStatus;

@Entity
@Table(name = "item")
public class Item {
    @Id
    public String sku;
    public String name;
    @Enumerated(EnumType.STRING)
    public ItemKind kind;
    @Enumerated(EnumType.STRING)
    public ItemStatus status;
    /** The product this item is a variant of, if any. */
    public String product;
    /** The variant's option values as a JSON object with sorted keys, e.g. {"colour":"red","size":"M"}. */
    @Column(name = "options")
    public String optionsJson = "{}";
    @Column(name = "lot_tracked")
    public boolean lotTracked;
    @Column(name = "backorder_allowed")
    public boolean backorderAllowed;
    @Column(name = "unit_cost")
    public BigDecimal unitCost;
    /** Raised on every change to the item's facts, so consumers of inventory.items keep the latest. */
    public long revision = 1;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    /** Loaded for up to 200 items at once: a search or a list answers that many, and one query each made it slow. */
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 200)
    @CollectionTable(name = "item_barcode", joinColumns = @JoinColumn(name = "sku"))
    @Column(name = "barcode")
    public List<String> barcodes = new ArrayList<>();
}
