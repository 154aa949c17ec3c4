package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class EventReaderTest {

    final EventReader reader = new EventReader(new ObjectMapper());

    static final String STOCK_CHANGED = """
            {"eventId":"7f0e1c1e-7a1b-4a2e-9c1d-2f3e4a5b6c7d","sku":"S","location":"L","version":8,\
            "movementType":%s,"onHand":20,"available":19,"committed":5,"reserved":12,"damaged":0,"qualityControl":0,\
            "safetyStock":0,"incoming":3,"inTransit":0,"occurredAt":"2026-11-17T10:15:30Z"}""";

    @Test
    void aNumberBeyondADoubleInAnEnumFieldIsPoisonNamingTheEventType() {
        // found by the fuzz tests: 1e400 reads as Infinity, which the schema check could not even compare with the
        // enum's values; the exception failed the consumer's whole batch instead of dead-lettering the one record
        assertThatThrownBy(() -> reader.read("{\"sku\":\"S\",\"kind\":1e400}", Map.class, EventTypes.ITEM_CHANGED))
                .isInstanceOf(PoisonRecord.class).hasMessageContaining(EventTypes.ITEM_CHANGED);
        assertThatThrownBy(() -> reader.read("{\"channelId\":\"c\",\"state\":-1e400}", Map.class, EventTypes.SYNC_STATUS))
                .isInstanceOf(PoisonRecord.class).hasMessageContaining(EventTypes.SYNC_STATUS);
    }

    @Test
    void aPayloadThatKeepsToTheContractIsRead() {
        assertThat(reader.read(STOCK_CHANGED.formatted("\"DAMAGE\""), Map.class, EventTypes.STOCK_CHANGED))
                .containsEntry("movementType", "DAMAGE");
    }

    @Test
    void textThatIsNotAJsonObjectIsPoison() {
        assertThatThrownBy(() -> reader.read("[1,2]", Map.class, EventTypes.STOCK_CHANGED))
                .isInstanceOf(PoisonRecord.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> reader.read("{", Map.class, EventTypes.STOCK_CHANGED))
                .isInstanceOf(PoisonRecord.class).hasMessageContaining("unreadable");
    }
}
