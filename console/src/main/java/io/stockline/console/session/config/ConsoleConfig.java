package io.stockline.console.session.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "stockline.console")
public interface ConsoleConfig {

    /** The cookie that carries the signed-in person's token (HttpOnly, SameSite=Strict). */
    @WithDefault("stockline-session")
    String sessionCookie();

    /** Sent only over HTTPS: on in production, off on the local run's plain-HTTP loopback. */
    @WithDefault("true")
    boolean secureCookie();

    /**
     * The development private key (deploy/local/keys/dev-private.pem): when set, the sign-in page offers a sign-in
     * per role that mints a token with it. Only the local run sets it; a deployment never should.
     */
    Optional<String> devSignInKeyLocation();

    /** How long a development sign-in lasts. */
    @WithDefault("8H")
    Duration devSignInLength();
}
