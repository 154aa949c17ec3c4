package io.stockline.channel.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.platform.sql.WithConnection;
import io.stockline.platform.sql.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.stockline.channel.config.SeedConfig;
import io.stockline.channel.connector.MarketplaceHttp;
import io.stockline.channel.domain.Buffer;
import io.stockline.channel.domain.ChannelRules;
import io.stockline.channel.domain.ChannelSettings;
import io.stockline.channel.domain.ChannelType;
import io.stockline.channel.domain.ListingCsv;
import io.stockline.channel.domain.MarketplaceHosts;
import io.stockline.channel.repository.ChannelRepository;
import io.stockline.channel.repository.CredentialBindingRepository;
import io.stockline.channel.repository.ListingRepository;
import io.stockline.channel.repository.SyncStateRepository;
import io.stockline.platform.outbound.OutboundGuard;
import io.stockline.platform.problem.RuleViolation;

/**
 * Channels as admins manage them. A change of settings recomputes what the channel should hold of every SKU in
 * the same transaction, then wakes its worker.
 */
@ApplicationScoped
public class ChannelAdminService {

    private final ChannelRepository channels;
    private final ListingRepository listings;
    private final SyncStateRepository syncState;
    private final ChannelSyncService sync;
    private final ChannelWorkers workers;
    private final OutboundGuard guard;
    private final CredentialBindingRepository bindings;

    public ChannelAdminService(ChannelRepository channels, ListingRepository listings, SyncStateRepository syncState,
            ChannelSyncService sync, ChannelWorkers workers, OutboundGuard guard, CredentialBindingRepository bindings) {
        this.guard = guard;
        this.bindings = bindings;
        this.channels = channels;
        this.listings = listings;
        this.syncState = syncState;
        this.sync = sync;
        this.workers = workers;
    }

    @WithConnection
    public Uni<List<ChannelSettings>> list() {
        return channels.all();
    }

    @WithConnection
    public Uni<ChannelSettings> get(String id) {
        return channels.find(id).onItem().ifNull().failWith(() -> RuleViolation.notFound("id", "no channel " + id));
    }

    public Uni<ChannelSettings> create(ChannelSettings channel) {
        validate(channel);
        return reachable(channel).chain(() -> insert(channel)).invoke(created -> workers.wake(created.id()));
    }

    @WithTransaction
    Uni<ChannelSettings> insert(ChannelSettings channel) {
        return bound(channel).chain(() -> channels.insert(channel)).chain(created -> {
            if (!created) {
                return Uni.createFrom().failure(RuleViolation.conflict("id", "channel " + channel.id() + " exists already"));
            }
            return channels.replaceSkuRules(channel.id(), channel.skuRules())
                    .chain(() -> sync.recomputeChannel(channel, null))
                    .chain(() -> channels.find(channel.id()));
        });
    }

    public Uni<ChannelSettings> update(ChannelSettings channel) {
        validate(channel);
        // an unknown channel is a 404 whatever its endpoint
        return get(channel.id()).chain(() -> reachable(channel)).chain(() -> replace(channel))
                .invoke(updated -> workers.wake(updated.id()));
    }

    /**
     * Where the channel's credentials will be sent: one of its marketplace's API hosts over https, unless the
     * deployment allows the host by name (stockline.outbound.allowed-hosts: a simulator, a test double), and never
     * a host resolving into the deployment (the platform's guard; checked again at each call). Outside the
     * transaction: it resolves a name.
     */
    Uni<Void> reachable(ChannelSettings channel) {
        URI endpoint = URI.create(channel.endpoint());
        if (guard.policy().allows(endpoint)) {
            return Uni.createFrom().voidItem();
        }
        MarketplaceHosts.refusal(channel.type(), endpoint).ifPresent(reason -> {
            throw RuleViolation.unprocessable("endpoint", reason);
        });
        return guard.check("endpoint", channel.endpoint(), true).replaceWithVoid();
    }

