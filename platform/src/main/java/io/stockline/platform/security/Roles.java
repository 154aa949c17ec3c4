package io.stockline.platform.security;

/**
 * The roles every Stockline API checks, from the token's {@code groups} claim. Each includes the ones below it
 * (an admin may do what an operator may, an operator what a viewer may): the platform's configuration maps them
 * with {@code quarkus.http.auth.roles-mapping}, so {@code @RolesAllowed(Roles.VIEWER)} admits all three.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /**
     * allocation-service calling inventory with tokens it signs itself: reserve, commit and release its own
     * reservations and read stock, nothing else; no role includes it and it includes none ({@link TrustedServices}).
     */
    public static final String ALLOCATOR = "allocator";

    private Roles() {
    }
}
