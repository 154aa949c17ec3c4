package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class BackoffAndDigestTest {

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5));
        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(6)).isEqualTo(Duration.ofMinutes(5)); // 320 s capped
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(5)); // no overflow
    }

    @Test
    void theNextDigestIsTheNextTimeTheClockShowsItsTime() {
        OffsetDateTime morning = OffsetDateTime.parse("2026-11-23T07:59:00Z");
        assertThat(Digest.next(LocalTime.of(8, 0), morning)).isEqualTo(OffsetDateTime.parse("2026-11-23T08:00:00Z"));
        assertThat(Digest.next(LocalTime.of(8, 0), morning.plusMinutes(1)))
                .as("exactly at the time: the next day's").isEqualTo(OffsetDateTime.parse("2026-11-24T08:00:00Z"));
        assertThat(Digest.next(LocalTime.of(8, 0), OffsetDateTime.parse("2026-11-23T10:00:00+02:00")))
                .as("offsets count as UTC").isEqualTo(OffsetDateTime.parse("2026-11-24T08:00:00Z"));
    }

    private static Alert alert(AlertKind kind, String sku, String location, Alert.Status status) {
        return new Alert(UUID.randomUUID(), kind, status, sku, location, null, null, 3L, 5L, null, null,
                OffsetDateTime.parse("2026-11-23T08:00:00Z"), null, null, null);
    }

    @Test
    void aDigestSummarisesEachAlertOnALine() {
        List<Alert> alerts = List.of(alert(AlertKind.LOW_STOCK, "A", "WH1", Alert.Status.OPEN),
                alert(AlertKind.LOW_STOCK, "B", "WH2", Alert.Status.RESOLVED));
        assertThat(Digest.subject(alerts)).isEqualTo("Stockline digest: 2 alerts, 1 still open");
        assertThat(Digest.text(alerts).lines()).hasSize(3)
                .anySatisfy(line -> assertThat(line).contains("[OPEN]", "A at WH1"))
                .anySatisfy(line -> assertThat(line).contains("[RESOLVED]", "Resolved", "B at WH2"));
    }

    @Test
    void subscriptionFiltersNarrowByKindSkuAndLocation() {
        Alert low = alert(AlertKind.LOW_STOCK, "A", "WH1", Alert.Status.OPEN);
        Alert out = alert(AlertKind.OUT_OF_STOCK, "A", "WH2", Alert.Status.OPEN);
        assertThat(new SubscriptionFilter(Set.of(), null, null).matches(low)).isTrue();
        assertThat(new SubscriptionFilter(EnumSet.of(AlertKind.OUT_OF_STOCK), null, null).matches(low)).isFalse();
        assertThat(new SubscriptionFilter(EnumSet.of(AlertKind.OUT_OF_STOCK), "A", null).matches(out)).isTrue();
        assertThat(new SubscriptionFilter(Set.of(), "B", null).matches(low)).isFalse();
        assertThat(new SubscriptionFilter(Set.of(), null, "WH1").matches(out)).isFalse();
    }
}
