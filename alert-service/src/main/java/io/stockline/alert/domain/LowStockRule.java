package io.stockline.alert.domain;

/**
 * Low stock: available at or under the threshold. An alert opens when the condition starts and not again
 * until it has ended, so a seller hears once per crossing, not on every sale.
 */
public record LowStockRule(long threshold) {

    public enum Transition { OPEN, RESOLVE, NONE }

    public Transition transition(boolean open, long available) {
        boolean low = available <= threshold;
        if (low && !open) {
            return Transition.OPEN;
        }
        if (!low && open) {
            return Transition.RESOLVE;
        }
        return Transition.NONE;
    }
}
