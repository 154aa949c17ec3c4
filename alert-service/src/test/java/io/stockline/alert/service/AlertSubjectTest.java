package io.stockline.alert.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.stockline.alert.domain.Alert;
import io.stockline.alert.domain.AlertKind;

/** An alert's line is one line wherever it goes: a mail subject, a chat message, a digest's line. */
class AlertSubjectTest {

    private static Alert deadLetters(String detail) {
        return new Alert(UUID.randomUUID(), AlertKind.DEAD_LETTERS, Alert.Status.OPEN, null, null, null,
                "orders.dlq", 1L, null, detail, null, OffsetDateTime.parse("2026-12-06T08:00:00Z"), null, null, null);
    }

    @Test
    void aReasonSpanningLinesBecomesOneLine() {
        Alert alert = deadLetters("1 record so far; latest reason: boom\r\nBcc: someone@example.com\n\tat Foo.bar");
        assertThat(alert.describe()).doesNotContain("\r", "\n", "\t")
                .isEqualTo("Dead letters: orders.dlq (1 record so far; latest reason: boom Bcc: someone@example.com at Foo.bar)");
        assertThat(AlertPublication.subject(alert)).doesNotContain("\r", "\n").startsWith("[Stockline] Dead letters:");
        assertThat(AlertPublication.subject(alert.resolved(OffsetDateTime.parse("2026-12-06T09:00:00Z"))))
                .doesNotContain("\n").startsWith("[Stockline] Resolved - Dead letters:");
    }

    @Test
    void aLongSubjectIsCutWithAnEllipsisAndNeverBetweenTheHalvesOfACharacter() {
        String subject = AlertPublication.subject(deadLetters("x".repeat(5_000)));
        assertThat(subject).hasSize(AlertPublication.SUBJECT_LENGTH).endsWith("\u2026");
        assertThat(AlertPublication.subject(deadLetters("short"))).isEqualTo("[Stockline] Dead letters: orders.dlq (short)");
        // an emoji (two chars) straddling the cut is dropped whole
        String prefix = "[Stockline] Dead letters: orders.dlq (";
        String straddling = "y".repeat(AlertPublication.SUBJECT_LENGTH - 2 - prefix.length()) + "\uD83D\uDE00" + "z".repeat(50);
        String cut = AlertPublication.subject(deadLetters(straddling));
        assertThat(cut).endsWith("y\u2026").hasSize(AlertPublication.SUBJECT_LENGTH - 1);
    }
}
