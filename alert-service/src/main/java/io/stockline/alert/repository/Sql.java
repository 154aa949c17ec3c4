package io.stockline.alert.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Turns what a native query returns into the types the code uses, whatever the driver chose. */
final class Sql {

    private Sql() {
    }

    static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time: " + value.getClass());
    }

    static Instant instant(Object value) {
        OffsetDateTime time = time(value);
        return time == null ? null : time.toInstant();
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        throw new IllegalArgumentException("not a date: " + value.getClass());
    }

    static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** '' for the unused parts of a subject key. */
    static String part(String value) {
        return value == null ? "" : value;
    }

    static String orNull(String part) {
        return part == null || part.isEmpty() ? null : part;
    }
}
