package io.stockline.platform.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A native statement run on the connection of the current {@link WithTransaction} or {@link WithConnection} scope
 * (or, in a service still on Hibernate Reactive, of the current Panache session), straight on the Vert.x PostgreSQL
 * client: no Hibernate query object, query plan or result mapping between the statement and its
 * rows. Hibernate Reactive spends several times the database's own time on each native query (about 40 % of the
 * channel connector's CPU at 500 changes/s, session 16); this is for the paths that run many small statements a
 * second. Rows come back as {@code Object[]} of the driver's values, which {@link Rows} turns into the code's types.
 * <p>
 * The text keeps Hibernate's {@code :name} parameters (a name may appear several times); they become PostgreSQL's
 * {@code $n}, once per distinct text. {@code ::} casts and quoted literals are left alone. Unlike a Hibernate query,
 * this does not flush the session first: use it where the transaction changes no managed entity before it.
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

    /** Sets every occurrence of {@code :name}; a name the text does not hold is a mistake of the caller. */
    public NativeSql set(String name, Object value) {
        Integer index = parsed.indexes().get(name);
        if (index == null) {
            throw new IllegalArgumentException("the statement has no parameter :" + name);
        }
        values[index] = value;
        return this;
    }

    /** The rows, each as the driver's column values in order. */
    public Uni<List<Object[]>> rows() {
        return run(NativeSql::toList, HibernateSessions::rows);
    }

    /** The rows' first column. */
    public Uni<List<Object>> column() {
        return rows().map(rows -> rows.stream().map(row -> row[0]).toList());
    }

    /** The number of rows the statement changed. */
    public Uni<Integer> update() {
        return run(RowSet::rowCount, HibernateSessions::update);
    }

    /** On the current scope's connection, else (a service still on Hibernate) on the current Panache session's. */
    private <T> Uni<T> run(Function<RowSet<Row>, T> answer, BiFunction<String, Object[], Uni<T>> onHibernateSession) {
        return Uni.createFrom().deferred(() -> {
            Object[] bound = values.clone();
            SqlConnection scoped = SqlScope.connection();
            if (scoped == null) {
                return onHibernateSession.apply(parsed.text(), bound);
            }
            return scoped.preparedQuery(parsed.text()).execute(Tuple.from(Arrays.asList(bound))).map(answer);
        });
    }

    private static List<Object[]> toList(RowSet<Row> result) {
        List<Object[]> rows = new ArrayList<>(result.size());
        for (Row row : result) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.getValue(i);
            }
            rows.add(values);
        }
        return rows;
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
