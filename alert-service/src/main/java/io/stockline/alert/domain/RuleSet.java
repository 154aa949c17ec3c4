package io.stockline.alert.domain;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The rules in force, and the defaults that apply where no rule covers a subject. */
public final class RuleSet {

    private final List<Rule> rules;
    private final Map<AlertKind, Rule> defaults;

    public RuleSet(List<Rule> rules, Map<AlertKind, Rule> defaults) {
        this.rules = List.copyOf(rules);
        this.defaults = new EnumMap<>(defaults);
    }

    /** The most specific rule of the kind that covers the subject; the default when none does. */
    public Rule select(AlertKind kind, String sku, String location, String channel) {
        return rules.stream()
                .filter(rule -> rule.kind() == kind && rule.covers(sku, location, channel))
                .max(Comparator.comparingInt(Rule::specificity))
                .orElse(defaults.get(kind));
    }

    public Rule forStock(AlertKind kind, String sku, String location) {
        return select(kind, sku, location, null);
    }

    public Rule forChannel(String channel) {
        return select(AlertKind.SYNC_FAILING, null, null, channel);
    }
}
