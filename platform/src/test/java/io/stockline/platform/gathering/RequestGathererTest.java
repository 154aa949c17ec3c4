package io.stockline.platform.gathering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

class RequestGathererTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<List<Integer>> groups = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** Answers each request with ten times itself, remembering each group as it was sent. */
    private Uni<List<Integer>> timesTen(List<Integer> group) {
        groups.add(group);
        return Uni.createFrom().item(group.stream().map(n -> n * 10).toList());
    }

    private static List<CompletableFuture<Integer>> submitAll(RequestGatherer<Integer, Integer> gatherer, int count) {
        return IntStream.range(0, count).mapToObj(n -> gatherer.submit(n).subscribeAsCompletionStage()).toList();
    }

    private static List<Integer> answers(List<CompletableFuture<Integer>> answers) throws Exception {
        List<Integer> values = new ArrayList<>();
        for (CompletableFuture<Integer> answer : answers) {
            values.add(answer.get(5, TimeUnit.SECONDS));
        }
        return values;
    }

    @Test
    void requestsArrivingWithinTheWindowGoAsOneGroupInArrivalOrderEachAnsweredWithItsOwn() throws Exception {
        RequestGatherer<Integer, Integer> gatherer = new RequestGatherer<>("test group", vertx,
                new RequestGatherer.Limits(Duration.ofMillis(200), 10, 4), this::timesTen);

        List<CompletableFuture<Integer>> answers = submitAll(gatherer, 5);

        assertThat(answers(answers)).containsExactly(0, 10, 20, 30, 40);
        assertThat(groups).containsExactly(List.of(0, 1, 2, 3, 4));
    }

    @Test
    void aFullGroupGoesAtOnceAndTheRestWhenItsWindowEnds() throws Exception {
        RequestGatherer<Integer, Integer> gatherer = new RequestGatherer<>("test group", vertx,
                new RequestGatherer.Limits(Duration.ofMillis(300), 3, 4), this::timesTen);

        List<CompletableFuture<Integer>> answers = submitAll(gatherer, 7);

        assertThat(groups).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5));
        assertThat(answers.get(6)).isNotDone();
        assertThat(answers(answers)).containsExactly(0, 10, 20, 30, 40, 50, 60);
        assertThat(groups).containsExactly(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6));
    }

    @Test
    void aFailedGroupFailsEachOfItsCallersAndNoOther() throws Exception {
        RequestGatherer<Integer, Integer> gatherer = new RequestGatherer<>("test group", vertx,
                new RequestGatherer.Limits(Duration.ofMillis(300), 2, 4), group -> {
                    groups.add(group);
                    return group.contains(2) ? Uni.createFrom().failure(new IllegalStateException("database gone"))
                            : Uni.createFrom().item(group.stream().map(n -> n * 10).toList());
                });

        List<CompletableFuture<Integer>> answers = submitAll(gatherer, 6);

        assertThat(answers.get(0).get(5, TimeUnit.SECONDS)).isZero();
        assertThat(answers.get(1).get(5, TimeUnit.SECONDS)).isEqualTo(10);
        for (int failed : List.of(2, 3)) {
            assertThatThrownBy(() -> answers.get(failed).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("database gone");
        }
        assertThat(answers.get(5).get(5, TimeUnit.SECONDS)).isEqualTo(50);
    }

    @Test
    void aGroupAnsweredWithTheWrongNumberOfAnswersFailsEachCaller() {
        RequestGatherer<Integer, Integer> gatherer = new RequestGatherer<>("test group", vertx,
                // a group of exactly two goes when full, however slowly the second arrives
                new RequestGatherer.Limits(Duration.ofSeconds(30), 2, 4), group -> Uni.createFrom().item(List.of(1)));

        List<CompletableFuture<Integer>> answers = submitAll(gatherer, 2);

        for (CompletableFuture<Integer> answer : answers) {
            assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("a test group of 2 requests was answered with 1 answers");
        }
    }

    @Test
    void neverMoreGroupsOutThanTheBoundAndWhatWaitsGoesWhenOneReturns() throws Exception {
        List<CompletableFuture<Void>> releases = new CopyOnWriteArrayList<>();
        AtomicInteger out = new AtomicInteger();
        AtomicInteger mostOut = new AtomicInteger();
        RequestGatherer<Integer, Integer> gatherer = new RequestGatherer<>("test group", vertx,
                new RequestGatherer.Limits(Duration.ofMillis(1), 2, 1), group -> {
                    groups.add(group);
                    mostOut.accumulateAndGet(out.incrementAndGet(), Math::max);
                    CompletableFuture<Void> release = new CompletableFuture<>();
                    releases.add(release);
                    return Uni.createFrom().completionStage(release).map(ignored -> {
                        out.decrementAndGet();
                        return group.stream().map(n -> n * 10).toList();
                    });
                });

        CompletableFuture<Integer> first = gatherer.submit(0).subscribeAsCompletionStage();
        await().atMost(Duration.ofSeconds(5)).until(() -> releases.size() == 1);
        List<CompletableFuture<Integer>> later = IntStream.range(1, 6)
                .mapToObj(n -> gatherer.submit(n).subscribeAsCompletionStage()).toList();
        assertThat(groups).containsExactly(List.of(0));

        for (int returned = 0; returned < 4; returned++) {
            int sent = returned + 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> releases.size() == sent);
            releases.get(returned).complete(null);
        }

        assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(answers(later)).containsExactly(10, 20, 30, 40, 50);
        assertThat(groups).containsExactly(List.of(0), List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(mostOut).hasValue(1);
    }

    @Test
    void limitsRefuseAnEmptyGroupOrNoGroupOut() {
        assertThatThrownBy(() -> new RequestGatherer.Limits(Duration.ofMillis(1), 0, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestGatherer.Limits(Duration.ofMillis(1), 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
