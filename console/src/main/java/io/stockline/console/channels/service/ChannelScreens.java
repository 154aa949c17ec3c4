package io.stockline.console.channels.service;

import java.util.ArrayList;
import java.util.List;

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

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Channel channel : channels.channels()) {
            Status status;
            try {
                status = channels.status(channel.id());
            } catch (WebApplicationException refusal) {
                // one channel's status missing does not hide the others
                status = new Status(channel.id(), "UNKNOWN", null, null, null, null, null,
                        ApiProblem.of(refusal).title(), null);
            }
            rows.add(new Row(channel, status));
        }
        return rows;
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

    public record Row(Channel channel, Status status) {

        public boolean inSync() {
            return "OK".equals(status.state()) && status.pending() != null && status.pending() == 0;
        }
    }
}
