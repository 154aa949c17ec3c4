package io.stockline.console.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * The console calls the services as the signed-in person: their own token goes along, so each service applies its
 * own role checks and records the person as the actor. Nothing else of the browser's request is passed on.
 */
@ApplicationScoped
public class ForwardSignedInToken implements ClientHeadersFactory {

    private final JsonWebToken token;

    ForwardSignedInToken(JsonWebToken token) {
        this.token = token;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        String raw = token.getRawToken();
        if (raw != null) {
            headers.putSingle("Authorization", "Bearer " + raw);
        }
        return headers;
    }
}
