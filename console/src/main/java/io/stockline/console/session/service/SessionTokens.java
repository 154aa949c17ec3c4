package io.stockline.console.session.service;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.stockline.console.session.config.ConsoleConfig;
import io.stockline.platform.security.Roles;

/**
 * Checks a token a person pastes (the same checks the services make: signature, issuer, this console among its
 * audiences, age) and, on the local run only, mints development tokens per role.
 */
@ApplicationScoped
public class SessionTokens {

    /** The roles a person signs in with (platform's Roles; allocator is a service's, never a person's). */
    public static final List<String> PERSON_ROLES = List.of(Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN);

    /** Every service a console session calls, and the console itself. */
    static final Set<String> AUDIENCES = Set.of("console", "inventory-service", "channel-connector-service",
            "allocation-service", "alert-service");

    private final JWTParser parser;
    private final ConsoleConfig config;
    private final String issuer;

    SessionTokens(JWTParser parser, ConsoleConfig config, @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.parser = parser;
        this.config = config;
        this.issuer = issuer;
    }

    /** The verified token, or why it cannot sign anyone in (said to the person, who pasted it). */
    public Checked check(String token) {
        if (token == null || token.isBlank()) {
            return Checked.refused("Paste a token.");
        }
        try {
            JsonWebToken jwt = parser.parse(token.strip());
            if (jwt.getGroups().stream().noneMatch(PERSON_ROLES::contains)) {
                return Checked.refused("This token names no Stockline role (viewer, operator or admin).");
            }
            return new Checked(jwt, null);
        } catch (ParseException e) {
            // the reason goes to the log, not the page (which says only what a person can act on); never the token
            Log.debugf("a pasted token was refused: %s", e.getMessage());
            return Checked.refused("This token is not valid for the console: it may have expired, or be signed by"
                    + " another key, or not name the console among its audiences.");
        }
    }

    public boolean devSignInEnabled() {
        return config.devSignInKeyLocation().isPresent();
    }

    /** A development token for {@code role}, signed with the development key; only when dev sign-in is enabled. */
    public String mintDevelopmentToken(String role) {
        String location = config.devSignInKeyLocation().orElseThrow();
        String subject = "local-" + role;
        return Jwt.issuer(issuer).subject(subject).upn(subject).groups(Set.of(role)).audience(AUDIENCES)
                .expiresIn(config.devSignInLength()).jws().keyId("stockline-dev").sign(location);
    }

    public Duration devSignInLength() {
        return config.devSignInLength();
    }

    public record Checked(JsonWebToken token, String refusal) {

        static Checked refused(String why) {
            return new Checked(null, why);
        }

        public boolean ok() {
            return token != null;
        }
    }
}
