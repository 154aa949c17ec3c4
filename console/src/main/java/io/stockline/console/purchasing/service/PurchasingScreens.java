package io.stockline.console.purchasing.service;

import static io.stockline.console.web.FormValues.blankToNull;
import static io.stockline.console.web.FormValues.newIdempotencyKey;
import static io.stockline.console.web.FormValues.wholeNumberOrAsTyped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.stockline.console.purchasing.service.PurchasingApi.Line;
import io.stockline.console.purchasing.service.PurchasingApi.PurchaseOrder;
import io.stockline.console.purchasing.service.PurchasingApi.Receipt;
import io.stockline.console.purchasing.service.PurchasingApi.Received;
import io.stockline.console.web.ApiProblem;

/** What the purchasing pages show and post, through inventory-service's API as the signed-in person. */
@ApplicationScoped
public class PurchasingScreens {

    /** The statuses an order can still change from: what "open" lists. */
    public static final List<String> OPEN = List.of("DRAFT", "SENT", "PARTIALLY_RECEIVED");
    public static final List<String> STATUSES = List.of("DRAFT", "SENT", "PARTIALLY_RECEIVED", "RECEIVED", "CLOSED",
            "CANCELLED");
    static final int LIST_LIMIT = 100;

    private static final Pattern LINE_FIELD = Pattern.compile("lines\\[(\\d+)]\\.(\\w+)");

    private final PurchasingApi purchasing;

    PurchasingScreens(@RestClient PurchasingApi purchasing) {
        this.purchasing = purchasing;
    }

