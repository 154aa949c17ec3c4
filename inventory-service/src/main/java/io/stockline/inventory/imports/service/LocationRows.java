package io.stockline.inventory.imports.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.LocationType;
import io.stockline.inventory.imports.domain.Cells;
import io.stockline.inventory.imports.domain.Numbered;
import io.stockline.inventory.imports.domain.RowFate;
import io.stockline.inventory.messaging.LocationChangedEvent;
import io.stockline.inventory.repository.Location;
import io.stockline.inventory.repository.KeyLocks;
import io.stockline.inventory.repository.LocationRepository;
import io.stockline.inventory.service.LocationRequest;
import io.stockline.platform.config.Topics;
import io.stockline.platform.outbox.Outbox;
import io.stockline.platform.outbox.OutboxBatch;
import io.stockline.platform.outbox.OutboxEvent;

/**
 * Locations: {@code code, name, type, latitude?, longitude?, priority?, fulfilsOrders?, countries?} (countries as
 * ISO codes separated by semicolons or spaces, e.g. {@code DE;AT}). A new location is created as POST /locations
 * creates one, with its location-changed event in the outbox; an existing one is unchanged when the row says what
 * it holds, and refused otherwise (a change is a PATCH).
 */
@ApplicationScoped
class LocationRows implements RowKind<LocationRequest> {

    private final LocationRepository locations;
    private final KeyLocks locks;
    private final Validator validator;
    private final Outbox outbox;
    private final OutboxBatch outboxBatch;
    private final String locationsTopic;

    LocationRows(LocationRepository locations, Validator validator, Outbox outbox, OutboxBatch outboxBatch,
            Topics topics, KeyLocks locks) {
        this.locks = locks;
        this.locations = locations;
        this.validator = validator;
        this.outbox = outbox;
        this.outboxBatch = outboxBatch;
        this.locationsTopic = topics.locations();
    }

    @Override
    public String name() {
        return "locations";
    }

    @Override
    public Set<String> requiredColumns() {
        return Set.of("code", "name", "type");
    }

    @Override
    public LocationRequest read(Cells cells) {
        LocationRequest request = new LocationRequest(cells.text("code"), cells.text("name"),
                cells.oneOf("type", LocationType.class), cells.number("latitude"), cells.number("longitude"),
                cells.integer("priority"), cells.bool("fulfilsOrders"), cells.list("countries"));
        Requests.validate(validator, request);
        return request.requireOwnStock();
    }

    @Override
    public String identity(LocationRequest row) {
        return row.code();
    }

    @Override
    public String identityColumn() {
        return "code";
    }

    @Override
    public Uni<List<RowFate>> apply(List<Numbered<LocationRequest>> chunk, Run run) {
        List<String> codes = chunk.stream().map(row -> row.value().code()).toList();
        return locations.findAll(codes).chain(found -> {
            Map<String, Location> existing = byCode(found);
            List<Location> created = new ArrayList<>();
            for (Numbered<LocationRequest> row : chunk) {
                if (!existing.containsKey(row.value().code())) {
                    created.add(row.value().toLocation());
                }
            }
            if (run.dryRun() || created.isEmpty()) {
                return Uni.createFrom().item(fates(chunk, existing, Set.of()));
            }
            // the locks POST /locations takes, so a request racing the import finds the location (409), never a 500
            return locks.lockAll(KeyLocks.Scope.LOCATION_CODE, created.stream().map(location -> location.code).toList())
                    .chain(() -> locations.insertAll(created)).chain(inserted -> {
                List<OutboxEvent> events = new ArrayList<>();
                List<String> raced = new ArrayList<>();
                for (Location location : created) {
                    if (inserted.contains(location.code)) {
                        UUID eventId = UUID.randomUUID();
                        events.add(outbox.event(eventId, LocationChangedEvent.TYPE, locationsTopic, location.code,
                                LocationChangedEvent.of(eventId, location)));
                    } else {
                        raced.add(location.code);
                    }
                }
                // A location another request created meanwhile is judged like one that existed before.
                Uni<Map<String, Location>> now = raced.isEmpty() ? Uni.createFrom().item(existing)
                        : locations.findAll(raced).map(late -> {
                            Map<String, Location> all = new HashMap<>(existing);
                            all.putAll(byCode(late));
                            return all;
                        });
                return outboxBatch.addAll(events).chain(() -> now).map(all -> fates(chunk, all, inserted));
            });
        });
    }

    private static Map<String, Location> byCode(List<Location> found) {
        Map<String, Location> map = new HashMap<>();
        found.forEach(l -> map.put(l.code, l));
        return map;
    }

    private static List<RowFate> fates(List<Numbered<LocationRequest>> chunk, Map<String, Location> existing,
            Set<String> inserted) {
        List<RowFate> fates = new ArrayList<>(chunk.size());
        for (Numbered<LocationRequest> row : chunk) {
            LocationRequest request = row.value();
            Location current = inserted.contains(request.code()) ? null : existing.get(request.code());
            if (current == null) {
                fates.add(RowFate.APPLIED);
            } else if (same(current, request.toLocation())) {
                fates.add(RowFate.UNCHANGED);
            } else {
                fates.add(RowFate.rejected("code", "location " + request.code()
                        + " exists with other values: change it with PATCH /locations/{code}"));
            }
        }
        return fates;
    }

    private static boolean same(Location a, Location b) {
        return a.name.equals(b.name) && a.type == b.type && Objects.equals(a.latitude, b.latitude)
                && Objects.equals(a.longitude, b.longitude) && a.priority == b.priority
                && a.fulfilsOrders == b.fulfilsOrders && a.countries.equals(b.countries);
    }
}
