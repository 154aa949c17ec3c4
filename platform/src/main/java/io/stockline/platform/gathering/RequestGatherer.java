package io.stockline.platform.gathering;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Function;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Gathers requests that arrive together into groups sent as one call (one round trip, one commit), and answers each
 * caller on its own. A group goes when {@code maxSize} wait, or when the window of its first request ends; never more
 * than {@code maxInFlight} groups are out at once, the rest keep gathering and go as soon as a group returns (it is
 * the bound, not the window, that held them). Requests go in arrival order and each group's answers come back in the
 * order of its requests, so the first to come is the first served. A failed group fails each of its callers, who
 * retry as they would a single call; a request never waits on more than one group's call.
 *
 * <p>Each caller is answered on the Vert.x context it submitted from (its database session and trace live there).
 *
 * @param <Q> a request
 * @param <A> the answer to one request
 */
public final class RequestGatherer<Q, A> {

    /** How requests are gathered: the first waits {@code window} at most, {@code maxSize} per group, {@code maxInFlight} groups out at once. */
    public record Limits(Duration window, int maxSize, int maxInFlight) {

        public Limits {
            if (maxSize < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException("a group holds one request at least and one group is out at least");
            }
        }

        /** No bound on the groups out at once: each goes when full or at the end of its window. */
        public static Limits unboundedInFlight(Duration window, int maxSize) {
            return new Limits(window, maxSize, Integer.MAX_VALUE);
        }

        boolean boundedInFlight() {
            return maxInFlight != Integer.MAX_VALUE;
        }
    }

    private record Waiting<Q, A>(Q request, UniEmitter<? super A> answer, Context caller) {

        void settle(A item, Throwable failure) {
            Runnable settle = failure == null ? () -> answer.complete(item) : () -> answer.fail(failure);
            if (caller == null) {
                settle.run();
            } else {
                caller.runOnContext(ignored -> settle.run());
            }
        }
    }

    private final String what;
    private final Vertx vertx;
    private final Limits limits;
    private final Function<List<Q>, Uni<List<A>>> send;
    private final Queue<Waiting<Q, A>> waiting = new ArrayDeque<>();
    private int inFlight;
    private long windowTimer = -1;

    /**
     * @param what names a group in the log ("reservation group")
     * @param send sends one group; its answers are in the order of the requests, one each, and its failure fails
     *         every caller of the group
     */
    public RequestGatherer(String what, Vertx vertx, Limits limits, Function<List<Q>, Uni<List<A>>> send) {
        this.what = what;
        this.vertx = vertx;
        this.limits = limits;
        this.send = send;
    }

    /** The answer to {@code request}, once the group it joins has been answered (or has failed). */
    public Uni<A> submit(Q request) {
        return Uni.createFrom().emitter(emitter -> {
            List<List<Waiting<Q, A>>> ready;
            synchronized (this) {
                waiting.add(new Waiting<>(request, emitter, Vertx.currentContext()));
                ready = groupsToSend(false);
            }
            ready.forEach(this::send);
        });
    }

    private void windowEnded() {
        List<List<Waiting<Q, A>>> ready;
        synchronized (this) {
            windowTimer = -1;
            ready = groupsToSend(true);
        }
        ready.forEach(this::send);
    }

    /**
     * Full groups always, a partial one when its window has ended, never beyond the bound. Called holding the lock;
     * leaves a window running exactly while requests wait and a group could go.
     */
    private List<List<Waiting<Q, A>>> groupsToSend(boolean windowEnded) {
        List<List<Waiting<Q, A>>> ready = new ArrayList<>();
        while (inFlight < limits.maxInFlight()
                && (waiting.size() >= limits.maxSize() || (windowEnded && !waiting.isEmpty()))) {
            List<Waiting<Q, A>> group = new ArrayList<>(Math.min(waiting.size(), limits.maxSize()));
            while (group.size() < limits.maxSize() && !waiting.isEmpty()) {
                group.add(waiting.poll());
            }
            inFlight++;
            ready.add(group);
        }
        if (waiting.isEmpty() && windowTimer != -1) {
            vertx.cancelTimer(windowTimer);
            windowTimer = -1;
        } else if (!waiting.isEmpty() && windowTimer == -1 && inFlight < limits.maxInFlight()) {
            windowTimer = vertx.setTimer(Math.max(1, limits.window().toMillis()), ignored -> windowEnded());
        }
        return ready;
    }

    private void send(List<Waiting<Q, A>> group) {
        List<Q> requests = group.stream().map(Waiting::request).toList();
        Uni.createFrom().deferred(() -> send.apply(requests)).subscribe().with(
                answers -> {
                    returned();
                    if (answers == null || answers.size() != group.size()) {
                        failEach(group, new IllegalStateException("a " + what + " of " + group.size()
                                + " requests was answered with " + (answers == null ? "no" : answers.size())
                                + " answers"));
                        return;
                    }
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).settle(answers.get(i), null);
                    }
                },
                failure -> {
                    returned();
                    failEach(group, failure);
                });
    }

    private void failEach(List<Waiting<Q, A>> group, Throwable failure) {
        Log.warnf("a %s of %d requests failed: %s", what, group.size(), failure.toString());
        group.forEach(w -> w.settle(null, failure));
    }

    /** One group fewer out: with a bound, what gathered meanwhile goes now, since waiting longer would gain nothing. */
    private void returned() {
        List<List<Waiting<Q, A>>> ready;
        synchronized (this) {
            inFlight--;
            ready = groupsToSend(limits.boundedInFlight());
        }
        ready.forEach(this::send);
    }
}
