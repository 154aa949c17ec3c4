package io.stockline.channel.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

class CredentialStoreTest {

    @Test
    void resolvesAReferenceFromPropertiesAndEnvironmentStyleNamesPropertiesWinning() {
        var config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "stockline.credentials.shop-eu.secret", "from-properties",
                "STOCKLINE_CREDENTIALS_SHOP_EU_SECRET", "from-env",
                "STOCKLINE_CREDENTIALS_SHOP_EU_ACCESS_TOKEN", "token",
                "stockline.credentials.other.secret", "not-mine",
                "stockline.credentials.shop-eu-2.secret", "not-mine-either"), "test", 100)).build();
        CredentialStore store = new CredentialStore(config);

        assertThat(store.resolve("shop-eu")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "secret", "from-properties", "accessToken", "token"));
        assertThat(store.resolves("missing")).isFalse();
    }

    @Test
    void namesAreFoundOnceAndValuesReadOnEachCall() {
        Map<String, String> properties = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
                "stockline.credentials.shop.accessToken", "first", "STOCKLINE_CREDENTIALS_SHOP_SECRET", "s"));
        java.util.concurrent.atomic.AtomicInteger scans = new java.util.concurrent.atomic.AtomicInteger();
        var source = new org.eclipse.microprofile.config.spi.ConfigSource() {
            @Override
            public java.util.Set<String> getPropertyNames() {
                scans.incrementAndGet();
                return properties.keySet();
            }

            @Override
            public String getValue(String name) {
                return properties.get(name);
            }

            @Override
            public String getName() {
                return "rotating";
            }
        };
        CredentialStore store = new CredentialStore(new SmallRyeConfigBuilder().withSources(source).build());

        assertThat(store.resolve("shop")).containsExactlyInAnyOrderEntriesOf(Map.of("accessToken", "first", "secret", "s"));
        int scansAfterFirst = scans.get();
        properties.put("stockline.credentials.shop.accessToken", "second"); // a value is never kept by the store
        assertThat(store.resolve("shop")).containsExactlyInAnyOrderEntriesOf(Map.of("accessToken", "second", "secret", "s"));
        assertThat(scans.get()).as("configuration's names scanned again").isEqualTo(scansAfterFirst);
    }

    @Test
    void environmentKeysBecomeCamelCase() {
        assertThat(CredentialStore.camelCase("ACCESS_TOKEN")).isEqualTo("accessToken");
        assertThat(CredentialStore.camelCase("SECRET")).isEqualTo("secret");
        assertThat(CredentialStore.camelCase("CLIENT_SECRET")).isEqualTo("clientSecret");
        assertThat(CredentialStore.envName("shop-eu.1")).isEqualTo("SHOP_EU_1");
    }
}
