package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.stockline.platform.events.EventContract;

/**
 * The producer half of the event contract, for one service: every record it sent on the channels its operations in
 * deploy/asyncapi.yaml send must carry a type those operations list, CloudEvent headers that keep to the message's
 * header schema, and a payload that keeps to the message's schema read strictly (a field the document does not name
 * is a violation, as is a missing required one); and every type the operations list must have been seen.
 */
public final class ProducerContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final EventContract contract = EventContract.bundled();

    public ProducerContract(String service) {
        this.service = service;
    }

    /** The channel addresses the service sends on (the default topic names). */
    public Set<String> addresses() {
        return contract.exchanges(service, "send").stream().map(EventContract.Exchange::address)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Checks every record (as a {@link KafkaProbe} received them) and that each type the service sends is among them.
     *
     * @param addressOfTopic the channel address of a topic the test read (tests put topics under a prefix)
     */
    public void assertKept(List<KafkaProbe.Received> records, Function<String, String> addressOfTopic) {
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (KafkaProbe.Received record : records) {
            String address = addressOfTopic.apply(record.topic());
            String type = record.header("ce_type");
            Set<String> allowed = contract.exchanges(service, "send").stream()
                    .filter(exchange -> exchange.address().equals(address)).map(EventContract.Exchange::type)
                    .collect(Collectors.toSet());
            String where = record.topic() + " " + type + " " + record.value();
            if (!allowed.contains(type)) {
                violations.add(where + ": the document lists " + allowed + " for " + service + " on " + address);
                continue;
            }
            seen.add(type);
            ObjectNode headers = JSON.createObjectNode();
            record.headers().forEach((name, value) -> {
                if (name.startsWith("ce_")) {
                    headers.put(name, value);
                }
            });
            contract.headerViolations(type, headers).forEach(problem -> violations.add(where + ": header " + problem));
            try {
                JsonNode payload = JSON.readTree(record.value());
                contract.strictViolations(type, payload).forEach(problem -> violations.add(where + ": " + problem));
            } catch (Exception e) {
                violations.add(where + ": not JSON: " + e.getMessage());
            }
        }
        assertThat(violations).as("records " + service + " sent that break deploy/asyncapi.yaml").isEmpty();
        Set<String> promised = contract.exchanges(service, "send").stream().map(EventContract.Exchange::type)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).as("the types " + service + " sent (" + records.size() + " records)").containsAll(promised);
    }

    /**
     * Waits (a minute at most) until {@code probe}, watching {@code topics}, has seen every type the service sends,
     * then checks every record it saw.
     */
    public void awaitKept(KafkaProbe probe, List<String> topics, TopicNames names) {
        Set<String> promised = contract.exchanges(service, "send").stream().map(EventContract.Exchange::type)
                .collect(Collectors.toCollection(TreeSet::new));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                topics.stream().flatMap(topic -> probe.on(topic).stream()).map(record -> record.header("ce_type")))
                .as("the types " + service + " sent").containsAll(promised));
        assertKept(topics.stream().flatMap(topic -> probe.on(topic).stream()).toList(), names::address);
    }
}
