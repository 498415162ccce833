/*
 * abi-header: memory.h
 */
static void scenario_memory(void)
{
#if __XEN_INTERFACE_VERSION__ >= 0x00030209
    unsigned int node;

    for ( node = 0; node < 3; node++ )
    {
        unsigned int f = XENMEMF_address_bits(32) | XENMEMF_node(node) |
                         XENMEMF_exact_node(node);

        SAY("XENMEMF", "%u: %#x bits %u node %u", node, f,
            XENMEMF_get_address_bits(f), XENMEMF_get_node(f));
    }
#endif
    SAY("XENMEM_resource_ioreq_server_frame_ioreq", "%d",
        XENMEM_resource_ioreq_server_frame_ioreq(3));
#if __XEN_INTERFACE_VERSION__ < 0x00040400
    SAY("xen_add_to_physmap_range", "%zu %zu",
        sizeof(struct xen_add_to_physmap_range),
        sizeof(xen_add_to_physmap_range_t));
#endif
}
