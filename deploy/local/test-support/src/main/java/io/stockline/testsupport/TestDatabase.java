package io.stockline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

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
}
