package io.stockline.simulator.service;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.FaultPlan;
import io.stockline.simulator.domain.Marketplace;

/** Decides, call by call, whether the current fault plan makes a marketplace call slow or fail. */
@ApplicationScoped
public class FaultInjector {

    private record Active(FaultPlan plan, Random random) {
    }

    private final AtomicReference<Active> active = new AtomicReference<>(new Active(FaultPlan.NONE, new Random()));

    public void plan(FaultPlan plan) {
        active.set(new Active(plan, plan.seed() == null ? new Random() : new Random(plan.seed())));
    }

    public FaultPlan current() {
        return active.get().plan();
    }

    public void clear() {
        plan(FaultPlan.NONE);
    }

    public Decision decide(Marketplace marketplace) {
        Active now = active.get();
        FaultPlan plan = now.plan();
        if (!plan.covers(marketplace)) {
            return Decision.NONE;
        }
        Optional<FaultKind> failure = Optional.empty();
        // one draw at a time, so a seeded plan gives the same answers to the same sequence of calls
        synchronized (now) {
            if (plan.failureRate() > 0 && !plan.kinds().isEmpty() && now.random().nextDouble() < plan.failureRate()) {
                failure = Optional.of(plan.kinds().get(now.random().nextInt(plan.kinds().size())));
            }
        }
        return new Decision(Duration.ofMillis(plan.delayMillis()), failure, Duration.ofMillis(plan.timeoutMillis()),
                plan.applyBeforeTimeout());
    }

    public record Decision(Duration delay, Optional<FaultKind> failure, Duration timeout, boolean applyBeforeTimeout) {
        static final Decision NONE = new Decision(Duration.ZERO, Optional.empty(), Duration.ZERO, false);
    }
}
