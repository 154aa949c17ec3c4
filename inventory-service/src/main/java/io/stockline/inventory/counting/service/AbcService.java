package io.stockline.inventory.counting.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.counting.domain.AbcClass;
import io.stockline.inventory.counting.domain.AbcClassifier;
import io.stockline.inventory.counting.domain.AbcEntry;
import io.stockline.inventory.counting.domain.AbcThresholds;
import io.stockline.inventory.counting.repository.AbcRepository;
import io.stockline.inventory.domain.ItemKind;
import io.stockline.inventory.repository.ItemRepository;
import io.stockline.platform.problem.RuleViolation;

/** ABC classes: computed from the last months' consumption value, or pinned by hand. */
@ApplicationScoped
public class AbcService {

    /** What a recompute did: the window, and how many SKUs it put in each class (before pinned classes). */
    public record Recomputed(OffsetDateTime computedAt, OffsetDateTime since, int skus, Map<AbcClass, Integer> computed,
            AbcThresholds thresholds) {
    }

    private final AbcRepository abc;
    private final ItemRepository items;
    private final CountingConfig config;

    public AbcService(AbcRepository abc, ItemRepository items, CountingConfig config) {
        this.abc = abc;
        this.items = items;
        this.config = config;
    }

    @WithTransaction
    public Uni<Recomputed> recompute() {
        AbcThresholds thresholds = config.abc().thresholds();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime since = now.minusMonths(config.abc().months());
        return abc.consumption(since).chain(consumption -> {
            List<AbcClassifier.Classified> classified = AbcClassifier.classify(consumption, thresholds);
            Map<AbcClass, Integer> counts = new EnumMap<>(AbcClass.class);
            for (AbcClass abcClass : AbcClass.values()) {
                counts.put(abcClass, 0);
            }
            classified.forEach(c -> counts.merge(c.abcClass(), 1, Integer::sum));
            return abc.saveComputed(classified, now).map(ignored -> {
                Log.infof("ABC classes recomputed for %d SKUs since %s: %s", classified.size(), since, counts);
                return new Recomputed(now, since, classified.size(), counts, thresholds);
            });
        });
    }

    /** Pins the SKU's class by hand ({@code null} gives it back to the computation). */
    @WithTransaction
    public Uni<AbcEntry> pin(String sku, AbcClass abcClass, String actor) {
        return items.findById(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "no item " + sku))
                .chain(item -> {
                    if (item.kind != ItemKind.STANDARD) {
                        throw RuleViolation.unprocessable("sku", "a " + item.kind + " item holds no stock to count")
                                .in(RuleViolation.In.PATH);
                    }
                    return abc.pin(sku, abcClass, actor);
                })
                .chain(() -> abc.entry(sku));
    }

    @WithConnection
    public Uni<List<AbcEntry>> entries(AbcClass only, int limit) {
        return abc.entries(only, limit);
    }

    @WithConnection
    public Uni<AbcEntry> entry(String sku) {
        return abc.entry(sku)
                .onItem().ifNull().failWith(() -> RuleViolation.unknownPath("sku", "no standard item " + sku));
    }
}
