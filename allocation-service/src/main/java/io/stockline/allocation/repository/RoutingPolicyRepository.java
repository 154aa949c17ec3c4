package io.stockline.allocation.repository;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.stockline.allocation.domain.RoutingPolicy;
import io.stockline.allocation.domain.RoutingRule;
import io.stockline.allocation.domain.ShortagePolicy;
import io.stockline.platform.sql.NativeSql;

@ApplicationScoped
public class RoutingPolicyRepository {

    public Uni<Optional<RoutingPolicy>> find(String channel) {
        return find(List.of(channel)).map(policies -> Optional.ofNullable(policies.get(channel)));
    }

    /** The policies of those of {@code channels} that have one, by channel, in one query. */
    public Uni<Map<String, RoutingPolicy>> find(Collection<String> channels) {
        if (channels.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return NativeSql.of("SELECT channel, rules, shortage FROM routing_policy WHERE channel = ANY(:channels)")
                .set("channels", channels.toArray(String[]::new))
                .rows()
                .map(rows -> {
                    Map<String, RoutingPolicy> byChannel = new HashMap<>();
                    for (Object[] row : rows) {
                        byChannel.put((String) row[0], policy((String) row[1], (String) row[2]));
                    }
                    return byChannel;
                });
    }

    private static RoutingPolicy policy(String rules, String shortage) {
        List<RoutingRule> ordered = rules.isEmpty() ? List.of()
                : Arrays.stream(rules.split(",")).map(RoutingRule::valueOf).toList();
        return new RoutingPolicy(ordered, ShortagePolicy.valueOf(shortage));
    }

    public Uni<Void> save(String channel, RoutingPolicy policy, String actor) {
        return NativeSql.of("""
                INSERT INTO routing_policy (channel, rules, shortage, updated_by) VALUES (:channel, :rules, :shortage, :actor)
                ON CONFLICT (channel) DO UPDATE SET rules = EXCLUDED.rules, shortage = EXCLUDED.shortage,
                    updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .set("channel", channel)
                .set("rules", String.join(",", policy.rules().stream().map(Enum::name).toList()))
                .set("shortage", policy.shortage().name())
                .set("actor", actor)
                .update()
                .replaceWithVoid();
    }
}
