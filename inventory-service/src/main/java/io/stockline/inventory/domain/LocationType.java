package io.stockline.inventory.domain;

/**
 * What a location is. SUPPLIER is a dropship supplier's stock as it tells us: made by the dropship feature, never
 * by POST /locations, it holds no stock of ours and fulfils no orders; its {@code available} is what channels sell.
 */
public enum LocationType {
    WAREHOUSE, STORE, RETURNS, SUPPLIER;

    /** Whether our own stock may be received, moved or held here. */
    public boolean holdsOwnStock() {
        return this != SUPPLIER;
    }
}
