package io.stockline.channel.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.stockline.channel.repository.SyncStateRepository.Accepted;
import io.stockline.channel.repository.SyncStateRepository.Due;

/** Due read-backs of queued updates wait for each other until they fill one read call or the oldest is too late. */
class ConfirmGatheringTest {

    private static final Duration GATHER = Duration.ofSeconds(2);

    private static Accepted accepted(String sku, long dueInMillis) {
        return new Accepted(new Due(sku, 5, 1, null, sku, null), 0, Duration.ofMillis(dueInMillis));
    }

    @Test
    void aFewJustDueWaitForMore() {
        List<Accepted> awaiting = List.of(accepted("A", -300), accepted("B", -100), accepted("C", 400));

        assertThat(ChannelWorkers.readyToConfirm(awaiting, 20, GATHER)).isEmpty();
    }

    @Test
    void theOldestDueForTheGatherTimeTakesEveryDueOneButNotThoseNotDue() {
        List<Accepted> awaiting = List.of(accepted("A", -2_000), accepted("B", -100), accepted("C", 400));

        assertThat(ChannelWorkers.readyToConfirm(awaiting, 20, GATHER)).extracting(accepted -> accepted.pair().sku())
                .containsExactly("A", "B");
    }

    @Test
    void enoughDueToFillOneReadCallGoAtOnce() {
        List<Accepted> awaiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            awaiting.add(accepted("SKU-" + i, -10));
        }

        assertThat(ChannelWorkers.readyToConfirm(awaiting, 20, GATHER)).hasSize(20);
        assertThat(ChannelWorkers.readyToConfirm(awaiting.subList(0, 1), 1, GATHER))
                .as("a marketplace that reads one listing a call has nothing to gather").hasSize(1);
    }

    @Test
    void nothingDueNothingRead() {
        assertThat(ChannelWorkers.readyToConfirm(List.of(accepted("A", 50)), 1, Duration.ZERO)).isEmpty();
        assertThat(ChannelWorkers.readyToConfirm(List.of(), 20, GATHER)).isEmpty();
    }
}
