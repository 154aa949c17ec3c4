package io.stockline.channel.connector;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The one way the sync pipeline reaches a marketplace: splits updates into calls the API allows and sends them
 * through the channel's connector. Fails with a {@link MarketplaceException} when it gives up on a call.
 */
@ApplicationScoped
public class ChannelDispatcher {

    private final Map<ChannelType, MarketplaceConnector> connectors = new EnumMap<>(ChannelType.class);

    public ChannelDispatcher(@Any Instance<MarketplaceConnector> all) {
        all.forEach(connector -> connectors.put(connector.type(), connector));
    }

    public int maxBatchSize(ChannelType type) {
        return connector(type).maxBatchSize();
    }

    public boolean canReadBack(ChannelType type) {
        return connector(type).canReadBack();
    }

    /** Pushes the updates in order, in as many calls as the API needs. */
    public Uni<List<ListingOutcome>> push(ChannelAccess channel, List<ListingUpdate> updates) {
        MarketplaceConnector connector = connector(channel.type());
        List<List<ListingUpdate>> batches = partition(updates, connector.maxBatchSize());
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> connector.push(channel, batch))
                .collect().in(ArrayList<ListingOutcome>::new, List::addAll)
                .map(List::copyOf);
    }

    public Uni<Map<String, Long>> read(ChannelAccess channel, List<String> listingIds) {
        return connector(channel.type()).read(channel, listingIds);
    }

    private MarketplaceConnector connector(ChannelType type) {
        MarketplaceConnector connector = connectors.get(type);
        if (connector == null) {
            throw new MarketplaceException.PermanentFailure("no connector for channel type " + type);
        }
        return connector;
    }

    static <T> List<List<T>> partition(List<T> items, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            parts.add(items.subList(from, Math.min(items.size(), from + size)));
        }
        return parts;
    }
}
