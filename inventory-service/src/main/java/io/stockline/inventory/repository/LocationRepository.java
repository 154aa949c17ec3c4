package io.stockline.inventory.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.domain.LocationType;

@ApplicationScoped
public class LocationRepository implements PanacheRepositoryBase<Location, String> {

    /** The SUPPLIER location showing the dropship supplier's availability, or null before it has one. */
    public Uni<Location> findBySupplier(String supplier) {
        return find("supplier", supplier).firstResult();
    }

    private static final String COLUMNS = "code, name, type, latitude, longitude, priority, fulfils_orders, countries, revision";

    /** Those of the locations that exist, read in one statement as detached rows (not managed by the session). */
    public Uni<List<Location>> findAll(Collection<String> codes) {
        if (codes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT " + COLUMNS + " FROM location WHERE code = ANY(CAST(:codes AS text[]))", Object[].class)
                .setParameter("codes", codes.toArray(String[]::new))
                .getResultList())
                .map(rows -> {
                    List<Location> found = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        Location location = new Location();
                        location.code = (String) row[0];
                        location.name = (String) row[1];
                        location.type = LocationType.valueOf((String) row[2]);
                        location.latitude = row[3] == null ? null : ((Number) row[3]).doubleValue();
                        location.longitude = row[4] == null ? null : ((Number) row[4]).doubleValue();
                        location.priority = ((Number) row[5]).intValue();
                        location.fulfilsOrders = (Boolean) row[6];
                        location.countries = (String) row[7];
                        location.revision = ((Number) row[8]).longValue();
                        found.add(location);
                    }
                    return found;
                });
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
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                INSERT INTO location (code, name, type, latitude, longitude, priority, fulfils_orders, countries)
                SELECT * FROM unnest(CAST(:codes AS text[]), CAST(:names AS text[]), CAST(:types AS text[]),
                                     CAST(:latitudes AS double precision[]), CAST(:longitudes AS double precision[]),
                                     CAST(:priorities AS integer[]), CAST(:fulfils AS boolean[]),
                                     CAST(:countries AS text[]))
                ON CONFLICT (code) DO NOTHING
                RETURNING code""", String.class)
                .setParameter("codes", codes).setParameter("names", names).setParameter("types", types)
                .setParameter("latitudes", latitudes).setParameter("longitudes", longitudes)
                .setParameter("priorities", priorities).setParameter("fulfils", fulfils)
                .setParameter("countries", countries)
                .getResultList())
                .map(HashSet::new);
    }
}
