package io.stockline.platform.sql;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Turns what a statement returns into the types the code uses, whatever the column's type made the driver choose (a
 * time as OffsetDateTime or LocalDateTime, a number as Integer, Long or BigDecimal). Repositories map each row once,
 * with these, into a record.
 */
public final class Rows {

    private Rows() {
    }

    public static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime local) {
            return local.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("not a time: " + value.getClass());
    }

    public static Instant instant(Object value) {
        OffsetDateTime time = time(value);
        return time == null ? null : time.toInstant();
    }

    public static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return date.toLocalDate();
        }
        throw new IllegalArgumentException("not a date: " + value.getClass());
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID id ? id : UUID.fromString(value.toString());
    }

    public static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    public static long longValue(Object value) {
        return ((Number) value).longValue();
    }

    public static Integer intOrNull(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    public static BigDecimal decimal(Object value) {
        return value == null || value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString());
    }

    public static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public static boolean bool(Object value) {
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }
}
