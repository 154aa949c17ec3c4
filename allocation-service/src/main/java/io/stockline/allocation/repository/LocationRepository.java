package io.stockline.allocation.repository;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.FulfilmentLocation;
import io.stockline.platform.sql.NativeSql;

/** The read model of inventory.locations; the highest revision seen wins. */
@ApplicationScoped
public class LocationRepository {

    public Uni<Void> apply(FulfilmentLocation location, long revision) {
        return NativeSql.of("""
                INSERT INTO location (code, latitude, longitude, priority, fulfils_orders, countries, revision)
                VALUES (:code, :latitude, :longitude, :priority, :fulfils, :countries, :revision)
                ON CONFLICT (code) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude,
                    priority = EXCLUDED.priority, fulfils_orders = EXCLUDED.fulfils_orders,
                    countries = EXCLUDED.countries, revision = EXCLUDED.revision, updated_at = now()
                WHERE location.revision < EXCLUDED.revision""")
                .set("code", location.code())
                .set("latitude", location.latitude())
                .set("longitude", location.longitude())
                .set("priority", location.priority())
                .set("fulfils", location.fulfilsOrders())
                .set("countries", String.join(",", location.countries()))
                .set("revision", revision)
                .update()
                .replaceWithVoid();
    }

    public Uni<Map<String, FulfilmentLocation>> all() {
        return NativeSql.of("SELECT code, latitude, longitude, priority, fulfils_orders, countries FROM location").rows()
                .map(rows -> {
                    Map<String, FulfilmentLocation> byCode = new HashMap<>();
                    for (Object[] row : rows) {
                        String countries = (String) row[5];
                        byCode.put((String) row[0], new FulfilmentLocation((String) row[0], (Double) row[1],
                                (Double) row[2], ((Number) row[3]).intValue(), (Boolean) row[4],
                                countries.isEmpty() ? List.of() : Arrays.asList(countries.split(","))));
                    }
                    return byCode;
                });
    }
}
