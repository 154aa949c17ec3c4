package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stockline.alert.domain.Evaluation.Key;
import io.stockline.alert.domain.Evaluation.Step;
import io.stockline.alert.domain.Lifecycle.Decision;
import io.stockline.alert.domain.Lifecycle.State;

class EvaluationTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static RuleSet defaults(Long overstock) {
        Map<AlertKind, Rule> defaults = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            Long threshold = switch (kind) {
                case LOW_STOCK -> 5L;
                case OVERSTOCK -> overstock;
                case NEAR_EXPIRY -> 30L;
                case SYNC_FAILING -> 600L;
                default -> null;
            };
            defaults.put(kind, new Rule(null, kind, null, null, null, threshold, Duration.ofMinutes(15), true));
        }
        return new RuleSet(List.of(), defaults);
    }

    private static List<String> names(List<Step> steps) {
        return steps.stream().map(s -> s.kind() + (s.lot().isEmpty() ? "" : "/" + s.lot()) + " " + s.decision()).toList();
    }

    @Test
    void runningOutOpensLowAndOutOfStockTogether() {
        assertThat(names(Evaluation.stock(defaults(null), "A", "WH1", 7L, 0, Map.of(), NOW)))
                .containsExactly("LOW_STOCK OPEN", "OUT_OF_STOCK OPEN");
    }

    @Test
    void comingBackResolvesBothAndNotifiesOnce() {
        Map<Key, State> open = new HashMap<>();
        open.put(new Key(AlertKind.LOW_STOCK, ""), new State(true, false, null));
        open.put(new Key(AlertKind.OUT_OF_STOCK, ""), new State(true, false, null));
        assertThat(names(Evaluation.stock(defaults(null), "A", "WH1", 0L, 10, open, NOW)))
                .containsExactly("LOW_STOCK RESOLVE", "OUT_OF_STOCK RESOLVE", "BACK_IN_STOCK NOTIFY");
    }

    @Test
    void overstockOnlyWithAMaximum() {
        assertThat(names(Evaluation.stock(defaults(null), "A", "WH1", 10L, 1000, Map.of(), NOW))).isEmpty();
        assertThat(names(Evaluation.stock(defaults(100L), "A", "WH1", 10L, 1000, Map.of(), NOW)))
                .containsExactly("OVERSTOCK OPEN");
    }

    @Test
    void lotsOpenInsideTheWindowAndResolveWhenGone() {
        List<StockChanged.Lot> lots = List.of(
                new StockChanged.Lot("L1", TODAY.plusDays(10), 5),
                new StockChanged.Lot("L2", TODAY.plusDays(40), 5),
                new StockChanged.Lot("L3", null, 5));
        Map<Key, State> states = new HashMap<>();
        states.put(new Key(AlertKind.NEAR_EXPIRY, "L0"), new State(true, false, null)); // sold since
        List<Step> steps = Evaluation.lots(defaults(null), "A", "WH1", lots, states, TODAY, NOW);
        assertThat(names(steps)).containsExactly("NEAR_EXPIRY/L1 OPEN", "NEAR_EXPIRY/L0 RESOLVE");
        assertThat(steps.get(0).observed()).as("days left").isEqualTo(10);
        assertThat(steps.get(0).detail()).contains("10 days left");
    }

    @Test
    void aChannelFailingOpensAndRecoveringResolves() {
        OffsetDateTime at = OffsetDateTime.parse("2026-11-23T12:00:00Z");
        SyncStatus failing = new SyncStatus("shop", SyncStatus.State.FAILING, 12, 30, 4, "HTTP 503", at);
        Step opened = Evaluation.channel(defaults(null), failing, State.CLEAR, NOW);
        assertThat(opened.decision()).isEqualTo(Decision.OPEN);
        assertThat(opened.detail()).contains("FAILING", "12 pending", "HTTP 503");
        SyncStatus ok = new SyncStatus("shop", SyncStatus.State.OK, 0, 0, 0, null, at.plusMinutes(1));
        assertThat(Evaluation.channel(defaults(null), ok, new State(true, false, null), NOW).decision())
                .isEqualTo(Decision.RESOLVE);
    }
}
