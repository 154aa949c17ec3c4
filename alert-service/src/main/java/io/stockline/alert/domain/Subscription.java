package io.stockline.alert.domain;

import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Who hears about which alerts, and how: a signed webhook (target = URL, secret signs the body), e-mail (target
 * = address) or a Slack-compatible chat webhook (target = URL). With digest, the matching alerts of a day go out
 * as one message at digestTime (UTC) instead of one message each.
 */
public record Subscription(UUID id, String name, Channel channel, String target, String secret,
        SubscriptionFilter filter, boolean digest, LocalTime digestTime, OffsetDateTime nextDigestAt,
        OffsetDateTime lastDigestAt, boolean enabled, OffsetDateTime createdAt) {

    public enum Channel { WEBHOOK, EMAIL, CHAT }

    /** Never the secret, nor a chat URL's path (it carries the chat's own credential), should this reach a log. */
    @Override
    public String toString() {
        return "Subscription[id=%s, name=%s, channel=%s, digest=%s, enabled=%s]".formatted(id, name, channel, digest,
                enabled);
    }
}
