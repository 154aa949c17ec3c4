package io.stockline.inventory.service;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.stockline.inventory.repository.ReservationGroupRepository;
import io.stockline.inventory.repository.ReservationGroupRepository.Answer;
import io.stockline.inventory.repository.ReservationGroupRepository.Request;
import io.stockline.platform.config.Topics;
import io.stockline.platform.sql.TransientConflicts;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Group commit for plain reservations. Requests that arrive together are gathered, for {@code window} at most or
 * until {@code maxSize} wait, and sent as one call of {@code reserve_group}: one round trip and one commit for the
 * group, each request still all-or-nothing (a savepoint of its own) and answered on its own, in arrival order (first
 * come, first served). The guard is the conditional UPDATE in SQL, so instances gathering apart never oversell. Two
 * groups that meet in a deadlock (or a serialization failure) abort whole, nothing of them written, and run again.
 */
@ApplicationScoped
public class ReservationGroups {

    /** A request waiting for its group, with the caller to answer on its own Vert.x context. */
    private record Waiting(Request request, UniEmitter<? super Answer> answer, Context caller) {
    }

    private final ReservationGroupRepository repository;
    private final ReservationGroupConfig config;
    private final Vertx vertx;
    private final String topic;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean timerSet;

    public ReservationGroups(ReservationGroupRepository repository, ReservationGroupConfig config, Vertx vertx,
            Topics topics) {
        this.repository = repository;
        this.config = config;
        this.vertx = vertx;
        this.topic = topics.stockChanged();
    }

    /** The answer to {@code request}, once the group it joins has been committed (or has failed). */
    public Uni<Answer> submit(Request request) {
        return Uni.createFrom().emitter(emitter -> {
            List<List<Waiting>> ready;
            synchronized (this) {
                waiting.add(new Waiting(request, emitter, Vertx.currentContext()));
                ready = groupsToSend();
                if (ready.isEmpty() && !timerSet && inFlight < config.maxInFlight()) {
                    timerSet = true;
                    vertx.setTimer(Math.max(1, config.window().toMillis()), id -> windowEnded());
                }
            }
            ready.forEach(this::send);
        });
    }

    private void windowEnded() {
        List<List<Waiting>> ready;
        synchronized (this) {
            timerSet = false;
            ready = groupsToSend(true);
        }
        ready.forEach(this::send);
    }

    private List<List<Waiting>> groupsToSend() {
        return groupsToSend(false);
    }

    /**
     * Full groups always; a partial one when its window has ended. Never more than {@code maxInFlight} at once: the
     * rest keep gathering, and the group that returns sends them.
     */
    private List<List<Waiting>> groupsToSend(boolean windowEnded) {
        List<List<Waiting>> ready = new ArrayList<>();
        while (inFlight < config.maxInFlight()
                && (waiting.size() >= config.maxSize() || (windowEnded && !waiting.isEmpty()))) {
            List<Waiting> group = new ArrayList<>(Math.min(waiting.size(), config.maxSize()));
            while (group.size() < config.maxSize() && !waiting.isEmpty()) {
                group.add(waiting.poll());
            }
            inFlight++;
            ready.add(group);
        }
        return ready;
    }

    private void send(List<Waiting> group) {
        List<Request> requests = group.stream().map(Waiting::request).toList();
        TransientConflicts.retried("reservation group", () -> repository.reserve(requests, topic)).subscribe().with(
                answers -> {
                    sent();
                    for (int i = 0; i < group.size(); i++) {
                        Waiting w = group.get(i);
                        Answer answer = answers.get(i);
                        answerOn(w, () -> w.answer().complete(answer));
                    }
                },
                failure -> {
                    sent();
                    Log.warnf("a group of %d reservations failed: %s", group.size(), failure.toString());
                    for (Waiting w : group) {
                        answerOn(w, () -> w.answer().fail(failure));
                    }
                });
    }

    /** One group fewer in flight: what gathered meanwhile goes now, since waiting longer would gain nothing. */
    private void sent() {
        List<List<Waiting>> ready;
        synchronized (this) {
            inFlight--;
            ready = groupsToSend(true);
        }
        ready.forEach(this::send);
    }

    private static void answerOn(Waiting w, Runnable answer) {
        if (w.caller() == null) {
            answer.run();
        } else {
            w.caller().runOnContext(ignored -> answer.run());
        }
    }
}
