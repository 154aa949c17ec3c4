package io.stockline.allocation.domain;

import java.util.List;

/** A channel's ordered routing rules and what to do when stock falls short. */
public record RoutingPolicy(List<RoutingRule> rules, ShortagePolicy shortage) {

    public static final RoutingPolicy DEFAULT = new RoutingPolicy(List.of(RoutingRule.STAY_IN_MARKET,
            RoutingRule.FEWEST_SHIPMENTS, RoutingRule.CLOSEST, RoutingRule.PRIORITY), ShortagePolicy.BACKORDER);

    public RoutingPolicy {
        rules = List.copyOf(rules);
        if (rules.stream().distinct().count() != rules.size()) {
            throw new IllegalArgumentException("each rule at most once: " + rules);
        }
    }
}