    /**
     * A marketplace credential goes to one store only: the first channel that names a reference binds it to its
     * marketplace type and endpoint host, and from then on a channel naming it elsewhere (another store, another
     * marketplace, this channel moved) is refused naming {@code credentials}: a new store needs a new reference, which
     * only whoever configures secrets can add. Channels of one store may share it (two locations of one Shopify
     * store). A webhook's secret only signs, it is never sent: not bound. The binding outlives the channel.
     */
    Uni<Void> bound(ChannelSettings channel) {
        if (channel.type() == ChannelType.WEBHOOK) {
            return Uni.createFrom().voidItem();
        }
        URI endpoint = URI.create(channel.endpoint());
        String host = endpoint.getHost().toLowerCase(java.util.Locale.ROOT) + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
        return bindings.bind(channel.credentialsRef(), channel.id(), channel.type().name(), host).map(binding -> {
            if (!binding.type().equals(channel.type().name()) || !binding.host().equals(host)) {
                throw RuleViolation.unprocessable("credentials", "credential reference " + channel.credentialsRef()
                        + " is bound to " + binding.type() + " at " + binding.host() + " (first used by channel "
                        + binding.channel() + "); another marketplace or store needs a credential reference of its own");
            }
            return null;
        });
    }

    @WithTransaction
    Uni<ChannelSettings> replace(ChannelSettings channel) {
        return bound(channel).chain(() -> channels.update(channel)).chain(updated -> {
            if (!updated) {
                return Uni.createFrom().failure(RuleViolation.notFound("id", "no channel " + channel.id()));
            }
            return channels.replaceSkuRules(channel.id(), channel.skuRules())
                    .chain(() -> sync.recomputeChannel(channel, null))
                    .chain(() -> channels.find(channel.id()));
        });
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return channels.delete(id).chain(deleted -> deleted ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(RuleViolation.notFound("id", "no channel " + id)));
    }

    @WithConnection
    public Uni<List<ListingRepository.Listing>> listings(String id) {
        return get(id).chain(() -> listings.of(id));
    }

    /** Maps SKUs to listings, all or nothing; a SKU on a new listing is pushed again. Returns how many were mapped. */
    public Uni<Integer> importListings(String id, List<ListingCsv.Mapping> mappings) {
        return mapListings(id, mappings).invoke(() -> workers.wake(id));
    }

    @WithTransaction
    Uni<Integer> mapListings(String id, List<ListingCsv.Mapping> mappings) {
        return channels.settings(id).chain(channel -> {
            if (channel == null) {
                return Uni.createFrom().failure(RuleViolation.notFound("id", "no channel " + id));
            }
            return Multi.createFrom().iterable(mappings)
                    .onItem().transformToUniAndConcatenate(mapping -> listings
                            .upsert(id, mapping)
                            .chain(() -> syncState.repush(id, mapping.sku(), null, null, java.time.Duration.ZERO)))
                    .collect().last().replaceWith(mappings.size());
        });
    }

    /** Creates the channels declared in configuration that do not exist yet. */
    public Uni<Void> seed(Map<String, SeedConfig.Seed> seeds) {
        return Multi.createFrom().iterable(seeds.entrySet())
                .onItem().transformToUniAndConcatenate(entry -> {
                    ChannelSettings channel = fromSeed(entry.getKey(), entry.getValue());
                    validate(channel);
                    return reachable(channel).chain(() -> insert(channel))
                            .invoke(created -> Log.infof("channel %s (%s) created from configuration", created.id(),
                                    created.type()))
                            .onFailure(RuleViolation.class).invoke(refused -> Log.warnf(
                                    "channel %s from configuration not created: %s %s", channel.id(),
                                    ((RuleViolation) refused).field(), refused.getMessage()))
                            .onFailure(RuleViolation.class).recoverWithNull();
                })
                .collect().last().replaceWithVoid();
    }

    static ChannelSettings fromSeed(String id, SeedConfig.Seed seed) {
        ChannelRules rules = new ChannelRules(new Buffer(seed.buffer(), seed.bufferUnit()), seed.percentage(),
                seed.maxQuantity().orElse(null), seed.zeroOutThreshold());
        return new ChannelSettings(id, seed.type(), seed.endpoint(), seed.options(), seed.credentials(),
                seed.locations().orElse(List.of()), rules, Map.of(), seed.enabled());
    }

