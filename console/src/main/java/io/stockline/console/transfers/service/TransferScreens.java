package io.stockline.console.transfers.service;

import static io.stockline.console.web.FormValues.blankToNull;
import static io.stockline.console.web.FormValues.wholeNumberOrAsTyped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.stockline.console.transfers.service.TransferApi.Transfer;
import io.stockline.console.web.ApiProblem;

/** Transfers between locations, drafted from an item's page and shipped and received on the transfers page. */
@ApplicationScoped
public class TransferScreens {

    /** inventory-service lists at most this many transfers, newest first. */
    static final int RECENT = 100;

    private final TransferApi transfers;

    TransferScreens(@RestClient TransferApi transfers) {
        this.transfers = transfers;
    }

    /** Transfers still to ship or to receive, newest first, from the latest the API lists. */
    public List<Transfer> open() {
        return transfers.recent(RECENT).stream().filter(Transfer::open).toList();
    }

    /**
     * Drafts a transfer of one SKU from the form's location to another; null when it was drafted. The API names
     * a line's quantity {@code lines[0].quantity}: the problem names it as the form does, {@code quantity}.
     */
    public ApiProblem draft(String sku, TransferForm form) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("sku", sku);
        line.put("quantity", wholeNumberOrAsTyped(form.quantity()));
        line.values().removeIf(Objects::isNull);
        Map<String, Object> transfer = new LinkedHashMap<>();
        transfer.put("from", blankToNull(form.from()));
        transfer.put("to", blankToNull(form.to()));
        transfer.put("lines", List.of(line));
        transfer.values().removeIf(Objects::isNull);
        try {
            transfers.draft(transfer);
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal).renamed("lines[0].", "");
        }
    }

    /** Null when it shipped; otherwise the API's refusal (too little available at the origin, not a draft). */
    public ApiProblem ship(String number) {
        try {
            transfers.ship(number);
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal);
        }
    }

    /**
     * Receives the lines the button showed as still in transit, under the button's own idempotency key: pressed
     * twice, the same receipt reaches the API twice and is booked once. Null when it was received.
     */
    public ApiProblem receive(String number, List<String> skus, List<String> quantities, String idempotencyKey) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < Math.min(skus.size(), quantities.size()); i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", skus.get(i));
            line.put("quantity", wholeNumberOrAsTyped(quantities.get(i)));
            line.values().removeIf(Objects::isNull);
            lines.add(line);
        }
        try {
            transfers.receive(number, idempotencyKey, Map.of("lines", lines));
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal);
        }
    }

    /** The transfer form on an item's page, as typed. */
    public record TransferForm(String from, String to, String quantity) {
    }

}
