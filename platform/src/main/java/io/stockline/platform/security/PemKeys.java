package io.stockline.platform.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;

import io.smallrye.jwt.util.KeyUtils;

/** The PEM keys a setting names, read at start-up: a key that cannot be read stops the service with the setting named. */
public final class PemKeys {

    private PemKeys() {
    }

    public static PublicKey publicKey(String setting, String location) {
        try {
            return KeyUtils.decodePublicKey(Files.readString(Path.of(location)));
        } catch (Exception e) {
            throw new IllegalStateException(setting + " " + location + " is not a readable PEM public key: "
                    + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(String setting, String location) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(location)));
        } catch (Exception e) {
            throw new IllegalStateException(setting + " " + location + " is not a readable PEM private key: "
                    + e.getMessage(), e);
        }
    }
}
