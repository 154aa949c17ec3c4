package io.stockline.simulator.service;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.Marketplace;

/**
 * The way into every marketplace operation: counts the call, applies the fault plan (delay, injected 500 or 429,
 * a timeout answered 504 much later), and otherwise runs the operation. Waiting never blocks a thread.
 */
@ApplicationScoped
public class CallGate {

    private final CallStats stats;
    private final FaultInjector faults;

    public CallGate(CallStats stats, FaultInjector faults) {
        this.stats = stats;
        this.faults = faults;
    }

    /**
     * @param failureAnswer the marketplace's own answer to an injected 500 or 429
     * @param operation     the real work, run only when no failure is injected
     */
    public Uni<Answer> pass(Marketplace marketplace, String operation, Function<FaultKind, Answer> failureAnswer,
            Supplier<Answer> work) {
        stats.call(marketplace, operation);
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