    /** Orders in {@code status}, or every open one ("OPEN"), newest first. */
    public List<PurchaseOrder> orders(String status) {
        if (!"OPEN".equals(status)) {
            return purchasing.orders(status, LIST_LIMIT);
        }
        List<PurchaseOrder> open = new ArrayList<>();
        for (String each : OPEN) {
            open.addAll(purchasing.orders(each, LIST_LIMIT));
        }
        open.sort(Comparator.comparing(PurchaseOrder::createdAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return open;
    }

    public OrderScreen order(String number) {
        return new OrderScreen(purchasing.order(number), purchasing.receipts(number));
    }

    /** Null when the step was taken; otherwise the service's refusal. */
    public ApiProblem step(String number, String step) {
        try {
            switch (step) {
                case "send" -> purchasing.send(number);
                case "close" -> purchasing.close(number);
                case "cancel" -> purchasing.cancel(number);
                default -> throw new IllegalArgumentException(step);
            }
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal);
        }
    }

    /**
     * Posts the lines a person filled in (a line left blank did not arrive) under the form's key; the API's refusal
     * comes back on the form, each message beside the line and field it names.
     */
    public Posted receive(String number, ReceiptForm form) {
        List<Map<String, Object>> lines = new ArrayList<>();
        List<Integer> sentRows = new ArrayList<>();
        for (int row = 0; row < form.rows().size(); row++) {
            ReceiptRow typed = form.rows().get(row);
            if (typed.blank()) {
                continue;
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", typed.sku());
            line.put("quantity", wholeNumberOrAsTyped(typed.quantity()));
            line.put("damaged", wholeNumberOrAsTyped(typed.damaged()));
            line.put("lot", blankToNull(typed.lot()));
            line.put("expiresOn", blankToNull(typed.expiresOn()));
            line.values().removeIf(Objects::isNull);
            lines.add(line);
            sentRows.add(row);
        }
        if (lines.isEmpty()) {
            return new Posted(null, form.refused(List.of("Type what arrived on at least one line.")), null);
        }
        try {
            return new Posted(purchasing.receive(number, form.idempotencyKey(), Map.of("lines", lines)), null, null);
        } catch (WebApplicationException refusal) {
            ApiProblem problem = ApiProblem.of(refusal);
            return new Posted(null, form.withProblem(problem, sentRows), problem);
        }
    }

    public record OrderScreen(PurchaseOrder order, List<Receipt> receipts) {
    }

    /** problem is null when the receipt was recorded (or the key had been used already: {@code received.replayed}). */
    public record Posted(Received received, ReceiptForm form, ApiProblem problem) {
    }

    /** One outstanding line of the receive form as typed. */
    public record ReceiptRow(String sku, long outstanding, String quantity, String damaged, String lot,
            String expiresOn, Map<String, String> errors) {

        boolean blank() {
            return isBlank(quantity) && isBlank(damaged) && isBlank(lot) && isBlank(expiresOn);
        }

        public String error(String field) {
            return errors.get(field);
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** The receive form: a row per line with units outstanding, the form's key, and messages about no one line. */
    public record ReceiptForm(List<ReceiptRow> rows, String idempotencyKey, List<String> messages) {

        public static ReceiptForm blankFor(PurchaseOrder order) {
            List<ReceiptRow> rows = new ArrayList<>();
            for (Line line : order.lines() == null ? List.<Line>of() : order.lines()) {
                long outstanding = line.outstanding() == null ? 0 : line.outstanding();
                if (outstanding > 0) {
                    rows.add(new ReceiptRow(line.sku(), outstanding, "", "", "", "", Map.of()));
                }
            }
            return new ReceiptForm(rows, newIdempotencyKey(), List.of());
        }

        /** The form as posted: its rows by position, each field a list the browser sent in the page's order. */
        public static ReceiptForm posted(PurchaseOrder order, List<String> skus, List<String> quantities,
                List<String> damaged, List<String> lots, List<String> expiries, String idempotencyKey) {
            Map<String, Long> outstanding = new HashMap<>();
            for (Line line : order.lines() == null ? List.<Line>of() : order.lines()) {
                outstanding.put(line.sku(), line.outstanding() == null ? 0 : line.outstanding());
            }
            List<ReceiptRow> rows = new ArrayList<>();
            for (int i = 0; i < skus.size(); i++) {
                rows.add(new ReceiptRow(skus.get(i), outstanding.getOrDefault(skus.get(i), 0L), at(quantities, i),
                        at(damaged, i), at(lots, i), at(expiries, i), Map.of()));
            }
            return new ReceiptForm(rows, idempotencyKey, List.of());
        }

        public boolean hasErrors() {
            return !messages.isEmpty() || rows.stream().anyMatch(row -> !row.errors().isEmpty());
        }

        ReceiptForm refused(List<String> why) {
            return new ReceiptForm(rows, idempotencyKey, why);
        }

        /**
         * The problem's messages beside the rows they name ({@code lines[i].field}, i counting the lines sent), the
         * rest above the form. A refusal (4xx) recorded nothing, so the form takes a new key; a service that could
         * not answer (5xx) may have recorded it, so the key stays and a retry cannot count twice.
         */
        ReceiptForm withProblem(ApiProblem problem, List<Integer> sentRows) {
            List<Map<String, String>> errors = new ArrayList<>();
            rows.forEach(row -> errors.add(new LinkedHashMap<>()));
            List<String> others = new ArrayList<>();
            problem.fields().forEach((field, message) -> {
                Matcher named = LINE_FIELD.matcher(field);
                if (named.matches() && Integer.parseInt(named.group(1)) < sentRows.size()) {
                    errors.get(sentRows.get(Integer.parseInt(named.group(1)))).merge(named.group(2), message,
                            (a, b) -> a + "; " + b);
                } else {
                    others.add(field.isEmpty() ? message : field + ": " + message);
                }
            });
            List<ReceiptRow> marked = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                ReceiptRow row = rows.get(i);
                marked.add(new ReceiptRow(row.sku(), row.outstanding(), row.quantity(), row.damaged(), row.lot(),
                        row.expiresOn(), errors.get(i)));
            }
            return new ReceiptForm(marked, problem.status() >= 500 ? idempotencyKey : newIdempotencyKey(), others);
        }

        private static String at(List<String> values, int i) {
            return values != null && i < values.size() && values.get(i) != null ? values.get(i) : "";
        }
    }
}
