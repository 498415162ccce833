/*
 * abi-header: io/xs_wire.h
 *
 * The xenstore error table (defined when <errno.h> came first, as it does
 * in the checker) and the ring index mask.  Inert until the xenstore
 * component adds io/xs_wire.h.
 */
static void scenario_io_xs_wire(void)
{
#ifdef XSD_ERROR
    static const struct xsd_errors table[] = {XSD_ERROR(EINVAL)};
    unsigned int i;

    for ( i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++ )
        SAY("xsd_errors", "%d %s", xsd_errors[i].errnum,
            xsd_errors[i].errstring);
    SAY("XSD_ERROR", "%d %s", table[0].errnum, table[0].errstring);
#endif
    SAY("MASK_XENSTORE_IDX", "%u %u", (unsigned)MASK_XENSTORE_IDX(1023),
        (unsigned)MASK_XENSTORE_IDX(1025));
}
