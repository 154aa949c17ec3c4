package io.stockline.inventory.rest;

import io.quarkus.security.identity.SecurityIdentity;

/** Who made a change, as the ledger records it: the name in the caller's token. */
public final class Actor {

    private Actor() {
    }

    public static String of(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }
}
