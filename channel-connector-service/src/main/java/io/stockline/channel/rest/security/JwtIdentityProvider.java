package io.stockline.channel.rest.security;

import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * Verifies an RS256 token (signature, issuer, expiry) with smallrye-jwt and grants the roles its
 * {@code groups} claim names. Copied from inventory-service.
 */
@ApplicationScoped
public class JwtIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final DefaultJWTParser parser;

    public JwtIdentityProvider(@ConfigProperty(name = "stockline.auth.public-key-location") String publicKeyLocation,
            @ConfigProperty(name = "stockline.auth.issuer") String issuer) throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo();
        context.setPublicKeyContent(Files.readString(Path.of(publicKeyLocation)));
        context.setIssuedBy(issuer);
        this.parser = new DefaultJWTParser(context);
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            JsonWebToken token;
            try {
                token = parser.parse(request.getToken().getToken());
            } catch (ParseException e) {
                Log.debugf("token refused: %s", e.getMessage());
                throw new AuthenticationFailedException(e);
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(token)
                    .addRoles(Roles.granted(token.getGroups()))
                    .addCredential(request.getToken())
                    .build();
        });
    }
}
