package io.stockline.inventory.rest;

/** Who made a change, as the ledger records it. */
final class Actor {
    // Until authentication lands every caller is recorded as the same actor.
    static final String ANONYMOUS = "anonymous";

    private Actor() {
    }
}
