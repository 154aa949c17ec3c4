package io.stockline.inventory.purchasing.repository;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "supplier_item")
public class SupplierItem {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String supplier;
    public String sku;
    @Column(name = "supplier_sku")
    public String supplierSku;
    @Column(name = "unit_cost")
    public BigDecimal unitCost;
    @Column(name = "pack_size")
    public long packSize = 1;
}
