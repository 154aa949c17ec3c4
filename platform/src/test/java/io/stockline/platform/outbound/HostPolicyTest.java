package io.stockline.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostPolicyTest {

    private static InetAddress ip(String literal) throws Exception {
        // a literal: no lookup
        return InetAddress.getByName(literal);
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.255.255.254", "0.0.0.0", "169.254.169.254", "169.254.0.1", "10.0.0.1",
            "10.255.255.255", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255",
            "224.0.0.1", "239.255.255.250", "0.1.2.3", "240.0.0.1", "255.255.255.255",
            "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::ffff:192.168.0.1",
            "::ffff:100.64.0.1", "::ffff:0.0.0.0", "::10.0.0.1" })
    void refusesEveryAddressInsideTheDeployment(String literal) throws Exception {
        assertThat(HostPolicy.refusal(ip(literal))).as(literal).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = { "93.184.215.14", "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255",
            "100.128.0.1", "169.253.255.255", "11.0.0.1", "192.169.0.1", "2606:4700::1111", "2a00:1450:4001::1",
            "::ffff:8.8.8.8" })
    void letsPublicAddressesThrough(String literal) throws Exception {
        assertThat(HostPolicy.refusal(ip(literal))).as(literal).isEmpty();
    }

    @Test
    void theMetadataAddressIsNamedForWhatItIs() throws Exception {
        assertThat(HostPolicy.refusal(ip("169.254.169.254"))).hasValueSatisfying(
                reason -> assertThat(reason).contains("link-local"));
        assertThat(HostPolicy.refusal(ip("::ffff:127.0.0.1"))).hasValue("a loopback address");
    }

    @Test
    void theAllowListNamesHostsByNameOrByNameAndPort() {
        HostPolicy policy = new HostPolicy(List.of("localhost", " Simulator.local:8090 ", "[::1]:9000", ""));

        assertThat(policy.allows("localhost", 1234)).isTrue();
        assertThat(policy.allows("LOCALHOST", 80)).isTrue();
        assertThat(policy.allows("simulator.local", 8090)).isTrue();
        assertThat(policy.allows("simulator.local", 8091)).isFalse();
        assertThat(policy.allows("[::1]", 9000)).isTrue();
        assertThat(policy.allows("::1", 9001)).isFalse();
        // the name, not what it resolves to: allowing localhost does not allow its address
        assertThat(policy.allows("127.0.0.1", 1234)).isFalse();
        assertThat(policy.allows("localhost.evil.example", 80)).isFalse();
    }

    @Test
    void nothingIsAllowedByDefault() {
        assertThat(new HostPolicy(null).allows("localhost", 80)).isFalse();
        assertThat(new HostPolicy(List.of()).allows("localhost", 80)).isFalse();
    }
}
