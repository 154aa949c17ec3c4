package io.stockline.platform.events;

/**
 * A record that can never be read: malformed JSON, a missing field, an unknown type of a known family. Consumers
 * send it to the dead-letter topic with this message as the reason and go on; any other failure is an
 * infrastructure fault and is retried.
 */
public class PoisonRecord extends IllegalArgumentException {

    public PoisonRecord(String reason) {
        super(reason);
    }

    public PoisonRecord(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Throws a poison record with {@code reason} unless {@code condition} holds. */
    public static void require(boolean condition, String reason) {
        if (!condition) {
            throw new PoisonRecord(reason);
        }
    }
}
