package io.stockline.alert.domain;

import java.time.Instant;

/**
 * One alert per condition: it opens when the condition starts and resolves when it ends. After a resolve, the
 * condition coming back inside the rule's cool-down opens nothing: the subject is held pending, and opens once
 * the cool-down has passed if the condition still holds then, so flapping is quiet and a lasting condition is
 * never lost. A one-shot kind notifies when triggered, at most once per cool-down.
 */
public final class Lifecycle {

    public enum Decision {
        /** Open an alert. */
        OPEN,
        /** Resolve the open alert; the cool-down starts. */
        RESOLVE,
        /** The condition holds inside the cool-down: remember it, open nothing. */
        HOLD,
        /** The condition ended while held: forget it. */
        RELEASE,
        /** Send a one-shot notice; the cool-down starts. */
        NOTIFY,
        /** Nothing changes. */
        NONE
    }

    /** Where a subject stands for one kind. */
    public record State(boolean open, boolean pending, Instant cooldownUntil) {

        public static final State CLEAR = new State(false, false, null);

        boolean coolingDown(Instant now) {
            return cooldownUntil != null && now.isBefore(cooldownUntil);
        }
    }

    private Lifecycle() {
    }

    public static Decision decide(State state, boolean condition, Instant now) {
        if (condition) {
            if (state.open()) {
                return Decision.NONE;
            }
            if (state.coolingDown(now)) {
                return state.pending() ? Decision.NONE : Decision.HOLD;
            }
            return Decision.OPEN;
        }
        if (state.open()) {
            return Decision.RESOLVE;
        }
        return state.pending() ? Decision.RELEASE : Decision.NONE;
    }

    public static Decision decideOneShot(State state, boolean triggered, Instant now) {
        return triggered && !state.coolingDown(now) ? Decision.NOTIFY : Decision.NONE;
    }
}
