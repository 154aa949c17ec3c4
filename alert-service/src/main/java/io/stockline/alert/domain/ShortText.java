package io.stockline.alert.domain;

/** Text a person reads, cut to a length: it ends in an ellipsis and is never cut between the halves of a character. */
public final class ShortText {

    public static final char ELLIPSIS = '\u2026';

    private ShortText() {
    }

    /** {@code text} itself when it fits in {@code maxLength} characters, else its start and an ellipsis, as long. */
    public static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
