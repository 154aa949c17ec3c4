package io.stockline.testsupport;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An HTTP peer played by WireMock on a free loopback port, for the life of a Quarkus test run. A subclass
 * sets its default answers and says which configuration points the service at it; the server is injected
 * into the test's {@link InjectWireMock} field.
 */
public abstract class WireMockTestResource implements QuarkusTestResourceLifecycleManager {

    private WireMockServer server;

    /** The answers every test gets unless it stubs something more specific. */
    protected abstract void stubDefaults(WireMockServer server);

    /** The configuration that points the service at {@code baseUrl}. */
    protected abstract Map<String, String> config(String baseUrl);

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        stubDefaults(server);
        return config(server.baseUrl());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
