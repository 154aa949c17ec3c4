package io.stockline.alert.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RuleSetTest {

    private static final Duration COOLDOWN = Duration.ofMinutes(15);

    private static Rule rule(AlertKind kind, String sku, String location, String channel, long threshold) {
        return new Rule(UUID.randomUUID(), kind, sku, location, channel, threshold, COOLDOWN, true);
    }

    private static Map<AlertKind, Rule> defaults() {
        Map<AlertKind, Rule> defaults = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            defaults.put(kind, new Rule(null, kind, null, null, null, 1L, COOLDOWN, true));
        }
        return defaults;
    }

    private final Rule all = rule(AlertKind.LOW_STOCK, null, null, null, 10);
    private final Rule wh1 = rule(AlertKind.LOW_STOCK, null, "WH1", null, 20);
    private final Rule sku = rule(AlertKind.LOW_STOCK, "A", null, null, 30);
    private final Rule skuWh1 = rule(AlertKind.LOW_STOCK, "A", "WH1", null, 40);
    private final Rule otherKind = rule(AlertKind.OVERSTOCK, "A", "WH1", null, 99);

    @Test
    void theMostSpecificRuleWins() {
        RuleSet rules = new RuleSet(List.of(all, wh1, sku, skuWh1, otherKind), defaults());
        assertThat(rules.forStock(AlertKind.LOW_STOCK, "A", "WH1")).isEqualTo(skuWh1); // SKU + location
        assertThat(rules.forStock(AlertKind.LOW_STOCK, "A", "WH2")).isEqualTo(sku); // SKU beats location and all
        assertThat(rules.forStock(AlertKind.LOW_STOCK, "B", "WH1")).isEqualTo(wh1); // location beats all
        assertThat(rules.forStock(AlertKind.LOW_STOCK, "B", "WH2")).isEqualTo(all);
    }

    @Test
    void theSkuRuleBeatsTheLocationRuleWhicheverCameFirst() {
        assertThat(new RuleSet(List.of(wh1, sku), defaults()).forStock(AlertKind.LOW_STOCK, "A", "WH1")).isEqualTo(sku);
        assertThat(new RuleSet(List.of(sku, wh1), defaults()).forStock(AlertKind.LOW_STOCK, "A", "WH1")).isEqualTo(sku);
    }

    @Test
    void withoutACoveringRuleTheDefaultApplies() {
        RuleSet rules = new RuleSet(List.of(skuWh1, otherKind), defaults());
        Rule chosen = rules.forStock(AlertKind.LOW_STOCK, "A", "WH2");
        assertThat(chosen.id()).isNull();
        assertThat(chosen.threshold()).isEqualTo(1L);
        assertThat(rules.forStock(AlertKind.OUT_OF_STOCK, "A", "WH1").id()).as("rules of other kinds do not count").isNull();
    }

    @Test
    void aDisabledSpecificRuleSwitchesTheKindOffForItsScope() {
        Rule off = new Rule(UUID.randomUUID(), AlertKind.LOW_STOCK, "A", null, null, 30L, COOLDOWN, false);
        RuleSet rules = new RuleSet(List.of(all, off), defaults());
        assertThat(rules.forStock(AlertKind.LOW_STOCK, "A", "WH1")).isEqualTo(off);
        assertThat(Conditions.lowStock(rules.forStock(AlertKind.LOW_STOCK, "A", "WH1"), 0)).isFalse();
        assertThat(Conditions.lowStock(rules.forStock(AlertKind.LOW_STOCK, "B", "WH1"), 0)).isTrue();
    }

    @Test
    void aChannelRuleBeatsTheRuleForAllChannels() {
        Rule allChannels = rule(AlertKind.SYNC_FAILING, null, null, null, 600);
        Rule amazon = rule(AlertKind.SYNC_FAILING, null, null, "amazon", 60);
        RuleSet rules = new RuleSet(List.of(amazon, allChannels), defaults());
        assertThat(rules.forChannel("amazon")).isEqualTo(amazon);
        assertThat(rules.forChannel("shopify")).isEqualTo(allChannels);
    }
}
