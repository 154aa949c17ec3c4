package io.stockline.channel.connector;

import java.util.List;

/**
 * What a read-back found of one listing: the quantity it holds (null: none for the channel's fulfilment), and the
 * errors the marketplace reports against that quantity (Amazon issues of severity ERROR naming
 * {@code fulfillment_availability}), each as a short class such as {@code "90220 INVALID_ATTRIBUTE"}.
 */
public record HeldListing(Long quantity, List<String> errors) {

    public HeldListing {
        errors = List.copyOf(errors);
    }

    public static HeldListing of(long quantity) {
        return new HeldListing(quantity, List.of());
    }
}
