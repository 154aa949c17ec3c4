package io.stockline.console.web;

import java.util.UUID;

/** What a form's typed text becomes in a request to a service, the same on every page. */
public final class FormValues {

    private FormValues() {
    }

    /** A key for one form as rendered: sent twice (a double click, a resubmit), it is recorded once. */
    public static String newIdempotencyKey() {
        return "console-" + UUID.randomUUID();
    }

    /** Nothing typed is no value: the service applies its default or says the field is required. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A whole number, or the text as typed when it is not one: the service then says what is wrong with it, in its
     * own words, naming the field, so the page need not repeat its rules.
     */
    public static Object wholeNumberOrAsTyped(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return value;
        }
    }
}
