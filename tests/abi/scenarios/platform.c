/*
 * abi-header: platform.h
 */
static void scenario_platform(void)
{
    SAY("xenpf_settime", "%zu %zu", sizeof(struct xenpf_settime),
        offsetof(struct xenpf_settime, system_time));
}
