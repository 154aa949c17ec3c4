package io.stockline.simulator.service;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.Marketplace;

/**
 * The way into every marketplace operation: counts the call, refuses it when over a limit the operation's own
 * service does not keep (eBay's daily quota, a WooCommerce host's rate: the marketplace's own 429, counted as a
 * violation), applies the fault plan (delay, injected 500 or 429, a timeout answered 504 much later), and otherwise
 * runs the operation. Waiting never blocks a thread.
 */
@ApplicationScoped
public class CallGate {

    private final CallStats stats;
    private final FaultInjector faults;
    private final RateLimits limits;
    private final SimulatorSettings settings;

    public CallGate(CallStats stats, FaultInjector faults, RateLimits limits, SimulatorSettings settings) {
        this.stats = stats;
        this.faults = faults;
        this.limits = limits;
        this.settings = settings;
    }

    /**
     * @param failureAnswer the marketplace's own answer to an injected 500 or 429
     * @param operation     the real work, run only when no failure is injected
     */
    public Uni<Answer> pass(Marketplace marketplace, String operation, Function<FaultKind, Answer> failureAnswer,
            Supplier<Answer> work) {
        stats.call(marketplace, operation);
        if (!limits.allow(marketplace)) {
            stats.rateLimitViolation(marketplace);
            if (settings.enforceRateLimits()) {
                stats.throttled(marketplace);
                return Uni.createFrom().item(failureAnswer.apply(FaultKind.RATE_LIMITED));
            }
        }
        FaultInjector.Decision decision = faults.decide(marketplace);
        Uni<Void> waited = wait(decision.delay());
        if (decision.failure().isEmpty()) {
            return waited.map(nothing -> work.get());
        }
        FaultKind kind = decision.failure().get();
        stats.fault(marketplace, kind);
        if (kind == FaultKind.TIMEOUT) {
            return waited.invoke(nothing -> {
                        if (decision.applyBeforeTimeout()) {
                            work.get(); // applied, but the answer is lost
                        }
                    })
                    .chain(nothing -> wait(decision.timeout()))
                    .map(nothing -> Answer.of(504, "{\"message\":\"simulated timeout\"}"));
        }
        return waited.map(nothing -> failureAnswer.apply(kind));
    }

    private static Uni<Void> wait(Duration duration) {
        Uni<Void> now = Uni.createFrom().voidItem();
        return duration.isZero() || duration.isNegative() ? now : now.onItem().delayIt().by(duration);
    }
}
