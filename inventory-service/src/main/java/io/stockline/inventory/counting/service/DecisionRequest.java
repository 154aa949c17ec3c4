package io.stockline.inventory.counting.service;

import jakarta.validation.constraints.Size;

/** POST /counting/tasks/{id}/reject: why (optional). */
public record DecisionRequest(@Size(max = 500) String note) {
}
