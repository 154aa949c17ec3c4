package io.stockline.inventory.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Calls a database function that takes a group of requests as a JSON array and the stock-changed topic, and answers a
 * JSON array, one answer per request in their order ({@code reserve_group}, {@code move_group}). On the reactive
 * client directly, as one prepared statement (cached per connection), not through a Hibernate session: these are the
 * hot paths, and the function is the whole transaction.
 */
@ApplicationScoped
public class GroupFunction {

    private final Pool pool;
    private final ObjectMapper json;

    public GroupFunction(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** {@code function(requests, topic)}, its answers read as {@code answers}. */
    public <A> Uni<List<A>> call(String function, List<?> requests, String topic, TypeReference<List<A>> answers) {
        String body;
        try {
            body = json.writeValueAsString(requests);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the requests of " + function + " as JSON", e);
        }
        // The body goes as text: a Java String bound to a jsonb parameter would arrive as one JSON string, not the array
        return pool.preparedQuery("SELECT " + function + "(CAST(CAST($1 AS text) AS jsonb), $2)::text")
                .execute(Tuple.of(body, topic)).map(rows -> {
                    try {
                        return json.readValue(rows.iterator().next().getString(0), answers);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("cannot read " + function + "'s answer", e);
                    }
                });
    }
}
