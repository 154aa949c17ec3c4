package io.stockline.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.repository.ReservationGroupRepository;
import io.stockline.inventory.repository.ReservationGroupRepository.Answer;
import io.stockline.inventory.repository.ReservationGroupRepository.Request;
import io.stockline.platform.config.Topics;
import io.stockline.platform.gathering.RequestGatherer;
import io.stockline.platform.sql.TransientConflicts;
import io.vertx.core.Vertx;

/**
 * Group commit for plain reservations. Requests that arrive together are gathered ({@link RequestGatherer}: for
 * {@code window} at most or until {@code maxSize} wait, {@code maxInFlight} groups out at once) and sent as one call
 * of {@code reserve_group}: one round trip and one commit for the group, each request still all-or-nothing (a
 * savepoint of its own) and answered on its own, in arrival order (first come, first served). The guard is the
 * conditional UPDATE in SQL, so instances gathering apart never oversell. Two groups that meet in a deadlock (or a
 * serialization failure) abort whole, nothing of them written, and run again.
 */
@ApplicationScoped
public class ReservationGroups {

    private final RequestGatherer<Request, Answer> gatherer;

    public ReservationGroups(ReservationGroupRepository repository, ReservationGroupConfig config, Vertx vertx,
            Topics topics) {
        String topic = topics.stockChanged();
        this.gatherer = new RequestGatherer<>("reservation group", vertx,
                config.limits(),
                requests -> TransientConflicts.retried("reservation group", () -> repository.reserve(requests, topic)));
    }

    /** The answer to {@code request}, once the group it joins has been committed (or has failed). */
    public Uni<Answer> submit(Request request) {
        return gatherer.submit(request);
    }
}
