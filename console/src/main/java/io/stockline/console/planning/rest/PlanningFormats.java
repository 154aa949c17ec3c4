package io.stockline.console.planning.rest;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** Forecasts and lead times as a person reads them: one decimal, not the model's sixteen. */
@TemplateExtension(namespace = "plan")
public class PlanningFormats {

    static String oneDecimal(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