    /**
     * An option the connectors or the dispatcher read as a number, and the numbers it may be. Read at each call, a
     * wrong one failed every push of the channel for good, and a timeout of 0 (none) let a silent endpoint hold its
     * worker: so it is refused when saved. {@code type} null: every channel's.
     */
    record NumberOption(String name, ChannelType type, boolean whole, double min, double max, String what) {

        void check(String value) {
            if (value == null) {
                return;
            }
            double number;
            try {
                number = whole ? Long.parseLong(value.strip()) : Double.parseDouble(value.strip());
            } catch (NumberFormatException notNumber) {
                number = Double.NaN;
            }
            // NaN (and so anything unread) fails both comparisons
            if (!(number >= min && number <= max)) {
                throw RuleViolation.invalid("options." + name, what + ", not " + value);
            }
        }
    }

    /** Double.MIN_VALUE as the least: over 0, since a bucket that never refills never lets a call through. */
    static final List<NumberOption> NUMBER_OPTIONS = List.of(
            new NumberOption(ChannelWorkers.MIN_CALL_INTERVAL_OPTION, null, true, 0, 999_999_999,
                    "a whole number of milliseconds, 0 to 999999999"),
            new NumberOption(MarketplaceHttp.TIMEOUT_OPTION, null, true, 1, 60_000,
                    "a whole number of milliseconds to wait for an answer, 1 to 60000"),
            new NumberOption("rateBurst", null, false, Double.MIN_VALUE, 1_000_000,
                    "the calls (Shopify: cost points) that may go at once, over 0 and at most 1000000"),
            new NumberOption("ratePerSecond", null, false, Double.MIN_VALUE, 1_000_000,
                    "the calls (Shopify: cost points) a second, over 0 and at most 1000000"),
            new NumberOption("retryMaxAttempts", null, true, 1, 100,
                    "the calls one batch gets, the first included: a whole number, 1 to 100"),
            new NumberOption("retryInitialBackoffMillis", null, true, 0, 3_600_000,
                    "a whole number of milliseconds, 0 to 3600000"),
            new NumberOption("retryMaxBackoffMillis", null, true, 0, 3_600_000,
                    "a whole number of milliseconds, 0 to 3600000"),
            new NumberOption("throttleMaxWaits", null, true, 0, 1_000,
                    "the slow-downs one batch waits out: a whole number, 0 to 1000"),
            new NumberOption("circuitRequestVolume", null, true, 1, 10_000,
                    "the calls the circuit breaker judges at a time: a whole number, 1 to 10000"),
            new NumberOption("circuitFailureRatio", null, false, 0, 1,
                    "the share of failed calls that opens the circuit, 0 to 1"),
            new NumberOption("circuitDelayMillis", null, true, 0, 3_600_000,
                    "a whole number of milliseconds, 0 to 3600000"),
            new NumberOption("locationId", ChannelType.BIGCOMMERCE, true, 1, Long.MAX_VALUE,
                    "a BigCommerce location id (a whole number from 1)"));

    /** Rules the request's schema cannot say. */
    static void validate(ChannelSettings channel) {
        if (channel.id() == null || !channel.id().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw RuleViolation.invalid("id", "a channel id is 1-64 letters, digits, '.', '_' or '-'");
        }
        try {
            URI endpoint = new URI(channel.endpoint());
            if (endpoint.getHost() == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
                throw RuleViolation.invalid("endpoint", "endpoint must be an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw RuleViolation.invalid("endpoint", "endpoint is not a URL: " + e.getMessage());
        }
        if (!channel.credentialsRef().matches("[A-Za-z0-9_-]{1,64}")) {
            throw RuleViolation.invalid("credentials",
                    "credentials name a secret reference: 1-64 letters, digits, '_' or '-' (not the secret itself)");
        }
        for (NumberOption option : NUMBER_OPTIONS) {
            if (option.type() == null || option.type() == channel.type()) {
                option.check(channel.options().get(option.name()));
            }
        }
        if (channel.options().containsKey("tokenEndpoint")) {
            // credentials go to the marketplace's own token endpoint only (issue 15 item 7)
            throw RuleViolation.invalid("options.tokenEndpoint",
                    "not a channel option: tokens come from the marketplace's own token endpoint");
        }
    }
}
