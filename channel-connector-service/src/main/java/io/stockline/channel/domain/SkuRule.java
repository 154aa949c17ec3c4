package io.stockline.channel.domain;

/**
 * A channel's exception for one SKU: excluded (the channel is never told anything about it), or its own
 * buffer, percentage or maximum in place of the channel's (null = the channel's own).
 */
public record SkuRule(boolean excluded, Buffer buffer, Integer percentage, Long maxQuantity) {

    public static SkuRule exclusion() {
        return new SkuRule(true, null, null, null);
    }
}
