package io.stockline.channel.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.stockline.channel.config.SeedConfig;

/** Creates the channels declared in configuration at startup (idempotent: existing ones are left alone). */
@ApplicationScoped
public class ChannelSeeder {

    private final ChannelAdminService admin;
    private final SeedConfig seeds;

    public ChannelSeeder(ChannelAdminService admin, SeedConfig seeds) {
        this.admin = admin;
        this.seeds = seeds;
    }

    void seed(@Observes StartupEvent event) throws Throwable {
        if (!seeds.seed().isEmpty()) {
            VertxContextSupport.subscribeAndAwait(() -> admin.seed(seeds.seed()));
        }
    }
}
