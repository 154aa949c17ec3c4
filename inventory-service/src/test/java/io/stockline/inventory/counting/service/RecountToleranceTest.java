package io.stockline.inventory.counting.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.Tolerance;

/** The recount tolerance per class: the default, unless {@code per-class.<class>} names one for that class. */
class RecountToleranceTest {

    private static CountingConfig.Limit limit(long units, int percent) {
        return new CountingConfig.Limit() {
            @Override
            public long units() {
                return units;
            }

            @Override
            public int percent() {
                return percent;
            }
        };
    }

    private static CountingConfig.Recount recount(Map<String, CountingConfig.Limit> perClass) {
        return new CountingConfig.Recount() {
            @Override
            public long units() {
                return 2;
            }

            @Override
            public int percent() {
                return 5;
            }

            @Override
            public Map<String, CountingConfig.Limit> perClass() {
                return perClass;
            }
        };
    }

    @Test
    void aClassWithALimitOfItsOwnTakesItTheOthersTheDefault() {
        CountingConfig.Recount recount = recount(Map.of("A", limit(0, 1), "C", limit(10, 20)));
        assertThat(recount.tolerance(AbcClass.A)).isEqualTo(new Tolerance(0, 1));
        assertThat(recount.tolerance(AbcClass.B)).isEqualTo(new Tolerance(2, 5));
        assertThat(recount.tolerance(AbcClass.C)).isEqualTo(new Tolerance(10, 20));
        // one unit off 50: a recount for an A, not for a B
        assertThat(recount.tolerance(AbcClass.A).within(49, 50)).isFalse();
        assertThat(recount.tolerance(AbcClass.B).within(49, 50)).isTrue();
        assertThat(recount(Map.of()).tolerance(AbcClass.A)).isEqualTo(new Tolerance(2, 5));
    }
}
