package io.stockline.channel.connector;

/** What the marketplace did with one {@link ListingUpdate}. */
public record ListingOutcome(String sku, String listingId, Status status, Long marketplaceQuantity, String detail) {

    public enum Status {
        /** The marketplace now holds the quantity sent. */
        APPLIED,
        /** Compare-and-set refused: the marketplace held another number than expected; read it back and push again. */
        CONFLICT,
        /** The marketplace refused this listing for good (unknown listing, invalid value); retrying will not help. */
        REJECTED,
        /**
         * The marketplace queued the update and applies it later (Amazon's 200 ACCEPTED): not applied yet. The pair
         * stays pending until a read-back shows the quantity (or an error against it).
         */
        ACCEPTED
    }

    public static ListingOutcome accepted(ListingUpdate update) {
        return new ListingOutcome(update.sku(), update.listingId(), Status.ACCEPTED, null, null);
    }

    public static ListingOutcome applied(ListingUpdate update) {
        return new ListingOutcome(update.sku(), update.listingId(), Status.APPLIED, update.quantity(), null);
    }
}
