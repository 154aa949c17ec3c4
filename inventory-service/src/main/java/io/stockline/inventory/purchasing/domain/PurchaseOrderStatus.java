package io.stockline.inventory.purchasing.domain;

/** Where a purchase order stands; each step says which statuses it starts from. */
public enum PurchaseOrderStatus {
    DRAFT, SENT, PARTIALLY_RECEIVED, RECEIVED, CLOSED, CANCELLED;

    public boolean canSend() {
        return this == DRAFT;
    }

    public boolean canReceive() {
        return this == SENT || this == PARTIALLY_RECEIVED;
    }

    public boolean canClose() {
        return this == SENT || this == PARTIALLY_RECEIVED || this == RECEIVED;
    }

    /** Only before anything has arrived: a receipt cannot be undone by cancelling. */
    public boolean canCancel() {
        return this == DRAFT || this == SENT;
    }
}
