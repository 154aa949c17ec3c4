package io.stockline.channel.connector;

/**
 * A rate bucket the marketplace keeps beyond one channel: every channel whose calls name the same {@code key} draws
 * from one bucket of the documented {@code limit}. Amazon limits each operation per selling partner, so two channels
 * of one seller share a patchListingsItem bucket (and a getListingsItem one).
 */
public record RateBucket(String key, DocumentedLimit limit) {
}
