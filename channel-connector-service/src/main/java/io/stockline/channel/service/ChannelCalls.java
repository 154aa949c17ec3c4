package io.stockline.channel.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.dispatch.CallHistory;
import io.stockline.channel.dispatch.ChannelDispatcher;

/** How a channel's calls to its marketplace went, minute by minute, for the console's chart. */
@ApplicationScoped
public class ChannelCalls {

    private final ChannelAdminService admin;
    private final ChannelDispatcher dispatcher;

    public ChannelCalls(ChannelAdminService admin, ChannelDispatcher dispatcher) {
        this.admin = admin;
        this.dispatcher = dispatcher;
    }

    /** The last {@code minutes} minutes, oldest first; fails with a 404 problem when there is no such channel. */
    public Uni<List<CallHistory.Minute>> lastMinutes(String channelId, int minutes) {
        return admin.get(channelId).map(ignored -> dispatcher.calls(channelId, minutes));
    }
}
