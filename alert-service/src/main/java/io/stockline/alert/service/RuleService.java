package io.stockline.alert.service;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.config.AlertConfig;
import io.stockline.alert.domain.AlertKind;
import io.stockline.alert.domain.Rule;
import io.stockline.alert.domain.RuleSet;
import io.stockline.alert.repository.RuleRepository;
import io.stockline.platform.problem.RuleViolation;

/** Alert rules: one per kind and scope. A change applies from the next event or sweep of each subject. */
@ApplicationScoped
public class RuleService {

    /** What an admin sends to create a rule; null scope parts mean "all". */
    public record RuleRequest(@NotNull AlertKind kind, @Size(max = 200) String sku, @Size(max = 200) String location,
            @Size(max = 200) String channel, @PositiveOrZero Long threshold,
            @PositiveOrZero @Max(MAX_COOLDOWN_SECONDS) Long cooldownSeconds, Boolean enabled) {
    }

    /** What an admin sends to change a rule; null keeps the current value. */
    public record RuleChange(@PositiveOrZero Long threshold,
            @PositiveOrZero @Max(MAX_COOLDOWN_SECONDS) Long cooldownSeconds, Boolean enabled) {
    }

    /** A week: a longer cool-down would hide a condition that came back for good. */
    public static final long MAX_COOLDOWN_SECONDS = 7 * 24 * 3600;

    /** Ten years: no lot is watched further ahead, and a date that many days on is one the calendar can hold. */
    public static final long MAX_EXPIRY_DAYS = 3650;

    private final RuleRepository rules;
    private final AlertService alerts;
    private final Duration defaultCooldown;

    public RuleService(RuleRepository rules, AlertService alerts, AlertConfig config) {
        this.rules = rules;
        this.alerts = alerts;
        this.defaultCooldown = config.defaultCooldown();
    }

    @WithTransaction
    public Uni<List<Rule>> all() {
        return rules.all();
    }

    @WithTransaction
    public Uni<Rule> find(UUID id) {
        return rules.find(id).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no rule " + id));
    }

    /** The rule in force for a subject: the most specific one, or the default (id null; for LOW_STOCK the computed reorder point when inventory sent one). */
    @WithTransaction
    public Uni<Rule> effective(AlertKind kind, String sku, String location, String channel) {
        if (kind.scopedByChannel()) {
            return rules.forChannel(kind, channel)
                    .map(found -> new RuleSet(found, alerts.defaults()).select(kind, sku, location, channel));
        }
        return alerts.stockRules(sku, location).map(ruleSet -> ruleSet.select(kind, sku, location, channel));
    }

    @WithTransaction
    public Uni<Rule> create(RuleRequest request) {
        AlertKind kind = request.kind();
        if (kind.scopedByChannel()) {
            forbid("sku", request.sku(), "a " + kind + " rule is per channel (the dead-letter topic) or for all");
            forbid("location", request.location(), "a " + kind + " rule is per channel (the dead-letter topic) or for all");
        } else {
            forbid("channel", request.channel(), "only a SYNC_FAILING or DEAD_LETTERS rule is per channel");
        }
        Rule rule = new Rule(UUID.randomUUID(), kind, blankIsInvalid("sku", request.sku()),
                blankIsInvalid("location", request.location()), blankIsInvalid("channel", request.channel()),
                request.threshold(), request.cooldownSeconds() == null ? defaultCooldown
                        : Duration.ofSeconds(request.cooldownSeconds()),
                request.enabled() == null || request.enabled());
        requireThreshold(rule);
        return rules.insert(rule).map(inserted -> {
            if (!inserted) {
                throw RuleViolation.conflict("kind", "a " + kind + " rule for this scope exists already");
            }
            return rule;
        });
    }

    /**
     * Not read, merged in Java and written back: two changes of different fields at once would each write the other's
     * field as it was before, and one would be lost. The update merges on the row itself; the merged rule is checked
     * afterwards, and an invalid one fails the transaction, which takes the update back.
     */
    @WithTransaction
    public Uni<Rule> change(UUID id, RuleChange change) {
        return rules.change(id, change.threshold(), change.cooldownSeconds(), change.enabled()).map(changed -> {
            if (changed == null) {
                throw RuleViolation.unknownPath("id", "no rule " + id);
            }
            requireThreshold(changed);
            return changed;
        });
    }

    @WithTransaction
    public Uni<Void> delete(UUID id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw RuleViolation.unknownPath("id", "no rule " + id);
            }
            return null;
        });
    }

    /**
     * Checked on the rule as it will be (after a change is merged), since what a threshold may be depends on the kind:
     * only NEAR_EXPIRY counts days, which today's date is moved by.
     */
    private static void requireThreshold(Rule rule) {
        if (rule.kind().needsThreshold() && rule.threshold() == null) {
            throw RuleViolation.invalid("threshold", switch (rule.kind()) {
                case LOW_STOCK -> "the reorder point: available at or under it is low";
                case OVERSTOCK -> "the maximum: available over it is overstock";
                case NEAR_EXPIRY -> "days: a lot expiring within them is near expiry";
                default -> "seconds of lag over which a channel alerts";
            });
        }
        if (rule.kind() == AlertKind.NEAR_EXPIRY && rule.threshold() != null && rule.threshold() > MAX_EXPIRY_DAYS) {
            throw RuleViolation.invalid("threshold", "days a lot is watched ahead of its expiry: at most "
                    + MAX_EXPIRY_DAYS + ", not " + rule.threshold());
        }
    }

    private static void forbid(String field, String value, String message) {
        if (value != null) {
            throw RuleViolation.invalid(field, message);
        }
    }

    private static String blankIsInvalid(String field, String value) {
        if (value != null && value.isBlank()) {
            throw RuleViolation.invalid(field, "leave it out for all, or name one");
        }
        return value;
    }
}
