package io.stockline.console.purchasing.rest;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/** An API status as a page writes it in a sentence: PARTIALLY_RECEIVED as "partially received". */
@TemplateExtension
public class StatusLabels {

    static String statusLabel(String status) {
        return status == null ? "" : status.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
