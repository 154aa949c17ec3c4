package io.stockline.platform.secrets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Seals secrets a service stores (AES-256-GCM, the JDK's own implementation) so that a database dump, a backup or a
 * replica does not hold them in clear text. A sealed value reads {@code v1:<key id>:<base64 of nonce, ciphertext and
 * tag>}; the key id (the first bytes of the key's SHA-256) says which key opens it, so keys can be rotated. The
 * context (what the value is, and of which row) is authenticated with it: a value copied into another row or column
 * does not open. A value without the prefix was stored before sealing existed and is read as it is, until
 * {@link #isSealedWithCurrentKey} sends it to be sealed.
 */
@ApplicationScoped
public class SecretBox {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    public SecretBox(SecretsConfig config) {
        String current = config.key().filter(key -> !key.isBlank())
                .or(() -> config.keyLocation().filter(location -> !location.isBlank()).map(SecretBox::read))
                .orElseThrow(() -> new IllegalStateException("stockline.secrets.key (STOCKLINE_SECRETS_KEY) or"
                        + " stockline.secrets.key-location (STOCKLINE_SECRETS_KEY_LOCATION) must give the key that seals"
                        + " stored secrets: 32 random bytes in base64, e.g. openssl rand -base64 32"));
        currentId = add(current, "stockline.secrets.key");
        for (String previous : config.previousKeys().orElse(List.of())) {
            add(previous, "stockline.secrets.previous-keys");
        }
    }

    /** The value sealed with the current key, bound to its context; null stays null. */
    public String seal(String value, String context) {
        if (value == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentId), nonce, context);
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return VERSION + ":" + currentId + ":" + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret", e);
        }
    }

    /** The clear value; a value stored before sealing is returned as it is; null stays null. */
    public String open(String stored, String context) {
        if (stored == null || !stored.startsWith(VERSION + ":")) {
            return stored;
        }
        String[] parts = stored.split(":", 3);
        SecretKey key = parts.length == 3 ? keys.get(parts[1]) : null;
        if (key == null) {
            throw new IllegalStateException("a stored secret was sealed with key " + (parts.length == 3 ? parts[1] : "?")
                    + ", which is neither stockline.secrets.key nor one of stockline.secrets.previous-keys");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(parts[2]);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(bytes, NONCE_BYTES), context);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored secret does not open for " + context
                    + " (altered, or moved from another row)", e);
        }
    }

    /** Whether a stored value is sealed with the current key (null counts as sealed: there is nothing to seal). */
    public boolean isSealedWithCurrentKey(String stored) {
        return stored == null || stored.startsWith(VERSION + ":" + currentId + ":");
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private String add(String base64, String setting) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes (256 bits) in base64, not " + bytes.length);
        }
        String id;
        try {
            id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        keys.putIfAbsent(id, new SecretKeySpec(bytes, "AES"));
        return id;
    }

    private static String read(String location) {
        try {
            return Files.readString(Path.of(location)).trim();
        } catch (IOException e) {
            throw new IllegalStateException("stockline.secrets.key-location " + location + " cannot be read", e);
        }
    }
}
