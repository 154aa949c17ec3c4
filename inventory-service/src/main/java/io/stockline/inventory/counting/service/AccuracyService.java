package io.stockline.inventory.counting.service;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.Accuracy;
import io.stockline.inventory.counting.domain.Tolerance;
import io.stockline.inventory.counting.repository.CountTaskRepository;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.platform.problem.RuleViolation;

/** Inventory accuracy per month, by class or by location, from the approved counts. */
@ApplicationScoped
public class AccuracyService {

    public enum By {
        CLASS, LOCATION
    }

    public record Report(By by, LocalDate from, LocalDate to, String location, Tolerance tolerance,
            List<Accuracy.Period> periods) {
    }

    private final CountTaskRepository tasks;
    private final LocationRepository locations;
    private final CountingConfig config;

    public AccuracyService(CountTaskRepository tasks, LocationRepository locations, CountingConfig config) {
        this.tasks = tasks;
        this.locations = locations;
        this.config = config;
    }

    @WithConnection
    public Uni<Report> report(LocalDate from, LocalDate to, By by, String location) {
        Tolerance tolerance = config.accuracy().tolerance();
        Uni<Void> known = location == null ? Uni.createFrom().voidItem()
                : locations.findById(location).onItem().ifNull()
                        .failWith(() -> RuleViolation.notFound("location", "no location " + location)
                                .in(RuleViolation.In.QUERY))
                        .replaceWithVoid();
        return known.chain(() -> tasks.approvedCounts(from, to, location)).map(counts -> new Report(by, from, to,
                location, tolerance, Accuracy.byMonth(counts.stream().map(c -> new Accuracy.Count(
                        by == By.CLASS ? c.abcClass().name() : c.location(), c.countedOn(), c.counted(), c.expected(),
                        c.unitCost())).toList(), tolerance)));
    }
}
