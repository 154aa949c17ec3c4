package io.stockline.inventory.imports.domain;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.stockline.platform.problem.RuleViolation;

/** Reads typed values out of one CSV row; a cell that does not parse is refused naming its column. */
public record Cells(Map<String, String> row) {

    /** The cell stripped, or null when absent or blank. */
    public String text(String column) {
        String value = row.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public Boolean bool(String column) {
        return parse(column, Cells::parseBool, "true or false");
    }

    public BigDecimal decimal(String column) {
        return parse(column, BigDecimal::new, "a number");
    }

    public Double number(String column) {
        return parse(column, Double::valueOf, "a number");
    }

    public Integer integer(String column) {
        return parse(column, Integer::valueOf, "a whole number");
    }

    public Long whole(String column) {
        return parse(column, Long::valueOf, "a whole number");
    }

    public <E extends Enum<E>> E oneOf(String column, Class<E> type) {
        return parse(column, value -> Enum.valueOf(type, value.toUpperCase()),
                "one of " + Arrays.toString(type.getEnumConstants()));
    }

    /** A list in one cell, its entries separated by semicolons, spaces or commas (a quoted cell may hold commas). */
    public List<String> list(String column) {
        String value = text(column);
        return value == null ? null : List.of(value.split("[;,\\s]+"));
    }

    private <T> T parse(String column, Function<String, T> parser, String expected) {
        String value = text(column);
        if (value == null) {
            return null;
        }
        try {
            return parser.apply(value);
        } catch (RuntimeException e) {
            throw RuleViolation.invalid(column, "not " + expected + ": " + value);
        }
    }

    private static Boolean parseBool(String value) {
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no") || value.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException(value);
    }
}
