package io.stockline.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;

import jakarta.inject.Inject;

import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.testsupport.StocklineTestResource;

/**
 * Hibernate Reactive 3.2 wraps each native select's result mapping in a new object without {@code equals}, so the
 * query plan cache kept one more plan per execution of the same statement, never reused any, and walked them all on
 * each lookup (8 % of the channel connector's CPU at 500 changes a second, session 16, when it was on Hibernate). The
 * platform's configuration turns the cache off for the service still on Hibernate, this one; this shows a
 * statement run many times does not leave a plan per run (it would pass again with the cache on once a plan is really
 * reused).
 */
@QuarkusTest
@QuarkusTestResource(value = StocklineTestResource.class, initArgs = @ResourceArg(name = "service", value = "inventory"))
class QueryPlanCacheTest {

    private static final int RUNS = 20;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void aNativeSelectRunManyTimesLeavesNoPlanPerRun() throws Throwable {
        QueryInterpretationCache cache = interpretationCache();
        int before = cache.getNumberOfCachedQueryPlans();
        for (int run = 0; run < RUNS; run++) {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .flatMap(session -> session.createNativeQuery("SELECT count(*) FROM planning_item", Object[].class)
                            .getResultList())));
        }
        assertThat(cache.getNumberOfCachedQueryPlans() - before)
                .as("plans cached by %d runs of one native select", RUNS).isLessThan(2);
    }

    /** The reactive session factory keeps Hibernate's own, whose query engine holds the cache; no API reaches it. */
    private QueryInterpretationCache interpretationCache() throws IllegalAccessException {
        Object factory = ClientProxy.unwrap(sessions);
        for (Class<?> type = factory.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                field.setAccessible(true);
                if (field.get(factory) instanceof SessionFactoryImplementor hibernate) {
                    return hibernate.getQueryEngine().getInterpretationCache();
                }
            }
        }
        throw new IllegalStateException("no Hibernate session factory inside " + factory.getClass());
    }
}
