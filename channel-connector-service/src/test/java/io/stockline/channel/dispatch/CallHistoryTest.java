package io.stockline.channel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class CallHistoryTest {

    private static final long MINUTE = 60_000;

    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-01T10:00:30Z").toEpochMilli());
    private final CallHistory history = new CallHistory(now::get);

    @Test
    void eachMinuteCountsItsOwnCallsThrottledAnswersAndFailures() {
        history.called();
        history.called();
        history.throttled();
        now.addAndGet(MINUTE);
        history.called();
        history.failed();

        List<CallHistory.Minute> last = history.last(3);
        assertThat(last).containsExactly(
                new CallHistory.Minute(Instant.parse("2026-12-01T09:59:00Z"), 0, 0, 0),
                new CallHistory.Minute(Instant.parse("2026-12-01T10:00:00Z"), 2, 1, 0),
                new CallHistory.Minute(Instant.parse("2026-12-01T10:01:00Z"), 1, 0, 1));
    }

    @Test
    void aMinuteThatLeftTheRingIsNotCountedAgainWhenItsSlotComesRound() {
        history.called();
        now.addAndGet(CallHistory.KEPT_MINUTES * MINUTE);
        assertThat(history.last(CallHistory.KEPT_MINUTES)).allMatch(minute -> minute.calls() == 0);
        history.called();
        assertThat(history.last(1).get(0).calls()).isEqualTo(1);
        assertThat(history.last(500)).hasSize(CallHistory.KEPT_MINUTES);
    }
}
