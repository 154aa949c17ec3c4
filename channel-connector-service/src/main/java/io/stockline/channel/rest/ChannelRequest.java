package io.stockline.channel.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.stockline.channel.domain.Buffer;
import io.stockline.channel.domain.ChannelRules;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ChannelType;
import io.stockline.channel.domain.DynamicBuffer;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.channel.domain.SkuRule;
import io.stockline.platform.problem.RuleViolation;

/**
 * A channel as an admin sends it (POST: with {@code id}; PUT: the id is in the path). {@code credentials} is the
 * name of a secret reference, never a secret. Left out: no buffer, 100 %, no maximum, threshold 0, enabled, no
 * expiring lot withheld, a fixed buffer.
 */
public record ChannelRequest(String id, @NotNull ChannelType type, @NotBlank @Size(max = 2000) String endpoint,
        Map<@NotBlank String, @NotNull String> options, @NotBlank String credentials,
        List<@NotBlank String> locations, @Valid BufferRequest buffer, @Min(0) @Max(100) Integer percentage,
        @PositiveOrZero Long maxQuantity, @PositiveOrZero Long zeroOutThreshold,
        Map<@NotBlank @Size(max = ListingCsv.MAX_LENGTH) String, @Valid @NotNull SkuRuleRequest> skuRules, Boolean enabled,
        @Min(0) @Max(3650) Integer withholdExpiringWithinDays, @Valid DynamicBufferRequest dynamicBuffer) {

    /**
     * Size the buffer per SKU from its demand during the channel's measured sync lag, between {@code floor} and
     * {@code ceiling} units; it takes the place of {@code buffer} (a SKU rule's own buffer still wins).
     */
    public record DynamicBufferRequest(@NotNull @PositiveOrZero Long floor, @NotNull @PositiveOrZero Long ceiling) {

        DynamicBuffer toDynamicBuffer() {
            if (ceiling < floor) {
                throw RuleViolation.invalid("dynamicBuffer.ceiling", "the ceiling is at least the floor");
            }
            return new DynamicBuffer(floor, ceiling);
        }
    }

    public record BufferRequest(@NotNull @PositiveOrZero Long amount, @NotNull Buffer.Unit unit) {

        Buffer toBuffer(String field) {
            if (unit == Buffer.Unit.PERCENT && amount > 100) {
                throw RuleViolation.invalid(field + ".amount", "a percent buffer is at most 100");
            }
            return new Buffer(amount, unit);
        }
    }

    public record SkuRuleRequest(boolean excluded, @Valid BufferRequest buffer, @Min(0) @Max(100) Integer percentage,
            @PositiveOrZero Long maxQuantity) {
    }

    ChannelSettings toSettings(String channelId) {
        ChannelRules rules = new ChannelRules(buffer == null ? Buffer.NONE : buffer.toBuffer("buffer"),
                percentage == null ? 100 : percentage, maxQuantity, zeroOutThreshold == null ? 0 : zeroOutThreshold,
                dynamicBuffer == null ? null : dynamicBuffer.toDynamicBuffer(),
                withholdExpiringWithinDays == null || withholdExpiringWithinDays == 0 ? null : withholdExpiringWithinDays);
        Map<String, SkuRule> overrides = new LinkedHashMap<>();
        if (skuRules != null) {
            skuRules.forEach((sku, rule) -> overrides.put(sku, new SkuRule(rule.excluded(),
                    rule.buffer() == null ? null : rule.buffer().toBuffer("skuRules." + sku + ".buffer"),
                    rule.percentage(), rule.maxQuantity())));
        }
        return new ChannelSettings(channelId, type, endpoint, options == null ? Map.of() : options, credentials,
                locations == null ? List.of() : locations, rules, overrides, enabled == null || enabled);
    }
}
