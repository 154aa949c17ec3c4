package io.stockline.inventory.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.LocationType;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

@ApplicationScoped
public class LocationRepository {

    private static final String COLUMNS = "code, name, type, latitude, longitude, priority, fulfils_orders, countries,"
            + " revision, supplier, created_at";

    public Uni<Location> findById(String code) {
        return one(NativeSql.of("SELECT " + COLUMNS + " FROM location WHERE code = :code").set("code", code));
    }

    /** The SUPPLIER location showing the dropship supplier's availability, or null before it has one. */
    public Uni<Location> findBySupplier(String supplier) {
        return one(NativeSql.of("SELECT " + COLUMNS + " FROM location WHERE supplier = :supplier LIMIT 1")
                .set("supplier", supplier));
    }

    /** Every location, by code. */
    public Uni<List<Location>> listAll() {
        return all(NativeSql.of("SELECT " + COLUMNS + " FROM location ORDER BY code"));
    }

    /** Those of the locations that exist, read in one statement. */
    public Uni<List<Location>> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return all(NativeSql.of("SELECT " + COLUMNS + " FROM location WHERE code = ANY(CAST(:codes AS text[]))")
                .set("codes", codes.toArray(String[]::new)));
    }

    /** Inserts the location; {@code createdAt} is the database's. */
    public Uni<Location> persist(Location location) {
        return NativeSql.of("""
                INSERT INTO location (code, name, type, latitude, longitude, priority, fulfils_orders, countries,
                                      revision, supplier)
                VALUES (:code, :name, :type, :latitude, :longitude, :priority, :fulfils, :countries, :revision,
                        :supplier)
                RETURNING created_at""")
                .set("code", location.code).set("name", location.name).set("type", location.type.name())
                .set("latitude", location.latitude).set("longitude", location.longitude)
                .set("priority", location.priority).set("fulfils", location.fulfilsOrders)
                .set("countries", location.countries).set("revision", location.revision)
                .set("supplier", location.supplier)
                .column()
                .map(created -> {
                    location.createdAt = Rows.time(created.get(0));
                    return location;
                });
    }

    /** Writes what a change of the location may touch (code, type and supplier never change). */
    public Uni<Void> update(Location location) {
        return NativeSql.of("""
                UPDATE location SET name = :name, latitude = :latitude, longitude = :longitude, priority = :priority,
                                    fulfils_orders = :fulfils, countries = :countries, revision = :revision
                WHERE code = :code""")
                .set("name", location.name).set("latitude", location.latitude).set("longitude", location.longitude)
                .set("priority", location.priority).set("fulfils", location.fulfilsOrders)
                .set("countries", location.countries).set("revision", location.revision).set("code", location.code)
                .update().replaceWithVoid();
    }

    private static Uni<Location> one(NativeSql query) {
        return query.first(LocationRepository::location);
    }

    private static Uni<List<Location>> all(NativeSql query) {
        return query.rows().map(rows -> {
            List<Location> found = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                found.add(location(row));
            }
            return found;
        });
    }

    private static Location location(Object[] row) {
        Location location = new Location();
        location.code = (String) row[0];
        location.name = (String) row[1];
        location.type = LocationType.valueOf((String) row[2]);
        location.latitude = row[3] == null ? null : ((Number) row[3]).doubleValue();
        location.longitude = row[4] == null ? null : ((Number) row[4]).doubleValue();
        location.priority = ((Number) row[5]).intValue();
        location.fulfilsOrders = Rows.bool(row[6]);
        location.countries = (String) row[7];
        location.revision = Rows.longValue(row[8]);
        location.supplier = (String) row[9];
        location.createdAt = Rows.time(row[10]);
        return location;
    }

    /** Inserts new locations in one statement; one another request created meanwhile is left as it is. Returns the codes inserted. */
    public Uni<Set<String>> insertAll(List<Location> locations) {
        if (locations.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        int size = locations.size();
        String[] codes = new String[size];
        String[] names = new String[size];
        String[] types = new String[size];
        Double[] latitudes = new Double[size];
        Double[] longitudes = new Double[size];
        Integer[] priorities = new Integer[size];
        Boolean[] fulfils = new Boolean[size];
        String[] countries = new String[size];
        for (int i = 0; i < size; i++) {
            Location l = locations.get(i);
            codes[i] = l.code;
            names[i] = l.name;
            types[i] = l.type.name();
            latitudes[i] = l.latitude;
            longitudes[i] = l.longitude;
            priorities[i] = l.priority;
            fulfils[i] = l.fulfilsOrders;
            countries[i] = l.countries;
        }
        return NativeSql.of("""
                INSERT INTO location (code, name, type, latitude, longitude, priority, fulfils_orders, countries)
                SELECT * FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:types AS text[]),
                                     CAST(:latitudes AS double precision[]), CAST(:longitudes AS double precision[]),
                                     CAST(:priorities AS integer[]), CAST(:fulfils AS boolean[]),
                                     CAST(:countries AS text[]))
                ON CONFLICT (code) DO NOTHING
                RETURNING code""")
                .set("codes", codes).set("names", names).set("types", types)
                .set("latitudes", latitudes).set("longitudes", longitudes)
                .set("priorities", priorities).set("fulfils", fulfils)
                .set("countries", countries)
                .column(String.class)
                .map(HashSet::new);
    }
}
