package io.stockline.alert.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.stockline.alert.domain.Lifecycle.Decision;
import io.stockline.alert.domain.Lifecycle.State;

/** Decides, for the figures of one subject, what happens to each kind's alert. No framework, no I/O. */
public final class Evaluation {

    /** Identifies a state among a (SKU, location)'s: the kind, and the lot for NEAR_EXPIRY ('' otherwise). */
    public record Key(AlertKind kind, String lot) {
    }

    /** What to do for one kind (and lot): the decision, the rule that made it, the figure, and a word on it. */
    public record Step(AlertKind kind, String lot, Decision decision, Rule rule, long observed, String detail) {
    }

    private Evaluation() {
    }

    /**
     * The stock kinds for one (SKU, location). previousAvailable is the figure before this change (null when none
     * was seen, or when re-evaluating without a change).
     */
    public static List<Step> stock(RuleSet rules, String sku, String location, Long previousAvailable, long available,
            Map<Key, State> states, Instant now) {
        List<Step> steps = new ArrayList<>();
        Rule low = rules.forStock(AlertKind.LOW_STOCK, sku, location);
        add(steps, AlertKind.LOW_STOCK, "", Conditions.lowStock(low, available), low, available, states, now);
        Rule out = rules.forStock(AlertKind.OUT_OF_STOCK, sku, location);
        add(steps, AlertKind.OUT_OF_STOCK, "", Conditions.outOfStock(out, available), out, available, states, now);
        Rule over = rules.forStock(AlertKind.OVERSTOCK, sku, location);
        add(steps, AlertKind.OVERSTOCK, "", Conditions.overstock(over, available), over, available, states, now);
        Rule back = rules.forStock(AlertKind.BACK_IN_STOCK, sku, location);
        Decision notice = Lifecycle.decideOneShot(state(states, AlertKind.BACK_IN_STOCK, ""),
                Conditions.backInStock(back, previousAvailable, available), now);
        if (notice != Decision.NONE) {
            steps.add(new Step(AlertKind.BACK_IN_STOCK, "", notice, back, available, null));
        }
        return steps;
    }

    /**
     * NEAR_EXPIRY for each lot of one (SKU, location): the lots on hand now, and the ones that had a state but
     * are gone (sold, written off), which resolve. observed is the days left (negative once expired).
     */
    public static List<Step> lots(RuleSet rules, String sku, String location, List<StockChanged.Lot> lots,
            Map<Key, State> states, LocalDate today, Instant now) {
        Rule rule = rules.forStock(AlertKind.NEAR_EXPIRY, sku, location);
        List<Step> steps = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (StockChanged.Lot lot : lots) {
            seen.add(lot.lot());
            boolean near = Conditions.nearExpiry(rule, lot.expiresOn(), lot.quantity(), today);
            long daysLeft = lot.expiresOn() == null ? Long.MAX_VALUE : ChronoUnit.DAYS.between(today, lot.expiresOn());
            String detail = lot.expiresOn() == null ? "no expiry date"
                    : "%d on hand, expires %s, %s".formatted(lot.quantity(), lot.expiresOn(),
                            daysLeft < 0 ? "expired" : daysLeft + " days left");
            add(steps, AlertKind.NEAR_EXPIRY, lot.lot(), near, rule, daysLeft, states, now, detail);
        }
        states.keySet().stream()
                .filter(key -> key.kind() == AlertKind.NEAR_EXPIRY && !seen.contains(key.lot()))
                .sorted((a, b) -> a.lot().compareTo(b.lot()))
                .forEach(gone -> add(steps, AlertKind.NEAR_EXPIRY, gone.lot(), false, rule, 0, states, now,
                        "no longer on hand"));
        return steps;
    }

    /** SYNC_FAILING for one channel. observed is the lag in seconds. */
    public static Step channel(RuleSet rules, SyncStatus status, State state, Instant now) {
        Rule rule = rules.forChannel(status.channelId());
        Decision decision = Lifecycle.decide(state, Conditions.syncFailing(rule, status), now);
        String detail = "%s, %d pending, %d s behind, %d failures in a row%s".formatted(status.state(),
                status.pending(), status.lagSeconds(), status.consecutiveFailures(),
                status.lastError() == null ? "" : ": " + status.lastError());
        return new Step(AlertKind.SYNC_FAILING, "", decision, rule, status.lagSeconds(), detail);
    }

    private static void add(List<Step> steps, AlertKind kind, String lot, boolean condition, Rule rule, long observed,
            Map<Key, State> states, Instant now) {
        add(steps, kind, lot, condition, rule, observed, states, now, null);
    }

    private static void add(List<Step> steps, AlertKind kind, String lot, boolean condition, Rule rule, long observed,
            Map<Key, State> states, Instant now, String detail) {
        Decision decision = Lifecycle.decide(state(states, kind, lot), condition, now);
        if (decision != Decision.NONE) {
            steps.add(new Step(kind, lot, decision, rule, observed, detail));
        }
    }

    private static State state(Map<Key, State> states, AlertKind kind, String lot) {
        return states.getOrDefault(new Key(kind, lot), State.CLEAR);
    }
}
