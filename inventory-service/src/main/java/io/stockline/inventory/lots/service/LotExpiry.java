package io.stockline.inventory.lots.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.inventory.repository.LotRepository;

/**
 * On a lot's expiry date its sellable units leave available (EXPIRY, into quality control), so no channel lists and
 * no order takes them. Runs on a timer and on demand; the date is the seller's ({@code stockline.lots.zone}).
 */
@ApplicationScoped
public class LotExpiry {

    private final LotService lots;
    private final ZoneId zone;
    private final int batch;

    public LotExpiry(LotService lots, @ConfigProperty(name = "stockline.lots.zone", defaultValue = "UTC") ZoneId zone,
            @ConfigProperty(name = "stockline.lots.expiry-batch", defaultValue = "500") int batch) {
        this.lots = lots;
        this.zone = zone;
        this.batch = batch;
    }

    private LocalDate today() {
        return LocalDate.now(Clock.system(zone));
    }

    /** One run: the seller's date it ran for and what each due lot came to. */
    @Schema(name = "ExpiryRun")
    public record Run(LocalDate date, List<LotService.Expired> lots) {
    }

    /**
     * Expires every lot due today, a lot per transaction, so one that fails leaves the others done. Page after page:
     * a lot whose units orders hold stays due (nothing of it could be taken) and must not keep the lots after it from
     * being reached.
     */
    public Uni<Run> run() {
        LocalDate today = today();
        List<LotService.Expired> done = new ArrayList<>();
        return expireFrom(today, null, done).map(ignored -> new Run(today, done));
    }

    private Uni<Void> expireFrom(LocalDate today, LotRepository.DueLot after, List<LotService.Expired> done) {
        return lots.dueToExpire(today, after, batch).chain(due -> expireAll(due).chain(expired -> {
            done.addAll(expired);
            return due.size() < batch ? Uni.createFrom().voidItem()
                    : expireFrom(today, due.get(due.size() - 1), done);
        }));
    }

    private Uni<List<LotService.Expired>> expireAll(List<LotRepository.DueLot> due) {
        return Multi.createFrom().iterable(due)
                .onItem().transformToUniAndConcatenate(lot -> lots.expire(lot)
                        .invoke(expired -> {
                            if (expired.units() > 0 || expired.heldForOrders() > 0) {
                                Log.infof("lot %s of %s at %s expired on %s: %d units out of available, %d held for orders",
                                        expired.lot(), expired.sku(), expired.location(), expired.expiresOn(),
                                        expired.units(), expired.heldForOrders());
                            }
                        })
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("lot %s of %s at %s not expired: %s", lot.lot(), lot.sku(), lot.location(),
                                    failure.getMessage());
                            return null;
                        }))
                .filter(expired -> expired != null)
                .collect().asList();
    }

    @Scheduled(every = "${stockline.lots.expiry-check:15m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return run().replaceWithVoid();
    }
}
