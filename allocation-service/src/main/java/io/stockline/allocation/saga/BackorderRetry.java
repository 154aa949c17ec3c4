package io.stockline.allocation.saga;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/** Now and then, backorders whose SKUs gained stock are planned and reserved again (any instance; one wins each). */
@ApplicationScoped
public class BackorderRetry {

    private static final int BATCH = 100;

    private final OrderAllocationSaga allocation;

    public BackorderRetry(OrderAllocationSaga allocation) {
        this.allocation = allocation;
    }

    @Scheduled(every = "${stockline.allocation.backorder-retry-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return allocation.retryBackorders(BATCH);
    }
}
