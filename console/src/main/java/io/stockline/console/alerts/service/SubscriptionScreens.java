package io.stockline.console.alerts.service;

import static io.stockline.console.web.FormValues.blankToNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.stockline.console.alerts.service.SubscriptionApi.Subscription;
import io.stockline.console.web.ApiProblem;

/** Alert subscriptions as the page lists and edits them, through alert-service's API as the signed-in person. */
@ApplicationScoped
public class SubscriptionScreens {

    /** What alert-service tells about (AlertKind); none ticked means every kind. */
    public static final List<String> KINDS = List.of("LOW_STOCK", "OUT_OF_STOCK", "BACK_IN_STOCK", "OVERSTOCK",
            "NEAR_EXPIRY", "SYNC_FAILING", "DEAD_LETTERS");
    public static final List<String> CHANNELS = List.of("EMAIL", "WEBHOOK", "CHAT");

    private final SubscriptionApi subscriptions;

    SubscriptionScreens(@RestClient SubscriptionApi subscriptions) {
        this.subscriptions = subscriptions;
    }

    public List<Subscription> all() {
        return subscriptions.subscriptions();
    }

    /** Creates (no id) or replaces the subscription; null when done, otherwise the service's refusal. */
    public ApiProblem save(SubscriptionForm form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", form.name());
        body.put("channel", blankToNull(form.channel()));
        body.put("target", form.target());
        // on a change a left-out secret keeps the stored one
        body.put("secret", blankToNull(form.secret()));
        body.put("kinds", form.kinds());
        body.put("sku", blankToNull(form.sku()));
        body.put("location", blankToNull(form.location()));
        body.put("digest", form.digest());
        body.put("digestTime", blankToNull(form.digestTime()));
        body.put("enabled", form.enabled());
        body.values().removeIf(Objects::isNull);
        try {
            if (form.id() == null) {
                subscriptions.create(body);
            } else {
                subscriptions.change(form.id(), body);
            }
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal);
        }
    }

    public ApiProblem delete(String id) {
        try {
            subscriptions.delete(id);
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal);
        }
    }

    /** The subscription form as typed: id null for a new one. */
    public record SubscriptionForm(String id, String name, String channel, String target, String secret,
            List<String> kinds, String sku, String location, boolean digest, String digestTime, boolean enabled) {

        public SubscriptionForm {
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
        }

        public static SubscriptionForm blank() {
            return new SubscriptionForm(null, "", "EMAIL", "", "", List.of(), "", "", false, "", true);
        }

        /**
         * The stored subscription to edit. A chat target comes back only up to its host, so it is typed again; a
         * secret never comes back, and left blank it stays as it is.
         */
        public static SubscriptionForm of(Subscription s) {
            return new SubscriptionForm(s.id(), s.name(), s.channel(), "CHAT".equals(s.channel()) ? "" : s.target(),
                    "", s.kinds() == null ? List.of() : s.kinds(), s.sku() == null ? "" : s.sku(),
                    s.location() == null ? "" : s.location(), s.digest(),
                    s.digestTime() == null ? "" : s.digestTime().toString().substring(0, 5), s.enabled());
        }

        public boolean kind(String kind) {
            return kinds.contains(kind);
        }

        /** The secret is never shown again, even as typed. */
        public SubscriptionForm withoutSecret() {
            return new SubscriptionForm(id, name, channel, target, "", kinds, sku, location, digest, digestTime,
                    enabled);
        }
    }
}
