package io.stockline.inventory.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.repository.MovementGroupRepository;
import io.stockline.inventory.repository.MovementGroupRepository.Answer;
import io.stockline.inventory.repository.MovementGroupRepository.Request;
import io.stockline.platform.config.Topics;
import io.stockline.platform.gathering.RequestGatherer;
import io.stockline.platform.sql.TransientConflicts;
import io.vertx.core.Vertx;

/**
 * Group commit for plain movements, as {@link ReservationGroups} for reservations: movements that arrive together
 * go as one call of {@code move_group}, one round trip and one commit, each answered on its own in arrival order.
 * The guard is the conditional UPDATE in SQL; two groups that meet in a deadlock abort whole and run again.
 */
@ApplicationScoped
public class MovementGroups {

    private final RequestGatherer<Request, Answer> gatherer;

    public MovementGroups(MovementGroupRepository repository, MovementGroupConfig config, Vertx vertx, Topics topics) {
        String topic = topics.stockChanged();
        this.gatherer = new RequestGatherer<>("movement group", vertx,
                config.limits(),
                requests -> TransientConflicts.retried("movement group", () -> repository.move(requests, topic)));
    }

    /** The answer to {@code request}, once the group it joins has been committed (or has failed). */
    public Uni<Answer> submit(Request request) {
        return gatherer.submit(request);
    }
}
