package io.stockline.inventory.planning.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

import org.junit.jupiter.api.Test;

class MethodChooserTest {

    private final MethodChooser chooser = new MethodChooser();

    @Test
    void theSyntetosBoylanClasses() {
        // ADI 1, sizes equal: smooth
        assertThat(DemandPattern.classify(DemandSeries.of(Series.constant(50, 10)))).isEqualTo(DemandPattern.SMOOTH);
        // ADI 1, sizes 1 and 20 alternating: mean 10.5, variance 90.25, CV^2 = 0.82 >= 0.49: erratic
        assertThat(DemandPattern.classify(DemandSeries.of(Series.of(50, t -> t % 2 == 0 ? 1 : 20))))
                .isEqualTo(DemandPattern.ERRATIC);
        // ADI 5, sizes equal: intermittent
        assertThat(DemandPattern.classify(DemandSeries.of(Series.everyFifthDay(50)))).isEqualTo(DemandPattern.INTERMITTENT);
        // ADI 4, sizes 1 and 30: lumpy
        assertThat(DemandPattern.classify(DemandSeries.of(Series.of(80, t -> t % 4 != 0 ? 0 : t % 8 == 0 ? 1 : 30))))
                .isEqualTo(DemandPattern.LUMPY);
        // ADI just under 1.32 (4 days of 5 with demand: 1.25): not intermittent
        assertThat(DemandPattern.classify(DemandSeries.of(Series.of(50, t -> t % 5 == 0 ? 0 : 5)))).isEqualTo(DemandPattern.SMOOTH);
    }

    @Test
    void aWeeklySeasonalSeriesGetsHoltWintersAndTheScoresAreMase() {
        DemandSeries sine = DemandSeries.of(Series.of(112, Series::weeklySine));
        MethodChooser.Choice choice = chooser.choose(sine, 7);
        assertThat(choice.pattern()).isEqualTo(DemandPattern.SMOOTH);
        assertThat(choice.forecast().method()).isEqualTo(HoltWinters.NAME);
        assertThat(choice.mase()).isLessThan(0.1);
        assertThat(choice.bias()).isEqualTo(0, within(0.01));
        // by hand for the average (flat 20 over 4 whole weeks held out): MAE = 5 x mean |sin(2 pi k / 7)| = 5 x 4.381286
        // / 7 = 3.129490; the naive scale over the 84 training days (83 one-day changes: 11 whole weeks, 6 more) =
        // 5 x (11 x 3.899712 + 3.117881) / 83 = 2.771970; MASE = 1.12898
        assertThat(choice.maseByMethod().get(MovingAverage.NAME)).isEqualTo(1.12898, within(0.0005));
        assertThat(choice.maseByMethod()).doesNotContainKey(YearlyHoltWinters.NAME);
    }

    @Test
    void aTrendGetsHoltWintersAndTheAverageScoresWorse() {
        MethodChooser.Choice choice = chooser.choose(DemandSeries.of(Series.trend(140)), 7);
        assertThat(choice.forecast().method()).isEqualTo(HoltWinters.NAME);
        // the average of t = 84..111 is 5 + 0.5 x 97.5 = 53.75; the days held out (t = 112..139) average 67.75, and each
        // is above it, so MAE = 14; the naive scale is the daily step 0.5: MASE = 28. The damped trend trails a little.
        assertThat(choice.maseByMethod().get(MovingAverage.NAME)).isEqualTo(28, within(1e-9));
        assertThat(choice.mase()).isLessThan(28 / 5.0);
        assertThat(choice.bias()).isBetween(-0.03, 0.0);
    }

    @Test
    void anIntermittentSeriesGetsCrostonsFamily() {
        Random random = new Random(7);
        double[] values = Series.of(200, t -> random.nextDouble() < 0.2 ? 1 + random.nextInt(6) : 0);
        MethodChooser.Choice choice = chooser.choose(DemandSeries.of(values), 7);
        assertThat(choice.pattern().intermittent()).isTrue();
        assertThat(choice.forecast().method()).isIn(Croston.CROSTON, Croston.SBA);
        assertThat(choice.maseByMethod()).containsOnlyKeys(Croston.CROSTON, Croston.SBA);
        assertThat(choice.mase()).isFinite();

        MethodChooser.Choice everyFifth = chooser.choose(DemandSeries.of(Series.everyFifthDay(200)), 7);
        assertThat(everyFifth.forecast().method()).isIn(Croston.CROSTON, Croston.SBA);
    }

    @Test
    void aShortHistoryTakesThePatternsDefaultWithoutMeasuredError() {
        // 60 days < 28 held out + 56 to fit: nothing measured
        MethodChooser.Choice choice = chooser.choose(DemandSeries.of(Series.of(60, Series::weeklySine)), 7);
        assertThat(choice.forecast().method()).isEqualTo(HoltWinters.NAME);
        assertThat(choice.mase()).isNaN();
        assertThat(choice.bias()).isNaN();
        assertThat(chooser.choose(DemandSeries.of(Series.everyFifthDay(60)), 7).forecast().method()).isEqualTo(Croston.SBA);
        // below Holt-Winters' four weeks: the moving average
        assertThat(chooser.choose(DemandSeries.of(Series.constant(10, 3)), 7).forecast().method())
                .isEqualTo(MovingAverage.NAME);
    }

    @Test
    void biasIsTheMeanErrorOverTheMeanDemandHeldOut() {
        // 10 a day with small noise for 84 days, then 20 a day for the 28 held out: every method fitted on the first
        // part forecasts about 10, i.e. (10 - 20) / 20 = -0.5
        Random random = new Random(3);
        double[] values = Series.of(112, t -> t < 84 ? 10 + random.nextInt(3) - 1 : 20);
        MethodChooser.Choice choice = chooser.choose(DemandSeries.of(values), 7);
        assertThat(choice.bias()).isEqualTo(-0.5, within(0.03));
    }
}
