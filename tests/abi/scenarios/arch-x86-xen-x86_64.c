/*
 * abi-header: arch-x86/xen-x86_64.h
 *
 * CR3 encoding of frame numbers and the machine-to-phys table address.
 */
static void scenario_arch_x86_xen_x86_64(void)
{
    SAY("xen_pfn_to_cr3", "%#lx", xen_pfn_to_cr3(0x123456789UL));
    SAY("xen_cr3_to_pfn", "%#lx", xen_cr3_to_pfn(0x123456789abcUL));
    SAY("machine_to_phys_mapping", "%p %zu", (void *)machine_to_phys_mapping,
        sizeof(machine_to_phys_mapping[0]));
}
