package io.stockline.console.channels.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.stockline.console.channels.service.ChannelApi.Channel;
import io.stockline.console.channels.service.ChannelApi.Status;
import io.stockline.console.web.ApiProblem;

/** Each channel with its sync status, as channel-connector-service reports them to the signed-in person. */
@ApplicationScoped
public class ChannelScreens {

    private final ChannelApi channels;

    ChannelScreens(@RestClient ChannelApi channels) {
        this.channels = channels;
    }

    /**
     * Every channel with its status, from two calls however many channels there are: the list, then every status at
     * once. When the statuses cannot be read the channels are still listed, each UNKNOWN, and the screen says why.
     */
    public ChannelsScreen rows() {
        List<Channel> listed = channels.channels();
        Map<String, Status> statuses = new HashMap<>();
        ApiProblem problem = null;
        try {
            channels.statuses().forEach(status -> statuses.put(status.channelId(), status));
        } catch (WebApplicationException refusal) {
            ApiProblem cause = ApiProblem.of(refusal);
            problem = new ApiProblem(cause.status(), "Sync status could not be read, so every channel shows UNKNOWN",
                    cause.detail().isBlank() ? cause.title() : cause.title() + ": " + cause.detail(), cause.fields());
        }
        List<Row> rows = new ArrayList<>();
        for (Channel channel : listed) {
            Status status = statuses.get(channel.id());
            if (status == null) {
                // a channel removed between the two calls, or no status read at all: its row says so, the others show
                status = new Status(channel.id(), "UNKNOWN", null, null, null, null, null,
                        problem == null ? "no status reported" : problem.detail(), null);
            }
            rows.add(new Row(channel, status));
        }
        return new ChannelsScreen(rows, problem);
    }

    /**
     * One channel: its status, each SKU's wanted and pushed quantities with the listing carrying it, the rejected
     * ones with their reason, and its calls per minute over the last hour.
     */
    public ChannelScreen channel(String id) {
        Channel channel = channels.channel(id);
        Status status = channels.status(id);
        Map<String, ChannelApi.Listing> listings = new HashMap<>();
        for (ChannelApi.Listing listing : channels.listings(id)) {
            listings.put(listing.sku(), listing);
        }
        List<SkuRow> skus = channels.sync(id, SKU_ROWS).stream()
                .sorted(Comparator.comparing(ChannelApi.Sync::sku))
                .map(sync -> new SkuRow(sync, listings.get(sync.sku()))).toList();
        return new ChannelScreen(channel, status, skus, channels.calls(id, CHART_MINUTES).minutes());
    }

    /** Null when the reconciliation was accepted; otherwise the service's refusal. */
    public ApiProblem reconcile(String id) {
        try {
            channels.reconcile(id);
            return null;
        } catch (WebApplicationException refusal) {
            return ApiProblem.of(refusal);
        }
    }

    /** The most SKUs a channel's page lists (the connector lists at most 5,000). */
    public static final int SKU_ROWS = 1000;

    public static final int CHART_MINUTES = 60;

    public record ChannelScreen(Channel channel, Status status, List<SkuRow> skus, List<ChannelApi.Minute> calls) {

        public List<SkuRow> rejected() {
            return skus.stream().filter(SkuRow::refused).toList();
        }

        public long callsInTheHour() {
            return calls.stream().mapToLong(ChannelApi.Minute::calls).sum();
        }

        public long throttledInTheHour() {
            return calls.stream().mapToLong(ChannelApi.Minute::throttled).sum();
        }

        /** The chart's data as uPlot takes it: [[unix seconds...], [calls...], [throttled...], [failed...]]. */
        public String chartJson() {
            StringBuilder json = new StringBuilder("[[");
            appendAll(json, calls.stream().map(m -> String.valueOf(m.minute().toEpochSecond())).toList());
            json.append("],[");
            appendAll(json, calls.stream().map(m -> String.valueOf(m.calls())).toList());
            json.append("],[");
            appendAll(json, calls.stream().map(m -> String.valueOf(m.throttled())).toList());
            json.append("],[");
            appendAll(json, calls.stream().map(m -> String.valueOf(m.failed())).toList());
            return json.append("]]").toString();
        }

        private static void appendAll(StringBuilder json, List<String> values) {
            json.append(String.join(",", values));
        }
    }

    /** One SKU: what was wanted, what was pushed (the marketplace holds it once synced), and its listing. */
    public record SkuRow(ChannelApi.Sync sync, ChannelApi.Listing listing) {

        public boolean refused() {
            return sync.rejected() || "REJECTED".equals(sync.state());
        }

        /** Wanted and pushed differ: a push is still to come, queued, held or refused. */
        public boolean differs() {
            return sync.pushedQuantity() == null || sync.pushedQuantity() != sync.wantedQuantity();
        }
    }

    /** The channels page: its rows, and why their statuses are missing (null when they are not). */
    public record ChannelsScreen(List<Row> rows, ApiProblem problem) {
    }

    public record Row(Channel channel, Status status) {

        public boolean inSync() {
            return "OK".equals(status.state()) && status.pending() != null && status.pending() == 0;
        }
    }
}
