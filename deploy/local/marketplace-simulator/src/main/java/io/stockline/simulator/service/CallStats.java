package io.stockline.simulator.service;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.domain.FaultKind;
import io.stockline.simulator.domain.Marketplace;

/** Counts what the simulator was asked and how it answered, per marketplace, since start or the last reset. */
@ApplicationScoped
public class CallStats {

    private final Map<String, Map<String, LongAdder>> calls = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rateLimitViolations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> authFailures = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> faults = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> invalidRequests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> revisionCapRefusals = new ConcurrentHashMap<>();
    private volatile Instant since = Instant.now();

    public void call(Marketplace marketplace, String operation) {
        count(calls, marketplace, operation);
    }

    /** A call answered with the marketplace's rate-limit signal (429 or THROTTLED) because of its limit. */
    public void throttled(Marketplace marketplace) {
        counter(throttled, marketplace.pathName()).increment();
    }

    /** A call that arrived while the documented limit was exceeded, whether or not it was refused. */
    public void rateLimitViolation(Marketplace marketplace) {
        counter(rateLimitViolations, marketplace.pathName()).increment();
    }

    public void authFailure(Marketplace marketplace) {
        counter(authFailures, marketplace.pathName()).increment();
    }

    /** A request refused for breaking the marketplace's API document (RequestValidationFilter). */
    public void invalidRequest(Marketplace marketplace) {
        counter(invalidRequests, marketplace.pathName()).increment();
    }

    /** A listing update refused because the listing was revised as often as the marketplace allows in a day (eBay). */
    public void revisionCapRefusal(Marketplace marketplace) {
        counter(revisionCapRefusals, marketplace.pathName()).increment();
    }

    public void fault(Marketplace marketplace, FaultKind kind) {
        count(faults, marketplace, kind.label());
    }

    public Snapshot snapshot() {
        return new Snapshot(since, nested(calls), flat(throttled), flat(rateLimitViolations), flat(authFailures), nested(faults),
                flat(invalidRequests), flat(revisionCapRefusals));
    }

    public void reset() {
        calls.clear();
        throttled.clear();
        rateLimitViolations.clear();
        authFailures.clear();
        faults.clear();
        invalidRequests.clear();
        revisionCapRefusals.clear();
        since = Instant.now();
    }

    private static void count(Map<String, Map<String, LongAdder>> table, Marketplace marketplace, String name) {
        counter(table.computeIfAbsent(marketplace.pathName(), m -> new ConcurrentHashMap<>()), name).increment();
    }

    private static LongAdder counter(Map<String, LongAdder> table, String name) {
        return table.computeIfAbsent(name, n -> new LongAdder());
    }

    private static Map<String, Long> flat(Map<String, LongAdder> table) {
        Map<String, Long> copy = new TreeMap<>();
        table.forEach((name, count) -> copy.put(name, count.sum()));
        return copy;
    }

    private static Map<String, Map<String, Long>> nested(Map<String, Map<String, LongAdder>> table) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        table.forEach((name, inner) -> copy.put(name, flat(inner)));
        return copy;
    }

    /**
     * {@code calls}: marketplace -> operation -> count; {@code throttled}: rate-limit answers given;
     * {@code rateLimitViolations}: calls that came while the limit was exceeded; {@code faultsInjected}: marketplace ->
     * kind (500, 429, TIMEOUT) -> count; {@code invalidRequests}: requests refused for breaking the API document;
     * {@code revisionCapRefusals}: listing updates refused at eBay's daily revision cap.
     */
    public record Snapshot(Instant since, Map<String, Map<String, Long>> calls, Map<String, Long> throttled,
            Map<String, Long> rateLimitViolations, Map<String, Long> authFailures,
            Map<String, Map<String, Long>> faultsInjected, Map<String, Long> invalidRequests,
            Map<String, Long> revisionCapRefusals) {
    }
}
