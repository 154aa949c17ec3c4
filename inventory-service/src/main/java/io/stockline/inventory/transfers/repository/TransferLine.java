package io.stockline.inventory.transfers.repository;

/**
 * A row of transfer_line, its id given by the database on insert. Nothing writes it back on its own: a change is
 * stored by {@link TransferRepository#updateLine}.
 */
public class TransferLine {
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
