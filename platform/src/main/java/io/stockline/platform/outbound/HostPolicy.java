package io.stockline.platform.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which addresses a user-given URL may reach. Plain Java, so it is tested without Quarkus. An address inside the
 * deployment (loopback, any-local, link-local with the cloud metadata address, private, unique-local, carrier-grade
 * NAT, multicast, and the IPv4-mapped IPv6 form of each) is refused unless the deployment names the host, by name
 * or as host:port, in {@code stockline.outbound.allowed-hosts}. The name is matched as the user wrote it, so
 * allowing {@code localhost} does not allow {@code 127.0.0.1}.
 */
public final class HostPolicy {

    private final Set<String> allowed;

    public HostPolicy(List<String> allowedHosts) {
        this.allowed = allowedHosts == null ? Set.of()
                : allowedHosts.stream().map(String::trim).filter(entry -> !entry.isEmpty())
                        .map(entry -> entry.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the deployment names {@code host} (alone, or with this {@code port}). */
    public boolean allows(String host, int port) {
        String name = bare(host).toLowerCase(Locale.ROOT);
        return allowed.contains(name) || allowed.contains(name + ":" + port)
                || allowed.contains("[" + name + "]:" + port);
    }

    /** Whether the deployment names the host of {@code uri}, at its port (the scheme's default when it has none). */
    public boolean allows(URI uri) {
        return uri.getHost() != null && allows(uri.getHost(), port(uri));
    }

    /** The port {@code uri} connects to: its own, else 443 for https and 80 for http. */
    public static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Why {@code address} may not be called, or empty when it is a public address. */
    public static Optional<String> refusal(InetAddress address) {
        InetAddress checked = unmapped(address);
        if (checked.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (checked.isAnyLocalAddress()) {
            return Optional.of("the any-local address");
        }
        if (checked.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata lives there)");
        }
        if (checked.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (checked.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] bytes = checked.getAddress();
        if (checked instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a carrier-grade NAT address");
            }
            if (first == 0) {
                return Optional.of("an address of this network");
            }
            if (first >= 240) {
                return Optional.of("a reserved address");
            }
        } else if ((bytes[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        } else if ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xc0) == 0xc0) {
            // fec0::/10, the deprecated IPv6 site-local range Java still reports for some forms
            return Optional.of("a private address");
        }
        return Optional.empty();
    }

    /** An IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address as the IPv4 address it carries. */
    static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return address;
            }
        }
        boolean mapped = (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
        boolean compatible = bytes[10] == 0 && bytes[11] == 0
                && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && (bytes[15] == 0 || bytes[15] == 1));
        if (!mapped && !compatible) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
