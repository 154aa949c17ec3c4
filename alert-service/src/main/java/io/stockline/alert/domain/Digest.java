package io.stockline.alert.domain;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** A day's alerts as one message, and when the next one is due. */
public final class Digest {

    private Digest() {
    }

    /** The first time after {@code after} when the clock (UTC) shows {@code at}. */
    public static OffsetDateTime next(LocalTime at, OffsetDateTime after) {
        OffsetDateTime utc = after.withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime candidate = utc.toLocalDate().atTime(at).atOffset(ZoneOffset.UTC);
        return candidate.isAfter(utc) ? candidate : candidate.plusDays(1);
    }

    public static String subject(List<Alert> alerts) {
        long open = alerts.stream().filter(alert -> alert.status() == Alert.Status.OPEN).count();
        return "Stockline digest: %d alert%s, %d still open".formatted(alerts.size(), alerts.size() == 1 ? "" : "s", open);
    }

    /** One line per alert, as it stands now, oldest first. */
    public static String text(List<Alert> alerts) {
        StringBuilder text = new StringBuilder(subject(alerts)).append('\n');
        for (Alert alert : alerts) {
            text.append("- [").append(alert.status()).append("] ").append(alert.describe()).append('\n');
        }
        return text.toString();
    }
}
