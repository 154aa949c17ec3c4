package io.stockline.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;

import io.netty.channel.ConnectTimeoutException;

class CallFailuresTest {

    private static final String SECRET_PATH = "/services/T000/B000/xoxb-secret";

    @Test
    void aFailureIsDescribedByItsKindAndHostNeverByItsMessage() {
        // as Vert.x words a timeout: the request's path and query in the message
        TimeoutException timeout = new TimeoutException("The timeout period of 10000ms has been exceeded while"
                + " executing POST " + SECRET_PATH + " for server hooks.example:443");
        assertThat(CallFailures.describe(timeout, "hooks.example", 10_000, 5_000))
                .isEqualTo("timed out after 10000 ms (hooks.example)");
        assertThat(CallFailures.describe(new ConnectTimeoutException("connection timed out: " + SECRET_PATH),
                "hooks.example", 10_000, 5_000)).isEqualTo("no connection within 5000 ms (hooks.example)");
        assertThat(CallFailures.describe(new ConnectException("Connection refused: " + SECRET_PATH), "hooks.example",
                10_000, 5_000)).isEqualTo("connection refused (hooks.example)");
        assertThat(CallFailures.describe(new SSLHandshakeException("bad certificate for " + SECRET_PATH),
                "hooks.example", 10_000, 5_000)).isEqualTo("TLS handshake failed (hooks.example)");
        assertThat(CallFailures.describe(new IllegalStateException(SECRET_PATH), "hooks.example", 0, 0))
                .isEqualTo("unreachable (hooks.example): IllegalStateException");
        assertThat(CallFailures.describe(timeout, "mail server", 0, 0)).isEqualTo("timed out (mail server)");
    }

    @Test
    void theHostOfAUrlAndNothingElse() {
        assertThat(CallFailures.host("https://hooks.example" + SECRET_PATH + "?token=abc")).isEqualTo("hooks.example");
        assertThat(CallFailures.host("mailto:ops@example.com")).isEqualTo("no host");
        assertThat(CallFailures.host("https://exa mple.com/")).isEqualTo("not a URL");
    }
}
