package io.stockline.platform.events;

/**
 * What no stock movement can produce in inventory's {@code stock-changed} event: every consumer refuses such an event
 * as poison (to the dead-letter topic with the reason) rather than push it to marketplaces, plan orders on it or
 * alert on it. A version far past the one a consumer stored ({@link EventLimits#maxVersionJump()}) is checked where
 * the consumer stores versions, with {@link #requireNoLeap} or, in SQL, with {@link #leap} naming it.
 */
public final class StockNumbers {

    /** Far beyond any stock a seller holds, and any history of one (SKU, location): past it, a forged or broken event. */
    public static final long MAX = 1_000_000_000_000L;

    private StockNumbers() {
    }

    /**
     * Refuses the event (a {@link PoisonRecord} naming the number) when a number makes no sense; {@code onHand} and
     * {@code committed} may be null where the consumer does not read them.
     */
    public static void require(long version, long available, Long onHand, Long committed) {
        if (version < 1 || version > MAX) {
            throw new PoisonRecord("stock-changed event refused: version " + version
                    + " is not a version (they start at 1 and go up by one a movement)");
        }
        if (Math.abs(available) > MAX) {
            throw new PoisonRecord("stock-changed event refused: available " + available + " is beyond any stock");
        }
        if (onHand != null && (onHand < 0 || onHand > MAX)) {
            throw new PoisonRecord("stock-changed event refused: onHand " + onHand + " is negative or beyond any stock");
        }
        if (committed != null && (committed < 0 || committed > MAX)) {
            throw new PoisonRecord("stock-changed event refused: committed " + committed + " is negative or beyond any stock");
        }
    }

    /** A lot's quantity, refused the same way. */
    public static void requireLot(long quantity) {
        if (quantity < 0 || quantity > MAX) {
            throw new PoisonRecord("stock-changed event refused: a lot's quantity " + quantity + " is negative or beyond any stock");
        }
    }

    /**
     * Refuses an event whose version is more than {@code maxJump} past {@code known}, the version the consumer stored
     * for the (SKU, location); nothing is refused before a version is known.
     */
    public static void requireNoLeap(String sku, String location, long version, Long known, long maxJump) {
        if (known != null && version - known > maxJump) {
            throw new PoisonRecord("stock-changed event refused: " + leap(sku, location, version, known, maxJump));
        }
    }

    /** What is wrong with a version that leaps: the reason a dead-lettered event carries. */
    public static String leap(String sku, String location, long version, long known, long maxJump) {
        return "version " + version + " of " + sku + " at " + location + " is more than " + maxJump + " past the known "
                + known;
    }
}
