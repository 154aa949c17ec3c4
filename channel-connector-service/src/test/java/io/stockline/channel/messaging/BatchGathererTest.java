package io.stockline.channel.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.WebhookStub;
import io.stockline.testsupport.StocklineTestResource;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * The gatherer alone, on an event loop of its own with an apply the test ends: which polls go together, in which
 * order, and failures. (In the application's JVM, the service's own: Mutiny's context propagation is the one Quarkus
 * sets up.)
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "channel"))
@QuarkusTestResource(WebhookStub.class)
class BatchGathererTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    Vertx vertx;

    private final List<List<String>> groups = new CopyOnWriteArrayList<>();
    /** The apply of the group in progress ends when the test completes this. */
    private final AtomicReference<CompletableFuture<Void>> current = new AtomicReference<>();
    private BatchGatherer<String> gatherer;

    @BeforeEach
    void start() {
        gatherer = new BatchGatherer<>(((VertxInternal) vertx).createEventLoopContext(), group -> {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            current.set(applied);
            groups.add(group);
            return Uni.createFrom().completionStage(applied);
        }, 10);
    }

    @Test
    void pollsThatComeWhileAGroupIsAppliedGoTogetherInTheNextInTheirOrder() {
        List<CompletableFuture<Void>> abc = aBeingAppliedWhileBAndCWait();
        assertThat(abc.get(0)).isNotDone();
        assertThat(abc.get(1)).isNotDone();

        current.get().complete(null);
        await().atMost(TIMEOUT).until(abc.get(0)::isDone);
        await().atMost(TIMEOUT).until(() -> groups.size() == 2);
        assertThat(abc.get(1)).isNotDone(); // its group is being applied
        current.get().complete(null);
        await().atMost(TIMEOUT).until(() -> abc.get(1).isDone() && abc.get(2).isDone());

        assertThat(groups).containsExactly(List.of("a"), List.of("b", "c"));
        assertThat(abc.get(0)).isCompleted();
        assertThat(abc.get(2)).isCompleted();
    }

    @Test
    void aFailedGroupFailsEachOfItsPollsAndTheNextGroupIsStillApplied() {
        List<CompletableFuture<Void>> abc = aBeingAppliedWhileBAndCWait();
        current.get().complete(null);
        await().atMost(TIMEOUT).until(() -> groups.size() == 2);
        CompletableFuture<Void> fourth = gatherer.offer("d", 1).subscribeAsCompletionStage();

        current.get().completeExceptionally(new IllegalStateException("the group could not be applied"));
        await().atMost(TIMEOUT).until(() -> abc.get(1).isDone() && abc.get(2).isDone());
        assertThat(abc.get(1)).isCompletedExceptionally();
        assertThat(abc.get(2)).isCompletedExceptionally();

        await().atMost(TIMEOUT).until(() -> groups.size() == 3);
        current.get().complete(null);
        await().atMost(TIMEOUT).until(fourth::isDone);
        assertThat(fourth).isCompleted();
        assertThat(abc.get(0)).isCompleted();
        assertThat(groups).containsExactly(List.of("a"), List.of("b", "c"), List.of("d"));
    }

    @Test
    void itSaysItIsFullOnceTheWaitingRecordsReachTheLimitAndNotOnceTheyAreTaken() {
        gatherer.offer("a", 4);
        await().atMost(TIMEOUT).until(() -> groups.size() == 1);
        assertThat(gatherer.full()).isFalse(); // the ones being applied do not wait
        gatherer.offer("b", 6);
        assertThat(gatherer.full()).isFalse();
        gatherer.offer("c", 4);
        assertThat(gatherer.full()).isTrue();

        current.get().complete(null);
        await().atMost(TIMEOUT).until(() -> groups.size() == 2);
        assertThat(gatherer.full()).isFalse();
    }

    /** Polls a, b and c: a's group is being applied when b and c come. */
    private List<CompletableFuture<Void>> aBeingAppliedWhileBAndCWait() {
        CompletableFuture<Void> first = gatherer.offer("a", 1).subscribeAsCompletionStage();
        await().atMost(TIMEOUT).until(() -> groups.size() == 1);
        return List.of(first, gatherer.offer("b", 1).subscribeAsCompletionStage(),
                gatherer.offer("c", 1).subscribeAsCompletionStage());
    }
}
