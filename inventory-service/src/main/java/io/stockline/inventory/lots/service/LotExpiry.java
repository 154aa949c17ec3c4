package io.stockline.inventory.lots.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * On a lot's expiry date its sellable units leave available (EXPIRY, into quality control), so no channel lists and
 * no order takes them. Runs on a timer and on demand; the date is the seller's ({@code stockline.lots.zone}).
 */
@ApplicationScoped
public class LotExpiry {

    private static final int BATCH = 500;

    private final LotService lots;
    private final ZoneId zone;

    public LotExpiry(LotService lots, @ConfigProperty(name = "stockline.lots.zone", defaultValue = "UTC") ZoneId zone) {
        this.lots = lots;
        this.zone = zone;
    }

    private LocalDate today() {
        return LocalDate.now(Clock.system(zone));
    }

    /** One run: the seller's date it ran for and what each due lot came to. */
    @Schema(name = "ExpiryRun")
    public record Run(LocalDate date, List<LotService.Expired> lots) {
    }

    /** Expires every lot due today, a lot per transaction, so one that fails leaves the others done. */
    public Uni<Run> run() {
        LocalDate today = today();
        return lots.dueToExpire(today, BATCH)
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due))
                .onItem().transformToUniAndConcatenate(due -> lots.expire(due)
                        .invoke(expired -> {
                            if (expired.units() > 0 || expired.heldForOrders() > 0) {
                                Log.infof("lot %s of %s at %s expired on %s: %d units out of available, %d held for orders",
                                        expired.lot(), expired.sku(), expired.location(), expired.expiresOn(),
                                        expired.units(), expired.heldForOrders());
                            }
                        })
                        .onFailure().recoverWithItem(failure -> {
                            Log.warnf("lot %s of %s at %s not expired: %s", due.lot(), due.sku(), due.location(),
                                    failure.getMessage());
                            return null;
                        }))
                .filter(expired -> expired != null)
                .collect().asList()
                .map(done -> new Run(today, done));
    }

    @Scheduled(every = "${stockline.lots.expiry-check:15m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> check() {
        return run().replaceWithVoid();
    }
}
