package io.stockline.channel.repository;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.stockline.channel.domain.Buffer;
import io.stockline.channel.domain.ChannelRules;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ChannelType;
import io.stockline.channel.domain.DynamicBuffer;
import io.stockline.channel.domain.SkuRule;
import io.stockline.platform.sql.NativeSql;
import io.stockline.platform.sql.Rows;

/** Channels and their per-SKU rules. */
@ApplicationScoped
public class ChannelRepository {

    private static final String COLUMNS = """
            id, type, endpoint, CAST(options AS text), credentials_ref, CAST(locations AS text), buffer_amount,
            buffer_unit, percentage, max_quantity, zero_out_threshold, enabled, withhold_expiring_days,
            dynamic_buffer_floor, dynamic_buffer_ceiling""";
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> LOCATIONS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public ChannelRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Every channel, without its SKU rules. */
    public Uni<List<ChannelSettings>> all() {
        return NativeSql.of("SELECT " + COLUMNS + " FROM channel ORDER BY id")
                .list(row -> settings(row, Map.of()));
    }

    /** The channel with all its SKU rules, or null. */
    public Uni<ChannelSettings> find(String id) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM channel WHERE id = :id")
                .set("id", id).rows()
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : skuRulesOf(id).map(rules -> settings(rows.get(0), rules)));
    }

    /** The channel without its SKU rules, or null. */
    public Uni<ChannelSettings> settings(String id) {
        return NativeSql.of("SELECT " + COLUMNS + " FROM channel WHERE id = :id")
                .set("id", id)
                .first(row -> settings(row, Map.of()));
    }

    /** The SKU rules for any of the SKUs, by SKU then channel. */
    public Uni<Map<String, Map<String, SkuRule>>> skuRulesFor(java.util.Collection<String> skus) {
        return NativeSql.of("""
                SELECT sku, channel, excluded, buffer_amount, buffer_unit, percentage, max_quantity
                FROM channel_sku_rule WHERE sku = ANY(CAST(:skus AS text[]))""")
                .set("skus", skus.toArray(String[]::new)).rows()
                .map(rows -> {
                    Map<String, Map<String, SkuRule>> rules = new HashMap<>();
                    for (Object[] row : rows) {
                        Object[] rest = java.util.Arrays.copyOfRange(row, 1, row.length);
                        rules.computeIfAbsent(Rows.text(row[0]), sku -> new LinkedHashMap<>())
                                .putAll(rulesByFirstColumn(List.<Object[]>of(rest)));
                    }
                    return rules;
                });
    }

    /** The channel's SKU rules, by SKU. */
    public Uni<Map<String, SkuRule>> skuRulesOf(String channel) {
        return NativeSql.of("""
                SELECT sku, excluded, buffer_amount, buffer_unit, percentage, max_quantity
                FROM channel_sku_rule WHERE channel = :channel ORDER BY sku""")
                .set("channel", channel).rows()
                .map(ChannelRepository::rulesByFirstColumn);
    }

    /** Creates the channel; false when one with its id exists already. */
    public Uni<Boolean> insert(ChannelSettings channel) {
        return bind(NativeSql.of("""
                INSERT INTO channel (id, type, endpoint, options, credentials_ref, locations, buffer_amount, buffer_unit,
                    percentage, max_quantity, zero_out_threshold, enabled, withhold_expiring_days, dynamic_buffer_floor,
                    dynamic_buffer_ceiling)
                VALUES (:id, :type, :endpoint, CAST(CAST(:options AS text) AS jsonb), :credentialsRef, CAST(CAST(:locations AS text) AS jsonb),
                    :bufferAmount, :bufferUnit, :percentage, CAST(:maxQuantity AS bigint), :zeroOutThreshold, :enabled,
                    CAST(:withholdDays AS int), CAST(:dynamicFloor AS bigint), CAST(:dynamicCeiling AS bigint))
                ON CONFLICT (id) DO NOTHING"""), channel).update()
                .map(count -> count == 1);
    }

    /** Replaces the channel's settings; false when there is no such channel. */
    public Uni<Boolean> update(ChannelSettings channel) {
        return bind(NativeSql.of("""
                UPDATE channel SET type = :type, endpoint = :endpoint, options = CAST(CAST(:options AS text) AS jsonb),
                    credentials_ref = :credentialsRef, locations = CAST(CAST(:locations AS text) AS jsonb), buffer_amount = :bufferAmount,
                    buffer_unit = :bufferUnit, percentage = :percentage, max_quantity = CAST(:maxQuantity AS bigint),
                    zero_out_threshold = :zeroOutThreshold, enabled = :enabled, withhold_expiring_days = CAST(:withholdDays AS int),
                    dynamic_buffer_floor = CAST(:dynamicFloor AS bigint), dynamic_buffer_ceiling = CAST(:dynamicCeiling AS bigint),
                    updated_at = now()
                WHERE id = :id"""), channel).update()
                .map(count -> count == 1);
    }

    public Uni<Boolean> delete(String id) {
        return NativeSql.of("DELETE FROM channel WHERE id = :id")
                .set("id", id).update()
                .map(count -> count == 1);
    }

    /** Replaces all the channel's SKU rules with these. */
    public Uni<Void> replaceSkuRules(String channel, Map<String, SkuRule> rules) {
        Uni<Void> all = NativeSql.of("DELETE FROM channel_sku_rule WHERE channel = :channel").set("channel", channel)
                .update().replaceWithVoid();
        for (Map.Entry<String, SkuRule> entry : rules.entrySet()) {
            SkuRule rule = entry.getValue();
            all = all.chain(() -> NativeSql.of("""
                    INSERT INTO channel_sku_rule (channel, sku, excluded, buffer_amount, buffer_unit, percentage, max_quantity)
                    VALUES (:channel, :sku, :excluded, CAST(:bufferAmount AS bigint), CAST(:bufferUnit AS text),
                        CAST(:percentage AS int), CAST(:maxQuantity AS bigint))""")
                    .set("channel", channel).set("sku", entry.getKey())
                    .set("excluded", rule.excluded())
                    .set("bufferAmount", rule.buffer() == null ? null : rule.buffer().amount())
                    .set("bufferUnit", rule.buffer() == null ? null : rule.buffer().unit().name())
                    .set("percentage", rule.percentage())
                    .set("maxQuantity", rule.maxQuantity())
                    .update().replaceWithVoid());
        }
        return all;
    }

    // The parameters are cast to text first: the PostgreSQL client would send a String for a jsonb parameter as a JSON string.
    private NativeSql bind(NativeSql query, ChannelSettings channel) {
        ChannelRules rules = channel.rules();
        query.set("id", channel.id()).set("type", channel.type().name())
                .set("endpoint", channel.endpoint()).set("options", write(channel.options()))
                .set("credentialsRef", channel.credentialsRef())
                .set("locations", write(channel.locations()))
                .set("bufferAmount", rules.buffer().amount())
                .set("bufferUnit", rules.buffer().unit().name())
                .set("percentage", rules.percentage()).set("maxQuantity", rules.maxQuantity())
                .set("zeroOutThreshold", rules.zeroOutThreshold())
                .set("enabled", channel.enabled())
                .set("withholdDays", rules.withholdExpiringWithinDays())
                .set("dynamicFloor", rules.dynamicBuffer() == null ? null : rules.dynamicBuffer().floor())
                .set("dynamicCeiling", rules.dynamicBuffer() == null ? null : rules.dynamicBuffer().ceiling());
        return query;
    }

    private ChannelSettings settings(Object[] row, Map<String, SkuRule> skuRules) {
        ChannelRules rules = new ChannelRules(
                new Buffer(Rows.longValue(row[6]), Buffer.Unit.valueOf(Rows.text(row[7]))),
                (int) Rows.longValue(row[8]), Rows.longOrNull(row[9]),
                Rows.longValue(row[10]),
                row[13] == null ? null : new DynamicBuffer(Rows.longValue(row[13]), Rows.longValue(row[14])),
                row[12] == null ? null : (int) Rows.longValue(row[12]));
        return new ChannelSettings(Rows.text(row[0]), ChannelType.valueOf(Rows.text(row[1])), Rows.text(row[2]),
                read(Rows.text(row[3]), OPTIONS), Rows.text(row[4]), read(Rows.text(row[5]), LOCATIONS), rules, skuRules,
                Rows.bool(row[11]));
    }

    private static Map<String, SkuRule> rulesByFirstColumn(List<Object[]> rows) {
        Map<String, SkuRule> rules = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Buffer buffer = row[2] == null ? null
                    : new Buffer(Rows.longValue(row[2]), Buffer.Unit.valueOf(Rows.text(row[3])));
            rules.put(Rows.text(row[0]), new SkuRule(Rows.bool(row[1]), buffer,
                    Rows.intOrNull(row[4]),
                    Rows.longOrNull(row[5])));
        }
        return rules;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable channel column: " + e.getMessage(), e);
        }
    }

    static Map<String, Long> longsByKey(List<Object[]> rows) {
        Map<String, Long> values = new HashMap<>();
        rows.forEach(row -> values.put(Rows.text(row[0]), Rows.longValue(row[1])));
        return values;
    }
}
