package io.stockline.platform.outbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a remote end said, made fit for a log line: cut short, and with anything that looks like a credential masked.
 * A remote answer is the remote end's choice of words (an error body may echo a token or a key it was sent), so it is
 * logged this way and never shown through the API, where viewers would read it.
 */
public final class RemoteText {

    static final int MAX_LENGTH = 500;

    /** {@code "access_token":"…"}, {@code client_secret=…}, {@code "password": "…"} and their kin. */
    private static final Pattern NAMED_SECRET = Pattern.compile(
            "(?i)(\"?(?:access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|consumer[_-]?secret|"
                    + "api[_-]?key|secret|password|token|authorization)\"?\\s*[:=]\\s*\"?)([^\"&,\\s}]+)");
    /** Bearer and Basic credentials, and Amazon's Atza/Atzr tokens, wherever they appear. */
    private static final Pattern LOOSE_SECRET = Pattern.compile("(?i)(\\b(?:bearer|basic)\\s+)[A-Za-z0-9._~+/=-]+|\\bAtz[ar]\\|[^\"\\s,}]+");

    private RemoteText() {
    }

    public static String forLog(String text) {
        if (text == null) {
            return "";
        }
        String cut = text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH) + "...";
        String loose = LOOSE_SECRET.matcher(cut)
                .replaceAll(match -> match.group(1) != null ? Matcher.quoteReplacement(match.group(1)) + "***" : "***");
        return NAMED_SECRET.matcher(loose).replaceAll("$1***");
    }
}
