package io.stockline.console.overview.rest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Report figures as a person reads them: two decimals with thousands grouped; a missing figure as a dash. */
@TemplateExtension(namespace = "report")
public class OverviewFormats {

    static String amount(BigDecimal value) {
        if (value == null) {
            return "–";
        }
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(value.setScale(2, RoundingMode.HALF_UP));
    }

    /** The plain number the chart reads (no grouping). */
    static String plain(BigDecimal value) {
        return value == null ? "0" : value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
