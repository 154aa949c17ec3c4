package io.stockline.channel.domain;

import java.util.OptionalLong;

/**
 * What a channel may sell of a SKU, from the available stock summed over the locations that feed the channel.
 * The rules apply in this order:
 * <ol>
 * <li>the sum over the channel's locations (an oversold location counts negative);</li>
 * <li>minus the buffer: a number of units, or ceil(percent of the sum); nothing below zero goes further;</li>
 * <li>times the percentage offered to this channel, rounded down;</li>
 * <li>capped at the maximum shown (none when null);</li>
 * <li>0 when at or under the zero-out threshold;</li>
 * <li>never negative.</li>
 * </ol>
 * A SKU rule replaces the channel's buffer, percentage or maximum for its SKU; an excluded SKU pushes nothing,
 * a discontinued item pushes 0.
 * <p>
 * With a {@link DynamicBuffer} the channel's buffer is sized per SKU from its demand during the channel's sync lag
 * (a SKU rule's own buffer still wins). With {@code withholdExpiringWithinDays} the units of lots expiring within
 * that many days are left out of the sum before anything else (see {@code channel_sellable} in V10), so a buyer on a
 * slow-shipping marketplace never gets a unit about to expire.
 */
public record ChannelRules(Buffer buffer, int percentage, Long maxQuantity, long zeroOutThreshold,
        DynamicBuffer dynamicBuffer, Integer withholdExpiringWithinDays) {

    public static final ChannelRules PASS_THROUGH = new ChannelRules(Buffer.NONE, 100, null, 0);

    public ChannelRules(Buffer buffer, int percentage, Long maxQuantity, long zeroOutThreshold) {
        this(buffer, percentage, maxQuantity, zeroOutThreshold, null, null);
    }

    public ChannelRules {
        if (buffer == null) {
            throw new IllegalArgumentException("buffer is required");
        }
        if (percentage < 0 || percentage > 100) {
            throw new IllegalArgumentException("percentage must be between 0 and 100: " + percentage);
        }
        if (maxQuantity != null && maxQuantity < 0) {
            throw new IllegalArgumentException("maximum quantity must not be negative: " + maxQuantity);
        }
        if (zeroOutThreshold < 0) {
            throw new IllegalArgumentException("zero-out threshold must not be negative: " + zeroOutThreshold);
        }
        if (withholdExpiringWithinDays != null && (withholdExpiringWithinDays < 0 || withholdExpiringWithinDays > 3650)) {
            throw new IllegalArgumentException("withholdExpiringWithinDays must be between 0 and 3650: " + withholdExpiringWithinDays);
        }
    }

    /** The days within which expiring lots are withheld, 0 when the channel withholds none. */
    public int expiringWithheldDays() {
        return withholdExpiringWithinDays == null ? 0 : withholdExpiringWithinDays;
    }

    /** These rules with the SKU rule's buffer, percentage and maximum where it sets them. */
    public ChannelRules with(SkuRule rule) {
        if (rule == null) {
            return this;
        }
        return new ChannelRules(rule.buffer() != null ? rule.buffer() : buffer,
                rule.percentage() != null ? rule.percentage() : percentage,
                rule.maxQuantity() != null ? rule.maxQuantity() : maxQuantity, zeroOutThreshold,
                rule.buffer() != null ? null : dynamicBuffer, withholdExpiringWithinDays);
    }

    /** The quantity to show for {@code available} summed over the channel's locations. */
    public long quantityFor(long available) {
        return quantityFor(available, 0);
    }

    /**
     * The quantity to show for {@code available}, {@code expectedDuringLag} being the units the SKU is expected to sell
     * while a change reaches the channel (used by a dynamic buffer only).
     */
    public long quantityFor(long available, double expectedDuringLag) {
        long sellable = Math.max(0, available);
        long heldBack = dynamicBuffer != null ? dynamicBuffer.heldBack(expectedDuringLag) : buffer.heldBackFrom(sellable);
        long afterBuffer = Math.max(0, sellable - heldBack);
        long offered = Math.multiplyExact(afterBuffer, percentage) / 100;
        long capped = maxQuantity == null ? offered : Math.min(offered, maxQuantity);
        return capped <= zeroOutThreshold ? 0 : capped;
    }

    /**
     * What the channel should be told about a SKU: nothing (empty) when the SKU rule excludes it, 0 for a
     * discontinued item, else {@link #quantityFor} under the SKU rule.
     */
    public OptionalLong decide(long available, SkuRule rule, ItemStatus status) {
        return decide(available, 0, rule, status);
    }

    /** {@link #decide(long, SkuRule, ItemStatus)} with the SKU's demand expected during the channel's sync lag. */
    public OptionalLong decide(long available, double expectedDuringLag, SkuRule rule, ItemStatus status) {
        if (rule != null && rule.excluded()) {
            return OptionalLong.empty();
        }
        if (status == ItemStatus.DISCONTINUED) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(with(rule).quantityFor(available, expectedDuringLag));
    }
}
