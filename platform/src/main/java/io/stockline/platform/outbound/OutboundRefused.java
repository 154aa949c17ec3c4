package io.stockline.platform.outbound;

/**
 * A call the platform did not make: its URL names a host outside what the deployment allows (or one that does not
 * resolve). No connection was attempted. The message names the host and why, never a credential.
 */
public class OutboundRefused extends RuntimeException {

    public OutboundRefused(String message) {
        super(message);
    }
}
