package io.stockline.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.quarkus.qute.TemplateExtension;

/** How pages write values: a SKU as a path segment, times in UTC to the minute. */
@TemplateExtension
public class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String stamp(OffsetDateTime time) {
        return time == null ? "" : MINUTE.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }
}
