package io.stockline.allocation.domain;

/** What happens to an order the eligible locations cannot cover in full. */
public enum ShortagePolicy {
    /** Nothing is held; the order is failed. */
    FAIL,
    /** Nothing is held; the whole order waits as a backorder. */
    BACKORDER,
    /** What is there ships now; the rest waits as a backorder. */
    PARTIAL
}
