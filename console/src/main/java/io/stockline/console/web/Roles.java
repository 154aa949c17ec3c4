package io.stockline.console.web;

import java.util.List;

/** The roles the services know; admin includes operator, operator includes viewer (quarkus.http.auth.roles-mapping). */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    public static final List<String> ALL = List.of(VIEWER, OPERATOR, ADMIN);

    private Roles() {
    }
}
