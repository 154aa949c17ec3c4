package io.stockline.channel.connector;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A marketplace's limit on how often one listing may be revised in a calendar day (eBay: 250, its day being Pacific
 * time). The worker counts a revision for every listing it sends and, once a listing has {@code holdFrom} today, holds
 * its pushes (the latest wanted quantity kept) until {@link #nextDay}: the margin below {@code perDay} covers calls
 * whose answers were lost and revisions made outside Stockline.
 */
public record RevisionCap(int perDay, int holdFrom, ZoneId dayZone) {

    public RevisionCap {
        if (holdFrom <= 0 || holdFrom > perDay) {
            throw new IllegalArgumentException("holdFrom must be in 1.." + perDay);
        }
    }

    /** The marketplace's calendar day at {@code now}. */
    public LocalDate day(OffsetDateTime now) {
        return now.atZoneSameInstant(dayZone).toLocalDate();
    }

    /** When the marketplace's next calendar day begins after {@code now} (UTC). */
    public OffsetDateTime nextDay(OffsetDateTime now) {
        return day(now).plusDays(1).atStartOfDay(dayZone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }
}
