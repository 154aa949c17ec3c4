package io.stockline.inventory.planning.domain.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;

/** Each forecast method against series whose future is known. */
class ForecastMethodsTest {

    @Test
    void everyMethodForecastsAConstantAsItIs() {
        DemandSeries constant = DemandSeries.of(Series.constant(120, 10));
        for (ForecastMethod method : new ForecastMethod[] {new MovingAverage(28), new HoltWinters()}) {
            Forecast forecast = method.fit(constant, 14);
            assertThat(Series.list(forecast.daily())).as(method.name()).hasSize(14).allSatisfy(d -> assertThat(d).isEqualTo(10, within(1e-9)));
            assertThat(forecast.residualStdDev()).as(method.name()).isEqualTo(0, within(1e-9));
        }
        // Croston on demand every day: size 10, interval 1 -> 10; SBA (1 - 0.1/2) x 10 = 9.5
        assertThat(Croston.croston().fit(constant, 3).daily()).containsOnly(10.0);
        assertThat(Croston.sba().fit(constant, 3).daily()[0]).isEqualTo(9.5, within(1e-9));
    }

    @Test
    void holtWintersFollowsALinearTrendWhereTheAverageLags() {
        // y = 5 + 0.5 t over t = 0..111; the next days are t = 112.. : 61, 61.5, ..., 64 (h = 7)
        DemandSeries trend = DemandSeries.of(Series.trend(112));
        Forecast forecast = new HoltWinters().fit(trend, 7);
        for (int h = 0; h < 7; h++) {
            // a damped trend (phi < 1) trails a straight line a little: under a unit (< 2 %) over the week
            assertThat(forecast.daily()[h]).as("day " + h).isEqualTo(5 + 0.5 * (112 + h), within(1.0));
        }
        // the 28-day average is the middle of the window: 5 + 0.5 x 97.5 = 53.75, 7.25 behind the next day
        assertThat(new MovingAverage(28).fit(trend, 1).daily()[0]).isEqualTo(53.75, within(1e-9));
    }

    @Test
    void holtWintersLearnsAWeeklySine() {
        DemandSeries sine = DemandSeries.of(Series.of(112, Series::weeklySine));
        Forecast forecast = new HoltWinters().fit(sine, 14);
        for (int h = 0; h < 14; h++) {
            assertThat(forecast.daily()[h]).as("day " + h).isEqualTo(Series.weeklySine(112 + h), within(0.3));
        }
        assertThat(forecast.residualStdDev()).isLessThan(0.5);
        // a flat forecast misses by the sine's amplitude: the average says 20 for each day
        assertThat(new MovingAverage(28).fit(sine, 1).daily()[0]).isEqualTo(20, within(1e-9));
    }

    @Test
    void theYearlyFormTurnsWithTheSeasonWhereWeeklyHoltWintersRunsOn() {
        // 50 + 20 cos(2 pi (t - 499) / 365.25) + the weekly sine - 20: 500 days ending on the yearly peak
        int days = 500;
        IntToDoubleFunction truth = t -> 50 + 20 * Math.cos(2 * Math.PI * (t - (days - 1)) / 365.25)
                + Series.weeklySine(t) - 20;
        DemandSeries yearly = DemandSeries.of(Series.of(days, truth));
        Forecast withYear = new YearlyHoltWinters().fit(yearly, 91);
        Forecast weekOnly = new HoltWinters().fit(yearly, 91);
        // 91 days past the peak the season is down to 50 + 20 cos(2 pi 91 / 365.25) = 50.1 (+ the weekday's sine);
        // the weekly model, at the top with no slope, stays near 70
        double expected = truth.applyAsDouble(days + 90);
        assertThat(withYear.daily()[90]).isEqualTo(expected, within(2.0));
        assertThat(Math.abs(weekOnly.daily()[90] - expected)).isGreaterThan(10);
        assertThat(new YearlyHoltWinters().minimumHistory()).isGreaterThan(365);
    }

    @Test
    void crostonForecastsTheRateOfAnIntermittentSeriesAndSbaRemovesItsBias() {
        // 10 units every 5th day: size 10, interval 5 -> 10 / 5 = 2 a day; SBA: (1 - 0.1 / 2) x 2 = 1.9
        DemandSeries intermittent = DemandSeries.of(Series.everyFifthDay(200));
        Forecast croston = Croston.croston().fit(intermittent, 10);
        Forecast sba = Croston.sba().fit(intermittent, 10);
        assertThat(croston.daily()).containsOnly(2.0);
        assertThat(Series.list(sba.daily())).allSatisfy(d -> assertThat(d).isEqualTo(1.9, within(1e-9)));
        assertThat(sba.daily()[0] / croston.daily()[0]).isEqualTo(0.95, within(1e-9));
        // one-step errors: 4 days of -2 and one of +8 in 5: sqrt((4 x 4 + 64) / 5) = 4
        assertThat(croston.residualStdDev()).isEqualTo(4, within(0.05));
        assertThat(Croston.croston().fit(DemandSeries.of(Series.constant(30, 0)), 2).daily()).containsOnly(0.0);
    }

    @Test
    void stockoutAndPromotionDaysDoNotTeachTheModels() {
        // 10 a day; every 10th day a stockout sold 2 (censored), days 50..54 a promotion sold 30
        double[] values = Series.constant(140, 10);
        boolean[] known = new boolean[140];
        for (int t = 0; t < 140; t++) {
            known[t] = true;
            if (t % 10 == 9) {
                values[t] = 2;
                known[t] = false;
            }
            if (t >= 50 && t < 55 || t >= 130) {
                values[t] = 30;
                known[t] = false;
            }
        }
        DemandSeries series = new DemandSeries(values, known);
        assertThat(new MovingAverage(28).fit(series, 1).daily()[0]).isEqualTo(10, within(1e-9));
        Forecast holtWinters = new HoltWinters().fit(series, 7);
        assertThat(Series.list(holtWinters.daily())).allSatisfy(d -> assertThat(d).isEqualTo(10, within(1e-9)));
        assertThat(holtWinters.residualStdDev()).isEqualTo(0, within(1e-9));
        // read as demand, the same days would pull the average off 10: of the last 28 (112..139) 16 days of 10,
        // 2 stockouts of 2 (119, 129) and 10 promotion days of 30 (130..139): 464 / 28 = 16.57
        DemandSeries naive = DemandSeries.of(values);
        assertThat(new MovingAverage(28).fit(naive, 1).daily()[0]).isEqualTo((16 * 10 + 2 * 2 + 10 * 30) / 28.0, within(1e-9));
    }
}
