package io.stockline.alert.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.stockline.alert.domain.Alert;
import io.stockline.alert.repository.AlertRepository;
import io.stockline.platform.problem.RuleViolation;

/** Alerts as people see them, and their acknowledgement. */
@ApplicationScoped
public class AlertQueryService {

    private final AlertRepository alerts;

    public AlertQueryService(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @WithTransaction
    public Uni<List<Alert>> list(AlertRepository.Filter filter) {
        return alerts.list(filter);
    }

    @WithTransaction
    public Uni<Alert> find(UUID id) {
        return alerts.find(id).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no alert " + id));
    }

    /** Marks the alert seen; the first acknowledgement (who, when) stands, so a repeat changes nothing. */
    @WithTransaction
    public Uni<Alert> acknowledge(UUID id, String by) {
        return alerts.acknowledge(id, by).onItem().ifNull().failWith(() -> RuleViolation.unknownPath("id", "no alert " + id));
    }
}
