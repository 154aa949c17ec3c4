package io.stockline.allocation.service;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of allocations ended: the last one's change time and order id (orders changed at the same instant
 * are told apart by id). Opaque to callers, so its shape may change.
 */
public record AllocationCursor(OffsetDateTime updatedAt, String orderId) {

    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((updatedAt + " " + orderId).getBytes(StandardCharsets.UTF_8));
    }

    /** Null when {@code encoded} is not a cursor this service handed out. */
    public static AllocationCursor decode(String encoded) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            int space = text.indexOf(' ');
            if (space < 0) {
                return null;
            }
            return new AllocationCursor(OffsetDateTime.parse(text.substring(0, space)), text.substring(space + 1));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
