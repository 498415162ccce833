/*
 * abi-header: hvm/dm_op.h
 */
static void scenario_hvm_dm_op(void)
{
    SAY("XEN_DMOP_PCI_SBDF", "%#x %#x", XEN_DMOP_PCI_SBDF(1, 2, 3, 4),
        XEN_DMOP_PCI_SBDF(0x12345, 0x1ff, 0x3f, 0xf));
}
