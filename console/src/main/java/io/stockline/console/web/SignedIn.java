package io.stockline.console.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.quarkus.security.identity.SecurityIdentity;
import io.stockline.platform.security.Roles;

/** Who is signed in, and what the pages may offer them: a viewer sees no write buttons. */
@RequestScoped
@Named("signedIn")
public class SignedIn {

    private final SecurityIdentity identity;

    SignedIn(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public String role() {
        return identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : identity.hasRole(Roles.OPERATOR) ? Roles.OPERATOR
                : identity.hasRole(Roles.VIEWER) ? Roles.VIEWER : "";
    }

    public boolean canOperate() {
        return identity.hasRole(Roles.OPERATOR);
    }

    public boolean canAdminister() {
        return identity.hasRole(Roles.ADMIN);
    }
}
