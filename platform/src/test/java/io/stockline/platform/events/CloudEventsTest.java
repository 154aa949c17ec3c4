package io.stockline.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

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
}
