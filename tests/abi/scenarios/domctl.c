/*
 * abi-header: domctl.h
 */
static void scenario_domctl(void)
{
#if defined(__XEN_TOOLS__)
    SAY("XEN_DOMCTL_GRANT_version", "%u %u", XEN_DOMCTL_GRANT_version(0x12u),
        XEN_DOMCTL_GRANT_version(0xffffffffu));
#endif
}
