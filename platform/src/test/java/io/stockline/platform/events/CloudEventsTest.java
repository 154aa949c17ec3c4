package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class CloudEventsTest {

    @Test
    void aUuidIdIsItsOwnKeyAndAnyOtherIdGetsAStableOne() {
        UUID id = UUID.randomUUID();
        assertThat(CloudEvents.key(id.toString())).isEqualTo(id);
        assertThat(CloudEvents.key("order-system-42")).isEqualTo(CloudEvents.key("order-system-42"))
                .isNotEqualTo(CloudEvents.key("order-system-43"));
        assertThatThrownBy(() -> CloudEvents.key(" ")).isInstanceOf(PoisonRecord.class);
    }

    @Test
    void derivedIdsAreStableAndDoNotRunPartsTogether() {
        assertThat(CloudEvents.derivedId("o-1", "decided", "1")).isEqualTo(CloudEvents.derivedId("o-1", "decided", "1"));
        assertThat(CloudEvents.derivedId("o-1", "1")).isNotEqualTo(CloudEvents.derivedId("o-11", ""));
    }

    @Test
    void aBatchRecordOfAnotherTypeIsOtherAndOneWithoutATypeIsNot() {
        assertThat(CloudEvents.isOtherType(record("io.stockline.inventory.item-changed.v1", "id-1"),
                "io.stockline.inventory.stock-changed.v1")).isTrue();
        assertThat(CloudEvents.isOtherType(record("io.stockline.inventory.stock-changed.v1", "id-1"),
                "io.stockline.inventory.stock-changed.v1")).isFalse();
        assertThat(CloudEvents.isOtherType(record(null, null), "io.stockline.inventory.stock-changed.v1")).isFalse();
        assertThat(CloudEvents.id(record("any", "id-1"))).isEqualTo("id-1");
        assertThat(CloudEvents.id(record("any", null))).isNull();
    }

    private static ConsumerRecord<String, String> record(String type, String id) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("topic", 0, 0L, "key", "{}");
        if (type != null) {
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        if (id != null) {
            record.headers().add("ce_id", id.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
