package io.stockline.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.stockline.testsupport.Infrastructure;

/**
 * The upgrade to the platform's outbox on a database that has alert events waiting in the old one: they get the
 * alerts topic (so the platform relay still publishes them), and an insert now wakes the relay with a NOTIFY.
 */
class OutboxMigrationTest {

    private static final String ALERTS_TOPIC = "alerts";

    private final Infrastructure infrastructure = Infrastructure.get();
    private String database;

    @BeforeEach
    void createDatabase() {
        database = infrastructure.createDatabase("alert");
    }

    @AfterEach
    void dropDatabase() {
        infrastructure.dropDatabase(database);
    }

    @Test
    void pendingRowsGetTheAlertsTopicAndAnInsertNotifiesTheRelay() throws Exception {
        migrate("2");
        try (Connection db = connect(); Statement statement = db.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO outbox (event_id, event_type, message_key, payload)
                    VALUES (gen_random_uuid(), 'io.stockline.alert.opened.v1', 'SKU-1', '{}')""");
        }

        migrate("latest");

        try (Connection db = connect(); Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT topic FROM outbox")) {
                List<String> topics = new ArrayList<>();
                while (rows.next()) {
                    topics.add(rows.getString(1));
                }
                assertThat(topics).containsExactly(ALERTS_TOPIC);
            }

            statement.execute("LISTEN outbox");
            try (Connection other = connect(); Statement insert = other.createStatement()) {
                insert.executeUpdate("""
                        INSERT INTO outbox (event_id, event_type, topic, message_key, payload)
                        VALUES (gen_random_uuid(), 'io.stockline.alert.opened.v1', 'alerts', 'SKU-2', '{}')""");
            }
            PGConnection listener = db.unwrap(PGConnection.class);
            List<String> channels = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] received = listener.getNotifications(200);
                if (received != null) {
                    for (PGNotification notification : received) {
                        channels.add(notification.getName());
                    }
                }
                return !channels.isEmpty();
            });
            assertThat(channels).containsOnly("outbox");
        }
    }

    private void migrate(String target) {
        Flyway.configure()
                .dataSource(infrastructure.jdbcUrl(database), infrastructure.pgUser(), infrastructure.pgPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of("alerts_topic", ALERTS_TOPIC))
                .target(target)
                .load().migrate();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(infrastructure.jdbcUrl(database), infrastructure.pgUser(),
                infrastructure.pgPassword());
    }
}
