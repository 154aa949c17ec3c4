package io.stockline.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The prod overlay's Kafka environment, as a service's Quarkus Kafka client reads it: a JVM started with exactly the
 * KAFKA_* variables of inventory-service's rendered Deployment (the Secret's JAAS line and the CA file stood in for)
 * ends with security.protocol SASL_SSL, SCRAM-SHA-512, that JAAS line and the PEM trust store, and a Kafka producer
 * accepts them. The SCRAM handshake and the ACLs are shown on deploy/local's SASL broker (this module's KafkaAclTest,
 * without TLS); not shown: TLS against a Strimzi broker's cluster CA (no cluster here).
 */
class KafkaSaslEnvironmentTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void kubectl() {
        assumeTrue(Rendered.kubectlPresent(), "kubectl is not installed (.ci/run installs it)");
    }

    @Test
    void quarkusHandsTheKafkaUsersCredentialsAndTheClusterCaToItsKafkaClients() throws Exception {
        Container container = Rendered.overlay("prod").one(Deployment.class, "inventory-service").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"inventory-service\" password=\"s3cret\";";
        Path ca = certificate();

        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (!var.getName().startsWith("KAFKA_")) {
                continue;
            }
            if (var.getName().equals("KAFKA_BOOTSTRAP_SERVERS")) {
                env.put(var.getName(), "127.0.0.1:1"); // the stockline ConfigMap's address; never contacted
            } else if (var.getValueFrom() != null) {
                assertThat(var.getName()).isEqualTo("KAFKA_SASL_JAAS_CONFIG");
                assertThat(var.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("sasl.jaas.config");
                env.put(var.getName(), jaas);
            } else if (var.getName().equals("KAFKA_SSL_TRUSTSTORE_LOCATION")) {
                env.put(var.getName(), ca.toString()); // the mounted ca.crt of stockline-cluster-ca-cert
            } else {
                env.put(var.getName(), var.getValue());
            }
        }
        assertThat(env).containsKeys("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_JAAS_CONFIG",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_BOOTSTRAP_SERVERS");

        Map<String, String> config = probe(env);
        assertThat(config).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", jaas)
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toString())
                .containsEntry("bootstrap.servers", "127.0.0.1:1");
    }

    @Test
    void withoutTheVariablesTheClientStaysOnPlaintext() throws Exception {
        Map<String, String> config = probe(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1"));
        assertThat(config).doesNotContainKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");
    }

    private Map<String, String> probe(Map<String, String> env) throws IOException, InterruptedException {
        Path out = dir.resolve("probe-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KafkaEnvironmentProbe.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).as("a producer accepts the configuration").contains("producer built");
        Map<String, String> config = new HashMap<>();
        lines.stream().filter(l -> l.startsWith("config ")).map(l -> l.substring(7))
                .forEach(l -> config.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return config;
    }

    /** A self-signed CA certificate in PEM, as Strimzi's ca.crt is (keytool: in every JDK). */
    private Path certificate() throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.crt");
        run(keytool.toString(), "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=cluster-ca",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-ext", "bc=ca:true");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        return pem;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
