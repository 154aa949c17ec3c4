package io.stockline.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RemoteTextTest {

    @Test
    void credentialsAnAnswerEchoesAreMasked() {
        String echoed = "{\"error\":\"invalid_grant\",\"refresh_token\":\"Atzr|IwEBIA-secret\",\"client_secret\": \"s3cr3t\"}"
                + " Authorization: Bearer eyJhbGciOi.payload.sig consumer_secret=cs_123&x=1";

        String logged = RemoteText.forLog(echoed);

        assertThat(logged).contains("invalid_grant").contains("refresh_token").contains("x=1")
                .doesNotContain("IwEBIA-secret").doesNotContain("s3cr3t").doesNotContain("eyJhbGciOi")
                .doesNotContain("cs_123");
    }

    @Test
    void aLongAnswerIsCutShort() {
        assertThat(RemoteText.forLog("x".repeat(5_000))).hasSize(RemoteText.MAX_LENGTH + 3);
        assertThat(RemoteText.forLog(null)).isEmpty();
    }
}
