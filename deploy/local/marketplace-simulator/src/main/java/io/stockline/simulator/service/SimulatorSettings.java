package io.stockline.simulator.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.stockline.simulator.config.SimulatorConfig;

/** The switches the control API may flip while the simulator runs; reset puts back the configured ones. */
@ApplicationScoped
public class SimulatorSettings {

    private final SimulatorConfig config;
    private volatile boolean autoCreate;
    private volatile boolean enforceRateLimits;
    private volatile Optional<String> webhookSecret;

    public SimulatorSettings(SimulatorConfig config) {
        this.config = config;
        reset();
    }

    public final void reset() {
        autoCreate = config.autoCreate();
        enforceRateLimits = config.enforceRateLimits();
        webhookSecret = config.webhook().secret().filter(secret -> !secret.isBlank());
    }

    public boolean autoCreate() {
        return autoCreate;
    }

    public boolean enforceRateLimits() {
        return enforceRateLimits;
    }

    public Optional<String> webhookSecret() {
        return webhookSecret;
    }

    public void update(Boolean newAutoCreate, Boolean newEnforceRateLimits, String newWebhookSecret) {
        if (newAutoCreate != null) {
            autoCreate = newAutoCreate;
        }
        if (newEnforceRateLimits != null) {
            enforceRateLimits = newEnforceRateLimits;
        }
        if (newWebhookSecret != null) {
            webhookSecret = Optional.of(newWebhookSecret).filter(secret -> !secret.isBlank());
        }
    }
}
