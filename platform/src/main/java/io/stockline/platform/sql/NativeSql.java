package io.stockline.platform.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * A statement run on the connection of the current {@link WithTransaction} or {@link WithConnection} scope, straight
 * on the Vert.x PostgreSQL client, prepared once per connection: no ORM between the statement and its rows (Hibernate
 * Reactive spent several times the database's own time on each native query, about 40 % of the channel connector's
 * CPU at 500 changes/s, session 16). Rows come back as {@code Object[]} of the driver's values (numeric as
 * BigDecimal), which {@link Rows} turns into the code's types. Outside a scope a statement is refused: which
 * connection and transaction it runs in is always the caller's decision.
 * <p>
 * The text names its parameters {@code :name} (a name may appear several times); they become PostgreSQL's
 * {@code $n}, once per distinct text. {@code ::} casts and quoted literals are left alone.
 */
public final class NativeSql {

    private static final Map<String, Parsed> PARSED = new ConcurrentHashMap<>();

    private final Parsed parsed;
    private final Object[] values;

    private NativeSql(Parsed parsed) {
        this.parsed = parsed;
        this.values = new Object[parsed.indexes().size()];
    }

    /** The statement, its parameters not yet set (each one left unset is bound as null). */
    public static NativeSql of(String sql) {
        return new NativeSql(PARSED.computeIfAbsent(sql, NativeSql::parse));
    }

    /** Sets every occurrence of {@code :name}; a name the text does not hold, or a list for a value, is a mistake. */
    public NativeSql set(String name, Object value) {
        Integer index = parsed.indexes().get(name);
        if (index == null) {
            throw new IllegalArgumentException("the statement has no parameter :" + name);
        }
        if (value instanceof Collection<?>) {
            // PostgreSQL takes a list as one array parameter: = ANY(CAST(:name AS text[])) bound with an array
            throw new IllegalArgumentException(":" + name + " is a collection; bind an array");
        }
        values[index] = value;
        return this;
    }

    /** The rows, each as the driver's column values in order. */
    public Uni<List<Object[]>> rows() {
        return list(row -> row);
    }

    /** The rows, each turned by {@code mapper} as it is read: no list of {@code Object[]} in between. */
    public <T> Uni<List<T>> list(Function<Object[], T> mapper) {
        return run(result -> {
            List<T> rows = new ArrayList<>(result.size());
            for (Row row : result) {
                rows.add(mapper.apply(values(row)));
            }
            return rows;
        });
    }

    /** The first row turned by {@code mapper}, or null when there is none (a look-up that may find nothing). */
    public <T> Uni<T> first(Function<Object[], T> mapper) {
        return run(result -> {
            RowIterator<Row> rows = result.iterator();
            return rows.hasNext() ? mapper.apply(values(rows.next())) : null;
        });
    }

    /** The rows' first column. */
    public Uni<List<Object>> column() {
        return list(row -> row[0]);
    }

    /** The rows' first column, each value of the given type (or null). */
    public <T> Uni<List<T>> column(Class<T> type) {
        return list(row -> type.cast(row[0]));
    }

    /** The number of rows the statement changed. */
    public Uni<Integer> update() {
        return run(RowSet::rowCount);
    }

    /** On the current scope's connection, with the values as they are when the statement runs. */
    private <T> Uni<T> run(Function<RowSet<Row>, T> answer) {
        return Uni.createFrom().deferred(() -> {
            SqlConnection scoped = SqlScope.connection();
            if (scoped == null) {
                return Uni.createFrom().failure(new IllegalStateException("a statement outside a database scope"
                        + " (@WithTransaction, @WithConnection or Transactions): " + parsed.text()));
            }
            return scoped.preparedQuery(parsed.text()).execute(Tuple.from(Arrays.asList(values))).map(answer);
        });
    }

    private static Object[] values(Row row) {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = row.getValue(i);
            // the driver's own number type for numeric columns; the code reads BigDecimal, as from JDBC
            values[i] = value instanceof Numeric numeric ? numeric.bigDecimalValue() : value;
        }
        return values;
    }

    /** The statement in PostgreSQL's form, and each parameter's position (0-based) by name. */
    record Parsed(String text, Map<String, Integer> indexes) {
    }

    static Parsed parse(String sql) {
        StringBuilder text = new StringBuilder(sql.length());
        Map<String, Integer> indexes = new LinkedHashMap<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') { // a literal or a quoted name, copied whole
                int end = sql.indexOf(c, i + 1);
                end = end < 0 ? sql.length() : end + 1;
                text.append(sql, i, end);
                i = end;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                text.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                int index = indexes.computeIfAbsent(name, unused -> indexes.size());
                text.append('$').append(index + 1);
                i = end;
            } else {
                text.append(c);
                i++;
            }
        }
        return new Parsed(text.toString(), Map.copyOf(indexes));
    }

    @Override
    public String toString() {
        return parsed.text() + " " + Arrays.toString(values);
    }
}
