package io.stockline.inventory.counting.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.stockline.inventory.counting.domain.AbcClassifier.Classified;
import io.stockline.inventory.counting.domain.AbcClassifier.Consumption;

class AbcClassifierTest {

    private static final AbcThresholds DEFAULT = new AbcThresholds(80, 15);

    private static Consumption sku(String sku, long value) {
        return new Consumption(sku, value, BigDecimal.valueOf(value));
    }

    private static Map<String, AbcClass> classes(List<Consumption> consumption, AbcThresholds thresholds) {
        return AbcClassifier.classify(consumption, thresholds).stream()
                .collect(Collectors.toMap(Classified::sku, Classified::abcClass));
    }

    @Test
    void theFewThatMakeEightyPercentAreATheNextFifteenBTheRestC() {
        // 1000 in all: X 500 + Y 250 = 75 % before Z, so Z (crossing 80 %) is A too; then 85 % before W: B up to 95 %.
        Map<String, AbcClass> classes = classes(List.of(sku("Z", 100), sku("X", 500), sku("W", 80), sku("Y", 250),
                sku("V", 40), sku("U", 20), sku("T", 10)), DEFAULT);
        assertThat(classes).containsExactlyInAnyOrderEntriesOf(Map.of("X", AbcClass.A, "Y", AbcClass.A,
                "Z", AbcClass.A, "W", AbcClass.B, "V", AbcClass.B, "U", AbcClass.C, "T", AbcClass.C));
    }

    @Test
    void aSkuThatConsumedNothingIsCAndSoIsEverythingWhenNothingWasConsumed() {
        assertThat(classes(List.of(sku("A1", 0), sku("A2", 0)), DEFAULT)).containsOnly(
                Map.entry("A1", AbcClass.C), Map.entry("A2", AbcClass.C));
        assertThat(classes(List.of(sku("ONLY", 3), sku("NONE", 0)), DEFAULT)).containsOnly(
                Map.entry("ONLY", AbcClass.A), Map.entry("NONE", AbcClass.C));
        assertThat(AbcClassifier.classify(List.of(), DEFAULT)).isEmpty();
    }

    @Test
    void theThresholdsAreConfigurable() {
        List<Consumption> consumption = List.of(sku("P", 60), sku("Q", 30), sku("R", 10));
        assertThat(classes(consumption, new AbcThresholds(50, 30))).containsOnly(Map.entry("P", AbcClass.A),
                Map.entry("Q", AbcClass.B), Map.entry("R", AbcClass.C));
        assertThat(classes(consumption, new AbcThresholds(70, 25))).containsOnly(Map.entry("P", AbcClass.A),
                Map.entry("Q", AbcClass.A), Map.entry("R", AbcClass.B));
        assertThat(new AbcThresholds(70, 25).cPercent()).isEqualTo(5);
        assertThatThrownBy(() -> new AbcThresholds(90, 15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AbcThresholds(0, 15)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalValuesAreRankedBySkuSoTheSameInputGivesTheSameClasses() {
        List<Consumption> consumption = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            consumption.add(sku("S%02d".formatted(i), 5));
        }
        Map<String, AbcClass> first = classes(consumption, DEFAULT);
        Collections.shuffle(consumption, new Random(7));
        assertThat(classes(consumption, DEFAULT)).isEqualTo(first);
        // 20 equal SKUs: the first 16 reach 80 %, the next 3 reach 95 %, the last is C.
        assertThat(first.values().stream().filter(c -> c == AbcClass.A)).hasSize(16);
        assertThat(first.values().stream().filter(c -> c == AbcClass.B)).hasSize(3);
        assertThat(first).containsEntry("S19", AbcClass.C);
    }

    @Test
    void forRandomConsumptionTheClassesFollowTheRankAndTheShares() {
        Random random = new Random(12);
        for (int round = 0; round < 200; round++) {
            List<Consumption> consumption = new ArrayList<>();
            int skus = 1 + random.nextInt(40);
            for (int i = 0; i < skus; i++) {
                consumption.add(sku("R" + i, random.nextInt(4) == 0 ? 0 : random.nextInt(10_000)));
            }
            List<Classified> classified = AbcClassifier.classify(consumption, DEFAULT);
            BigDecimal total = consumption.stream().map(Consumption::value).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal before = BigDecimal.ZERO;
            for (int i = 0; i < classified.size(); i++) {
                Classified c = classified.get(i);
                if (i > 0) {
                    // ranked by value, highest first; a class never gets better further down the ranking
                    assertThat(c.value()).isLessThanOrEqualTo(classified.get(i - 1).value());
                    assertThat(c.abcClass()).isGreaterThanOrEqualTo(classified.get(i - 1).abcClass());
                }
                double shareBefore = total.signum() == 0 ? 1 : before.doubleValue() / total.doubleValue();
                AbcClass expected = c.value().signum() == 0 ? AbcClass.C
                        : shareBefore < 0.80 ? AbcClass.A : shareBefore < 0.95 ? AbcClass.B : AbcClass.C;
                assertThat(c.abcClass()).as("round %d, %s", round, c).isEqualTo(expected);
                before = before.add(c.value());
            }
        }
    }
}
