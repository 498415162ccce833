/*
 * abi-header: io/netif.h
 *
 * The Toeplitz hash against the test vectors of Microsoft's RSS
 * specification (IPv4, addresses and ports).
 */
static void scenario_io_netif(void)
{
    static const uint8_t key[40] = {
        0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67,
        0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0, 0xd0, 0xca, 0x2b, 0xcb,
        0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30,
        0xf2, 0x0c, 0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
    };
    /* 66.9.149.187:2794 -> 161.142.100.80:1766 */
    static const uint8_t tuple[12] = {
        66, 9, 149, 187, 161, 142, 100, 80, 0x0a, 0xea, 0x06, 0xe6,
    };

    SAY("toeplitz ipv4", "%#x", xen_netif_toeplitz_hash(key, 40, tuple, 8));
    SAY("toeplitz ipv4 tcp", "%#x",
        xen_netif_toeplitz_hash(key, 40, tuple, 12));
    SAY("toeplitz short key", "%#x",
        xen_netif_toeplitz_hash(key, 5, tuple, 12));
    SAY("netif rings", "%lu %lu %lu",
        (unsigned long)__CONST_RING_SIZE(netif_tx, 4096),
        (unsigned long)__CONST_RING_SIZE(netif_rx, 4096),
        (unsigned long)__CONST_RING_SIZE(xen_netif_ctrl, 4096));
}
