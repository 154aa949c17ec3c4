package io.stockline.channel.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncStateTest {

    @Test
    void disabledComesFirstThenTheCircuitThenFailuresThenLag() {
        assertThat(SyncState.of(false, true, 9, 3, 5, 999, 60)).isEqualTo(SyncState.DISABLED);
        assertThat(SyncState.of(true, true, 9, 3, 5, 999, 60)).isEqualTo(SyncState.CIRCUIT_OPEN);
        assertThat(SyncState.of(true, false, 3, 3, 5, 999, 60)).isEqualTo(SyncState.FAILING);
        assertThat(SyncState.of(true, false, 2, 3, 5, 61, 60)).isEqualTo(SyncState.LAGGING);
        assertThat(SyncState.of(true, false, 2, 3, 5, 60, 60)).isEqualTo(SyncState.OK);
        assertThat(SyncState.of(true, false, 0, 3, 0, 999, 60)).isEqualTo(SyncState.OK);
    }
}
