package io.stockline.simulator.domain;

import java.util.List;
import java.util.Set;

/**
 * Which calls fail and how: each marketplace call in scope fails with probability {@code failureRate}, with a kind
 * drawn evenly from {@code kinds}; every call in scope is answered {@code delayMillis} late; a TIMEOUT holds the
 * call {@code timeoutMillis} and then answers 504, having applied the call first when {@code applyBeforeTimeout}
 * (the answer lost on the way back). {@code seed} makes the draws repeatable.
 */
public record FaultPlan(double failureRate, List<FaultKind> kinds, long delayMillis, long timeoutMillis,
        boolean applyBeforeTimeout, Set<Marketplace> marketplaces, Long seed) {

    public static final FaultPlan NONE = new FaultPlan(0, List.of(), 0, 0, false, Set.of(), null);

    public boolean covers(Marketplace marketplace) {
        return marketplaces.isEmpty() || marketplaces.contains(marketplace);
    }
}
