package io.stockline.testsupport;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a Quarkus test at the real broker and database of {@link Infrastructure}, with a fresh database
 * and topic names of its own. Use with {@code @QuarkusTestResource(value = StocklineTestResource.class,
 * initArgs = @ResourceArg(name = "service", value = "inventory"))}: such a resource is global, one database and one set
 * of topics for all of a module's test classes, started once.
 * <p>
 * A test class that writes at random (the fuzz tests) gets a database and topics of its own, so nothing it creates (a
 * rule for every SKU at a location, a routing policy) changes what another test class sees:
 * {@code @WithTestResource(value = StocklineTestResource.Isolated.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
 * initArgs = {@ResourceArg(name = "service", value = "<service>"), @ResourceArg(name = "database", value =
 * "<service>_fuzz")})}. The global resource starts for that class too; {@link Isolated} starts after it (its
 * {@code order()} is higher), so its configuration is the one the service gets. Quarkus' class orderer runs the class apart from the others, so the
 * service starts once more for it, not once more for each class after it.
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

    /**
     * The resource of a class that must not share the module's database and topics. Its own class because Quarkus
     * orders the resources before it gives them their arguments.
     */
    public static class Isolated extends StocklineTestResource {

        @Override
        public int order() {
            return 1;
        }
    }
}
