package io.stockline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

    @Test
    void portsAreBelowTheKernelsEphemeralRangeBindableAndNeverHandedOutTwice() throws IOException {
        int ephemeralStart = LoopbackPorts.ephemeralRangeStart();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = LoopbackPorts.free();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            if (ephemeralStart > 21_000) {
                assertThat(port).isBetween(20_000, ephemeralStart - 1);
            }
        }
        int port = LoopbackPorts.free();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortSomeoneListensOnIsNotBindable() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(LoopbackPorts.bindable(held.getLocalPort())).isFalse();
        }
    }
}
