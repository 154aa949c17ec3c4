package io.stockline.inventory.availability.service;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.availability.domain.Availability;
import io.stockline.inventory.availability.repository.AvailabilityRepository;
import io.stockline.platform.problem.RuleViolation;

/** Answers "is it in stock, and when does it come back?" for one SKU, from one read of the database. */
@ApplicationScoped
public class AvailabilityService {

    private final AvailabilityRepository repository;
    private final AvailabilityConfig config;
    private final Clock clock = Clock.systemUTC();

    public AvailabilityService(AvailabilityRepository repository, AvailabilityConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** {@code location} null means every location. One read, so no transaction and no session. */
    public Uni<Availability.Answer> answer(String sku, String location, long quantity) {
        LocalDate today = LocalDate.now(clock);
        return repository.facts(sku, location, config.transferDays()).map(facts -> {
            if (!facts.known()) {
                throw RuleViolation.unknownPath("sku", "no item " + sku);
            }
            if (location != null && !facts.locationKnown()) {
                throw RuleViolation.notFound("location", "no location " + location).in(RuleViolation.In.QUERY);
            }
            return Availability.answer(quantity, facts.stock(), facts.open(), facts.suppliers(), facts.policies(),
                    today);
        });
    }
}
