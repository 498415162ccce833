/*
 * abi-header: io/console.h
 *
 * Index masking and the optional flex-ring view of the console page.
 */
static void scenario_io_console(void)
{
    static struct xencons_interface intf;
    static const char msg[] = "0123456789abcdef";
    char out[sizeof(msg)];
    RING_IDX prod = 0, cons = 0, i;

    SAY("MASK_XENCONS_IDX", "%u %u", (unsigned)MASK_XENCONS_IDX(1030, intf.in),
        (unsigned)MASK_XENCONS_IDX(5000, intf.out));

    /* Wrap a message around the end of "out" with the flex helpers. */
    prod = cons = sizeof(intf.out) - 5;
    xencons_write_packet((unsigned char *)intf.out, msg, sizeof(msg), &prod,
                         cons, sizeof(intf.out));
    SAY("xencons_queued", "%u", xencons_queued(prod, cons, sizeof(intf.out)));
    xencons_read_packet(out, (unsigned char *)intf.out, sizeof(msg), prod,
                        &cons, sizeof(intf.out));
    SAY("xencons_read_packet", "%s prod %u cons %u", out, prod, cons);
    for ( i = 0; i < 3; i++ )
        SAY("xencons_get_ring_ptr", "%td",
            (char *)xencons_get_ring_ptr((unsigned char *)intf.out, 2046 + i,
                                         sizeof(intf.out)) -
                intf.out);
    SAY("xencons_data", "%zu", sizeof(struct xencons_data));
}
