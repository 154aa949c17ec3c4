package io.stockline.alert.domain;

/**
 * One record read from a dead-letter topic: the topic, the reason the service that gave it up wrote in its
 * {@code dead-letter-reason} header ("unknown" when absent or unreadable) and its CloudEvent type when it had one.
 * <p>
 * The reason and type are whatever another service (or anyone able to write to the topic) put in a header, yet the
 * record must always be counted: a text PostgreSQL refuses (a NUL character) would fail the transaction that counts
 * it every time, and a huge one would be carried into the alert's detail, its event and every e-mail subject. So they
 * are made {@link #storable} here, before anything reaches the database.
 */
public record DeadLetter(String topic, String reason, String type) {

    public static final String UNKNOWN_REASON = "unknown";
    /** Room for any exception message a consumer writes (parsers quote at most a few hundred characters). */
    public static final int MAX_REASON_LENGTH = 1000;
    /** A CloudEvent type is a reverse-DNS name, far shorter. */
    public static final int MAX_TYPE_LENGTH = 200;

    static final char REPLACEMENT = '\uFFFD';

    public DeadLetter {
        reason = reason == null ? UNKNOWN_REASON : storable(reason, MAX_REASON_LENGTH);
        type = type == null ? null : storable(type, MAX_TYPE_LENGTH);
    }

    /** The same record with nothing taken from its headers: what is counted when even the cleaned text is refused. */
    public DeadLetter withoutHeaders() {
        return new DeadLetter(topic, UNKNOWN_REASON, null);
    }

    /** The alert's detail: how many records so far, the latest reason and type, and where to look at them. */
    public String detail(long records) {
        return "%d record%s so far; latest reason: %s%s; inspect with deploy/local/dlq list %s".formatted(records,
                records == 1 ? "" : "s", reason, type == null ? "" : "; type " + type, topic);
    }

    /**
     * {@code text} as PostgreSQL stores it and a person can read it: control characters other than tab and newline
     * (NUL among them) and lone surrogate halves become U+FFFD, so the reader still sees that something was there; a
     * text longer than {@code maxLength} is cut to it, ending in an ellipsis, and never between the two halves of a
     * character.
     */
    public static String storable(String text, int maxLength) {
        // cut first: each character below is replaced by one, so the cut text keeps its length
        String cut = ShortText.cut(text, maxLength);
        StringBuilder clean = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean pairStart = Character.isHighSurrogate(c) && i + 1 < cut.length()
                    && Character.isLowSurrogate(cut.charAt(i + 1));
            if (pairStart) {
                clean.append(c).append(cut.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\t' && c != '\n') {
                clean.append(REPLACEMENT);
            } else {
                clean.append(c);
            }
        }
        return clean.toString();
    }
}
