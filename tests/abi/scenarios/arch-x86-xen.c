/*
 * abi-header: arch-x86/xen.h
 *
 * The trap_info accessors.
 */
static void scenario_arch_x86_xen(void)
{
    struct trap_info ti;
    unsigned int dpl;

    for ( dpl = 0; dpl < 4; dpl++ )
    {
        memset(&ti, 0, sizeof(ti));
        TI_SET_DPL(&ti, dpl);
        TI_SET_IF(&ti, dpl & 1);
        SAY("TI_*", "dpl %u: flags %#x get_dpl %u get_if %u", dpl, ti.flags,
            TI_GET_DPL(&ti), TI_GET_IF(&ti));
    }
}
