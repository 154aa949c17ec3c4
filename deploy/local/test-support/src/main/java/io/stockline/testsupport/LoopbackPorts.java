package io.stockline.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports of the loopback interface for a server that another process (or a later call) binds after this one chose it.
 * <p>
 * A port asked of the kernel ({@code new ServerSocket(0)}) and released at once is from its ephemeral range, the range
 * it also gives every outgoing connection: between the release and the server's bind, any Kafka, PostgreSQL or HTTP
 * client on the machine may be given it (a CI run failed so: "Unable to start the management interface"). Ports below
 * that range are never handed out by the kernel, so a port chosen there and found free stays free until someone binds
 * it by number; this JVM never hands one out twice, and the random start keeps two JVMs doing the same apart.
 */
public final class LoopbackPorts {

    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A port of 127.0.0.1 that is free now, outside the kernel's ephemeral range where the system has one. */
    public static int free() {
        int below = ephemeralRangeStart();
        if (below - LOWEST < 1_000) {
            return kernelChosen();
        }
        int span = below - LOWEST;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port of 127.0.0.1 in " + LOWEST + ".." + (below - 1));
    }

    static int ephemeralRangeStart() {
        try {
            // not readString: a /proc file's size reads as 0, and readString then returned one byte of it
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing known of the range, the kernel chooses
            return LOWEST;
        }
    }

    static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
