package io.stockline.channel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.stockline.channel.dispatch.CallCounts.Counted;
import io.stockline.channel.domain.CallMinute;

class CallCountsTest {

    private static final long MINUTE = 60_000;
    private static final Instant TEN = Instant.parse("2026-12-01T10:00:00Z");

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-01T10:00:30Z").toEpochMilli());
    private final CallCounts counts = new CallCounts(now::get);

    @Test
    void eachChannelAndMinuteCountsItsOwnCallsThrottledAnswersAndFailures() {
        counts.called("a");
        counts.called("a");
        counts.throttled("a");
        counts.called("b");
        now.addAndGet(MINUTE);
        counts.called("a");
        counts.failed("a");

        assertThat(counts.unwritten("a")).isEqualTo(Map.of(
                TEN, new CallMinute(TEN, 2, 1, 0),
                TEN.plusSeconds(60), new CallMinute(TEN.plusSeconds(60), 1, 0, 1)));
        assertThat(counts.drain()).containsExactlyInAnyOrder(
                new Counted("a", new CallMinute(TEN, 2, 1, 0)),
                new Counted("a", new CallMinute(TEN.plusSeconds(60), 1, 0, 1)),
                new Counted("b", new CallMinute(TEN, 1, 0, 0)));
        assertThat(counts.drain()).isEmpty();
        assertThat(counts.unwritten("a")).isEmpty();
    }

    @Test
    void countsThatCouldNotBeWrittenAreKeptAndAddedToTheNewOnes() {
        counts.called("a");
        List<Counted> failedToWrite = counts.drain();
        counts.called("a");
        counts.throttled("a");
        counts.putBack(failedToWrite);

        assertThat(counts.drain()).containsExactly(new Counted("a", new CallMinute(TEN, 2, 1, 0)));
    }
}
