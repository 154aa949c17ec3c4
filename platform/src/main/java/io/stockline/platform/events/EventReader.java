package io.stockline.platform.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads event data as a tolerant reader of the contract: a record of a type deploy/asyncapi.yaml describes must keep
 * to that type's payload schema (so a wrong type or a missing required field is refused with the schema's complaint
 * naming the field, never coerced), while fields it does not know are ignored (producers may add them) and an absent
 * optional field takes its default. Anything it cannot read is a {@link PoisonRecord} naming the event type.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper json;
    private final EventContract contract;

    public EventReader(ObjectMapper json) {
        this.json = tolerant(json);
        this.contract = EventContract.bundled();
    }

    public static ObjectMapper tolerant(ObjectMapper json) {
        return json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    /** Reads {@code payload}, an event of CloudEvent type {@code eventType}, as {@code type}. */
    public <T> T read(String payload, Class<T> type, String eventType) {
        PoisonRecord.require(payload != null && !payload.isBlank(), eventType + " record without a value");
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (Exception e) {
            throw new PoisonRecord("unreadable " + eventType + ": " + e.getMessage(), e);
        }
        PoisonRecord.require(tree != null && tree.isObject(), eventType + " record that is not a JSON object");
        if (contract.knows(eventType)) {
            List<String> violations;
            try {
                violations = contract.violations(eventType, tree);
            } catch (RuntimeException uncheckable) {
                // 1e400 read as a double is Infinity, which the validator cannot compare with an enum's values (fuzz tests)
                throw new PoisonRecord("unreadable " + eventType + ": " + uncheckable.getMessage(), uncheckable);
            }
            PoisonRecord.require(violations.isEmpty(),
                    eventType + " breaks deploy/asyncapi.yaml: " + String.join("; ", violations));
        }
        try {
            T value = json.treeToValue(tree, type);
            PoisonRecord.require(value != null, "empty " + eventType);
            return value;
        } catch (PoisonRecord e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonRecord("unreadable " + eventType + ": " + e.getMessage(), e);
        }
    }
}
