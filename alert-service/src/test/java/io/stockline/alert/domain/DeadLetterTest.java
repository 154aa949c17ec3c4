package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void controlCharactersButTabAndNewlineAreReplacedSoPostgresqlTakesTheText() {
        assertThat(DeadLetter.storable("bad\u0000value", 100)).isEqualTo("bad\uFFFDvalue");
        assertThat(DeadLetter.storable("a\rb\u001bc\u007fd\u0085e", 100)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe");
        assertThat(DeadLetter.storable("line 1\n\tline 2", 100)).isEqualTo("line 1\n\tline 2");
        assertThat(DeadLetter.storable("PoisonRecord: unreadable stock-changed", 100))
                .isEqualTo("PoisonRecord: unreadable stock-changed");
    }

    @Test
    void aLongTextIsCutToTheLimitEndingInAnEllipsis() {
        String cut = DeadLetter.storable("x".repeat(100_000), DeadLetter.MAX_REASON_LENGTH);
        assertThat(cut).hasSize(DeadLetter.MAX_REASON_LENGTH).endsWith("x\u2026");
        assertThat(DeadLetter.storable("x".repeat(10), 10)).isEqualTo("x".repeat(10));
        assertThat(DeadLetter.storable("x".repeat(11), 10)).isEqualTo("x".repeat(9) + "\u2026");
    }

    @Test
    void charactersOutsideTheBasicPlaneAreKeptWholeOrNotAtAll() {
        String face = "\uD83D\uDE00";
        assertThat(DeadLetter.storable("ok " + face, 100)).isEqualTo("ok " + face);
        // the cut would fall between the two halves: the character goes, not half of it
        assertThat(DeadLetter.storable("abcdefgh" + face + "tail", 10)).isEqualTo("abcdefgh\u2026");
        assertThat(DeadLetter.storable("lone \uD83D half and \uDE00 other", 100))
                .isEqualTo("lone \uFFFD half and \uFFFD other");
    }

    @Test
    void whatIsTakenFromHeadersIsMadeStorableWhenTheRecordIsMade() {
        DeadLetter letter = new DeadLetter("t.dlq", "why\u0000" + "y".repeat(5_000), "io.x\u0000.v1");
        assertThat(letter.reason()).startsWith("why\uFFFDy").hasSize(DeadLetter.MAX_REASON_LENGTH);
        assertThat(letter.type()).isEqualTo("io.x\uFFFD.v1");
        assertThat(new DeadLetter("t.dlq", null, null).reason()).isEqualTo(DeadLetter.UNKNOWN_REASON);
        assertThat(letter.withoutHeaders()).isEqualTo(new DeadLetter("t.dlq", DeadLetter.UNKNOWN_REASON, null));
    }
}
