package io.stockline.platform.outbound;

import java.net.ConnectException;
import java.net.URI;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;

/**
 * A failed call to a URL a user gave, in words a viewer may read and a log may hold: the kind of failure and the
 * host, nothing else. A transport exception's own message is never used: Vert.x names the request's path and query
 * in it ("... exceeded while executing POST /services/T…/B…/&lt;token&gt; for server hooks.slack.com:443"), and a chat
 * hook's, webhook's or channel endpoint's path may be its credential.
 */
public final class CallFailures {

    private CallFailures() {
    }

    /**
     * How a call to {@code host} failed to get an answer.
     *
     * @param answerMillis how long the answer was awaited (0: not said)
     * @param connectMillis how long the connection was awaited (0: not said)
     */
    public static String describe(Throwable failure, String host, long answerMillis, long connectMillis) {
        // Netty's ConnectTimeoutException is a ConnectException too, so it is asked first
        if (failure instanceof ConnectTimeoutException) {
            return (connectMillis > 0 ? "no connection within " + connectMillis + " ms" : "no connection in time")
                    + " (" + host + ")";
        }
        if (failure instanceof TimeoutException) {
            return (answerMillis > 0 ? "timed out after " + answerMillis + " ms" : "timed out") + " (" + host + ")";
        }
        if (failure instanceof ConnectException) {
            return "connection refused (" + host + ")";
        }
        if (failure instanceof SSLException) {
            return "TLS handshake failed (" + host + ")";
        }
        return "unreachable (" + host + "): " + failure.getClass().getSimpleName();
    }

    /** The host {@code url} names, for a failure to name; the rest of a URL may be a credential. */
    public static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "no host" : host;
        } catch (IllegalArgumentException notUrl) {
            return "not a URL";
        }
    }
}
