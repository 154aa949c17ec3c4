package io.stockline.alert.messaging;

import io.stockline.platform.outbound.CallFailures;
import io.stockline.platform.outbound.OutboundRefused;
import io.stockline.platform.outbound.ResponseTooLarge;
import io.vertx.ext.mail.SMTPException;

/**
 * Why a delivery did not get through, in words viewers may read (the delivery's lastError) and the log may hold: the
 * kind of failure and the receiver's host. A transport exception's own message is never kept: Vert.x names the
 * request in it ("... exceeded while executing POST /services/T…/B…/&lt;token&gt; for server hooks.slack.com:443"),
 * and a chat or webhook URL's path and query are its credential. No cause and no stack trace, for the same reason.
 */
public class DeliveryFailure extends RuntimeException {

    DeliveryFailure(String description) {
        super(description, null, false, false);
    }

    /** A failed call to {@code host}, whose answer was awaited {@code timeoutMillis}. */
    static DeliveryFailure ofCall(Throwable failure, String host, long timeoutMillis) {
        if (failure instanceof DeliveryFailure known) {
            return known;
        }
        if (failure instanceof OutboundRefused refused) {
            // the guard's reason names the host and the kind of address, never the path
            return new DeliveryFailure("refused: " + refused.getMessage());
        }
        if (failure instanceof ResponseTooLarge tooLarge) {
            return new DeliveryFailure(tooLarge.getMessage() + " (" + host + ")");
        }
        // the connection is awaited as long as the answer
        return new DeliveryFailure(CallFailures.describe(failure, host, timeoutMillis, timeoutMillis));
    }

    /** A mail the mail server did not take: its reply code, never its reply, which may quote the message. */
    static DeliveryFailure ofMail(Throwable failure) {
        if (failure instanceof SMTPException refused) {
            return new DeliveryFailure("the mail server refused it (SMTP " + refused.getReplyCode() + ")");
        }
        return new DeliveryFailure(CallFailures.describe(failure, "mail server", 0, 0));
    }
}
