package io.stockline.inventory.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.stockline.platform.security.Roles;

/**
 * Who made a change, as the ledger records it: the name in the caller's token (its subject). Idempotency keys and
 * reservations belong to it.
 */
public final class Actor {

    private Actor() {
    }

    public static String of(SecurityIdentity identity) {
        return identity.getPrincipal().getName();
    }

    /** An admin may act on what another caller made (release or commit its reservation). */
    public static boolean isAdmin(SecurityIdentity identity) {
        return identity.hasRole(Roles.ADMIN);
    }
}
