package io.stockline.inventory.planning.domain.forecast;

/**
 * The Syntetos-Boylan classes of a demand series, from the average demand interval (ADI: known days per day with
 * demand) and the squared coefficient of variation of the non-zero sizes (CV^2), cut at ADI 1.32 and CV^2 0.49.
 * Smooth and erratic demand happens most days (smoothing models fit); intermittent and lumpy demand does not
 * (Croston's family fits).
 */
public enum DemandPattern {
    SMOOTH, ERRATIC, INTERMITTENT, LUMPY;

    static final double ADI_CUT = 1.32;
    static final double CV2_CUT = 0.49;

    public boolean intermittent() {
        return this == INTERMITTENT || this == LUMPY;
    }

    public static DemandPattern classify(DemandSeries series) {
        int known = 0;
        int nonZero = 0;
        double sum = 0;
        double sumOfSquares = 0;
        for (int t = 0; t < series.size(); t++) {
            if (!series.known()[t]) {
                continue;
            }
            known++;
            double y = series.values()[t];
            if (y > 0) {
                nonZero++;
                sum += y;
                sumOfSquares += y * y;
            }
        }
        if (nonZero == 0) {
            return known == 0 ? SMOOTH : INTERMITTENT;
        }
        double adi = (double) known / nonZero;
        double mean = sum / nonZero;
        double cv2 = Math.max(0, sumOfSquares / nonZero - mean * mean) / (mean * mean);
        return adi < ADI_CUT ? cv2 < CV2_CUT ? SMOOTH : ERRATIC : cv2 < CV2_CUT ? INTERMITTENT : LUMPY;
    }
}
