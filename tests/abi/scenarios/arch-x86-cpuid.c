/*
 * abi-header: arch-x86/cpuid.h
 */
static void scenario_arch_x86_cpuid(void)
{
    SAY("XEN_CPUID_LEAF", "%#x %#x", XEN_CPUID_LEAF(0), XEN_CPUID_LEAF(5));
}
