/*
 * abi-header: vcpu.h
 */
static void scenario_vcpu(void)
{
    uint64_t physid = 0x0000001200000034ULL;

    SAY("xen_vcpu_physid_to_x86", "%u %u",
        xen_vcpu_physid_to_x86_apicid(physid),
        xen_vcpu_physid_to_x86_acpiid(physid));
}
