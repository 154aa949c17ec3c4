package io.stockline.deploy;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Run in a JVM of its own with a Deployment's environment (KafkaSaslEnvironmentTest): prints the Kafka client
 * configuration Quarkus 3.33.2's {@link KafkaRuntimeConfigProducer} derives from it (the default-kafka-broker map every
 * SmallRye Kafka channel starts from), then builds a Kafka producer with it, which loads the JAAS login module, the
 * SCRAM client and the PEM trust store without contacting a broker.
 */
public final class KafkaEnvironmentProbe {

    private KafkaEnvironmentProbe() {
    }

    public static void main(String[] args) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultSources().build();
        ApplicationConfig application = (ApplicationConfig) Proxy.newProxyInstance(KafkaEnvironmentProbe.class.getClassLoader(),
                new Class<?>[] {ApplicationConfig.class}, (proxy, method, a) -> method.getName().equals("name")
                        ? Optional.of("probe") : Optional.empty());
        Map<String, Object> kafka = new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, application);
        new TreeMap<>(kafka).forEach((k, v) -> System.out.println("config " + k + "=" + v));
        Map<String, Object> producer = new HashMap<>(kafka);
        producer.remove("group.id");
        producer.put("key.serializer", StringSerializer.class.getName());
        producer.put("value.serializer", StringSerializer.class.getName());
        producer.put("max.block.ms", 1);
        try (KafkaProducer<String, String> client = new KafkaProducer<>(producer)) {
            System.out.println("producer built");
        }
    }
}
