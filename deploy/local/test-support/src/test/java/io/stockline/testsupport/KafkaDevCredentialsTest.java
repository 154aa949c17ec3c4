package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * Each service in the dev profile logs in to the local broker as its own user with the password the broker was given
 * (deploy/local/kafka/users.properties): the two copies of a development password cannot drift apart unnoticed.
 */
class KafkaDevCredentialsTest {

    static final List<String> SERVICES = List.of("inventory-service", "channel-connector-service", "allocation-service",
            "alert-service");

    @Test
    void everyServiceLogsInAsItsOwnUserWithThePasswordOfUsersProperties() throws IOException {
        for (String service : SERVICES) {
            Properties config = new Properties();
            try (Reader reader = Files.newBufferedReader(
                    Infrastructure.repositoryRoot().resolve(service + "/src/main/resources/application.properties"))) {
                config.load(reader);
            }
            assertThat(config.getProperty("%dev.kafka.security.protocol")).as(service).isEqualTo("SASL_PLAINTEXT");
            assertThat(config.getProperty("%dev.kafka.sasl.mechanism")).as(service).isEqualTo("SCRAM-SHA-512");
            assertThat(config.getProperty("%dev.kafka.sasl.jaas.config")).as(service).isEqualTo(
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + service
                            + "\" password=\"" + Infrastructure.kafkaPassword(service) + "\";");
            assertThat(config.stringPropertyNames()).as("%s: production takes its credentials from the environment", service)
                    .noneMatch(key -> key.startsWith("%prod.kafka.sasl") || key.startsWith("kafka.sasl"));
        }
    }
}
