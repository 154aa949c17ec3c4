package io.stockline.allocation.domain;

import java.util.List;

/** Where each part of an order ships from, and what no eligible location holds (to backorder or fail). */
public record AllocationPlan(List<Shipment> shipments, List<OrderPlaced.Line> unfilled) {

    public AllocationPlan {
        shipments = List.copyOf(shipments);
        unfilled = List.copyOf(unfilled);
    }

    /** One parcel: the lines (or parts of lines) one location ships. */
    public record Shipment(String location, List<OrderPlaced.Line> lines) {

        public Shipment {
            lines = List.copyOf(lines);
        }
    }

    public boolean complete() {
        return unfilled.isEmpty();
    }

    public boolean empty() {
        return shipments.isEmpty();
    }
}
