package io.stockline.inventory.transfers.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "transfer_line")
public class TransferLine {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String number;
    public int line;
    public String sku;
    public long quantity;
    public long received;
    public long lost;

    /** Shipped and neither arrived nor written off. */
    public long inTransit() {
        return quantity - received - lost;
    }
}
