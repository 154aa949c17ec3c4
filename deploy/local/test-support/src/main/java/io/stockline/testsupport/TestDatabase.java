package io.stockline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The running {@code @QuarkusTest}'s database over plain JDBC (its {@code quarkus.datasource.jdbc.url}, user and
 * password), for looking at rows beside the service and setting up what no API sets.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** Runs one statement, its {@code ?} bound to the parameters as text. */
    public static void execute(String sql, String... parameters) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = prepared(db, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    /** The first column of the first row as text; null without a row. */
    public static String query(String sql, String... parameters) throws SQLException {
        try (Connection db = connect(); PreparedStatement statement = prepared(db, sql, parameters);
                ResultSet row = statement.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static PreparedStatement prepared(Connection db, String sql, String... parameters) throws SQLException {
        PreparedStatement statement = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }

    /**
     * Every value of a text column (text, varchar, char, json, jsonb) of the service's tables, Flyway's history aside,
     * that contains {@code fragment} (letters, digits and dashes only): what a test looks for when it asks whether any
     * row names something.
     */
    public static List<String> textsContaining(String fragment) throws SQLException {
        if (!fragment.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("letters, digits and dashes only: " + fragment);
        }
        List<String> found = new ArrayList<>();
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')"
                    + " AND table_name NOT LIKE 'flyway%'")) {
                while (rows.next()) {
                    columns.add(new String[] { rows.getString(1), rows.getString(2) });
                }
            }
            for (String[] column : columns) {
                try (ResultSet rows = statement.executeQuery("SELECT \"" + column[1] + "\"::text FROM \"" + column[0] + "\" WHERE \""
                        + column[1] + "\"::text LIKE '%" + fragment + "%'")) {
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                }
            }
        }
        return found;
    }
}
