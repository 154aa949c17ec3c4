package io.stockline.channel.rest.security;

import java.util.HashSet;
import java.util.Set;

/** The roles of DESIGN.md. Each includes the ones below it: an admin may do what an operator may. */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    private Roles() {
    }

    /** The roles a token's groups grant, with the ones they include. */
    public static Set<String> granted(Set<String> groups) {
        Set<String> roles = new HashSet<>();
        if (groups.contains(ADMIN)) {
            roles.add(ADMIN);
            roles.add(OPERATOR);
        }
        if (groups.contains(OPERATOR)) {
            roles.add(OPERATOR);
        }
        if (!roles.isEmpty() || groups.contains(VIEWER)) {
            roles.add(VIEWER);
        }
        return roles;
    }
}
