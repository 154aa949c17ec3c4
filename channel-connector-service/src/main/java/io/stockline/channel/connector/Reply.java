package io.stockline.channel.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What one connector call gives back: its result, and what the marketplace said about its limits on the way. */
public record Reply<T>(T value, RateSignal rate) {

    public static <T> Reply<T> of(T value) {
        return new Reply<>(value, RateSignal.NONE);
    }

    public static <T> Reply<T> of(T value, RateSignal rate) {
        return new Reply<>(value, rate);
    }

    public <R> Reply<R> map(Function<T, R> mapper) {
        return new Reply<>(mapper.apply(value), rate);
    }

    /** The replies of calls made one after the other: their values in order, the latest signal over the earlier. */
    public static <T> Reply<List<T>> all(List<Reply<T>> replies) {
        List<T> values = new ArrayList<>(replies.size());
        RateSignal rate = RateSignal.NONE;
        for (Reply<T> reply : replies) {
            values.add(reply.value());
            rate = rate.then(reply.rate());
        }
        return new Reply<>(List.copyOf(values), rate);
    }
}
