package io.stockline.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at the real broker and database of {@link Infrastructure}, with a fresh database
 * and topic names of its own. Use with {@code @QuarkusTestResource(value = StocklineTestResource.class,
 * initArgs = @ResourceArg(name = "service", value = "inventory"))}. A test class that writes at random (the fuzz tests)
 * adds {@code @ResourceArg(name = "database", value = "<service>_fuzz")}: other arguments start the service again on a
 * database and topics of their own, so nothing it creates (a rule for every SKU at a location, a routing policy)
 * changes what another test class sees.
 */
public class StocklineTestResource implements QuarkusTestResourceLifecycleManager {

    private String service = "service";
    private String databasePrefix;
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        service = initArgs.getOrDefault("service", service);
        databasePrefix = initArgs.getOrDefault("database", service);
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = Infrastructure.get();
        database = infrastructure.createDatabase(databasePrefix);
        return serviceConfig(infrastructure, database, "t" + Infrastructure.shortId() + ".");
    }

    /** The configuration that points one service at the infrastructure, a database, and prefixed topics. */
    public static Map<String, String> serviceConfig(Infrastructure infrastructure, String database, String topicPrefix) {
        Map<String, String> config = new HashMap<>();
        // the broker's address and the tests' Kafka identity (the super user: topics and groups carry the prefix)
        config.putAll(infrastructure.kafkaServiceConfig());
        config.put("quarkus.datasource.reactive.url", infrastructure.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", infrastructure.jdbcUrl(database));
        config.put("quarkus.datasource.username", infrastructure.pgUser());
        config.put("quarkus.datasource.password", infrastructure.pgPassword());
        Infrastructure.TOPICS.forEach((key, topic) -> config.put(key, topicPrefix + topic));
        config.put("stockline.auth.public-key-location", Tokens.publicKey().toString());
        config.put("stockline.secrets.key-location",
                Infrastructure.repositoryRoot().resolve("deploy/local/keys/dev-secrets.key").toString());
        // inventory trusts allocation's own key for the allocation role; allocation signs with it
        config.put("stockline.auth.trusted-services.allocation-service.public-key-location",
                Tokens.allocationPublicKey().toString());
        config.put("stockline.inventory.signing-key-location", Tokens.allocationPrivateKeyFile().toString());
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            Infrastructure.get().dropDatabase(database);
        }
    }
}
