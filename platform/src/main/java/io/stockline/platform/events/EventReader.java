package io.stockline.platform.events;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads event data as a tolerant reader: fields it does not know are ignored (producers may add them), a missing
 * value for a primitive is refused (so a record's type decides what is optional). Anything it cannot read is a
 * {@link PoisonRecord} naming the event type.
 */
@ApplicationScoped
public class EventReader {

    private final ObjectMapper json;

    public EventReader(ObjectMapper json) {
        this.json = tolerant(json);
    }

    public static ObjectMapper tolerant(ObjectMapper json) {
        return json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    }

    public <T> T read(String payload, Class<T> type, String eventType) {
        PoisonRecord.require(payload != null && !payload.isBlank(), eventType + " record without a value");
        try {
            T value = json.readValue(payload, type);
            PoisonRecord.require(value != null, "empty " + eventType);
            return value;
        } catch (PoisonRecord e) {
            throw e;
        } catch (Exception e) {
            throw new PoisonRecord("unreadable " + eventType + ": " + e.getMessage(), e);
        }
    }
}
