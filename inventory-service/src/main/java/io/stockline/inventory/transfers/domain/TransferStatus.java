package io.stockline.inventory.transfers.domain;

/** Where a transfer stands; each step says which statuses it starts from. */
public enum TransferStatus {
    DRAFT, SHIPPED, PARTIALLY_RECEIVED, RECEIVED, CLOSED, CANCELLED;

    public boolean canShip() {
        return this == DRAFT;
    }

    public boolean canReceive() {
        return this == SHIPPED || this == PARTIALLY_RECEIVED;
    }

    public boolean canClose() {
        return this == SHIPPED || this == PARTIALLY_RECEIVED || this == RECEIVED;
    }

    public boolean canCancel() {
        return this == DRAFT;
    }
}
