package io.stockline.inventory.domain;

/**
 * The quantities of one SKU at one location, as Shopify names them. On hand is the sum of available,
 * committed, reserved, damaged, quality control and safety stock; incoming and in transit sit beside it.
 */
public record StockState(long onHand, long available, long committed, long reserved, long damaged,
        long qualityControl, long safetyStock, long incoming, long inTransit) {

    public static final StockState ZERO = new StockState(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public StockState plus(StockState other) {
        return new StockState(onHand + other.onHand, available + other.available, committed + other.committed,
                reserved + other.reserved, damaged + other.damaged, qualityControl + other.qualityControl,
                safetyStock + other.safetyStock, incoming + other.incoming, inTransit + other.inTransit);
    }

    /**
     * The first state that is negative, by its API field name, or null when none is. Available may be
     * negative when the item allows backorders.
     */
    public String firstNegative(boolean backorderAllowed) {
        if (available < 0 && !backorderAllowed) return "available";
        if (onHand < 0) return "onHand";
        if (committed < 0) return "committed";
        if (reserved < 0) return "reserved";
        if (damaged < 0) return "damaged";
        if (qualityControl < 0) return "qualityControl";
        if (safetyStock < 0) return "safetyStock";
        if (incoming < 0) return "incoming";
        if (inTransit < 0) return "inTransit";
        return null;
    }

    public StockState times(long factor) {
        return new StockState(onHand * factor, available * factor, committed * factor, reserved * factor,
                damaged * factor, qualityControl * factor, safetyStock * factor, incoming * factor,
                inTransit * factor);
    }
}
