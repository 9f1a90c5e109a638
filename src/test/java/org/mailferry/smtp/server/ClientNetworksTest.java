package org.mailferry.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ClientNetworksTest {
    private static boolean in(ClientNetworks n, String ip) throws Exception {
        return n.contains(InetAddress.getByName(ip));
    }

    @Test
    void addressesBlocksAndRanges() throws Exception {
        ClientNetworks n = ClientNetworks.parse("192.0.2.7, 10.0.0.0/8;198.51.100.10-198.51.100.20\n2001:db8::/32");
        assertThat(in(n, "192.0.2.7")).isTrue();
        assertThat(in(n, "192.0.2.8")).isFalse();
        assertThat(in(n, "10.255.1.2")).isTrue();
        assertThat(in(n, "11.0.0.1")).isFalse();
        assertThat(in(n, "198.51.100.15")).isTrue();
        assertThat(in(n, "198.51.100.21")).isFalse();
        assertThat(in(n, "2001:db8:1::5")).isTrue();
        assertThat(in(n, "2001:db9::1")).isFalse();
        assertThat(in(ClientNetworks.NONE, "127.0.0.1")).isFalse();
        assertThatThrownBy(() -> ClientNetworks.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> ClientNetworks.parse("mail.example.com")).hasMessageContaining("mail.example.com");
    }
}
