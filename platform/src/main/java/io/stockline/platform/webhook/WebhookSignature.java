package io.stockline.platform.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one signature of every Stockline webhook (channel pushes, alert deliveries):
 * {@code X-Stockline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} under the receiver's secret.
 * Signing the timestamp with the body lets a receiver refuse a replay: {@link #verify} compares in constant time
 * and refuses a timestamp more than five minutes away from its clock.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Stockline-Signature";
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** Why a request was refused, or {@code VALID}. */
    public enum Verdict {
        VALID, MISSING, MALFORMED, STALE, MISMATCH
    }

    private WebhookSignature() {
    }

    /** The header value for {@code body} sent at {@code at}. */
    public static String sign(String secret, Instant at, String body) {
        long seconds = at.getEpochSecond();
        return "t=" + seconds + ",v1=" + hmac(secret, seconds + "." + body);
    }

    public static Verdict verify(String secret, String header, String body, Instant now) {
        return verify(secret, header, body, now, TOLERANCE);
    }

    public static Verdict verify(String secret, String header, String body, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        Long timestamp = null;
        String signature = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                return Verdict.MALFORMED;
            }
            if (pair[0].equals("t")) {
                try {
                    timestamp = Long.parseLong(pair[1]);
                } catch (NumberFormatException e) {
                    return Verdict.MALFORMED;
                }
            } else if (pair[0].equals("v1")) {
                signature = pair[1];
            }
        }
        if (timestamp == null || signature == null) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] expected = hmac(secret, timestamp + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII)) ? Verdict.VALID
                : Verdict.MISMATCH;
    }

    private static String hmac(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
