/*
 * test_abi.c: our note numbers and feature names against Xen's own public
 * headers as Debian's libxen-dev ships them (Xen 4.17).
 */
#include <stdio.h>
#include <string.h>
#include <xen/elfnote.h>
#include <xen/features.h>

#include "xenimage.h"

static int failed, any_failed;

#define SAME(ours, xens)                                                   \
    do {                                                                   \
        if ( (ours) != (xens) )                                            \
        {                                                                  \
            fprintf(stderr, "    %s is %d, Xen's %s is %d\n", #ours,       \
                    (int)(ours), #xens, (int)(xens));                      \
            failed++;                                                      \
        }                                                                  \
    } while ( 0 )

#define NAMED(bit, name)                                                   \
    do {                                                                   \
        const char *n_ = xenimage_feature_name(bit);                       \
        if ( !n_ || strcmp(n_, name) )                                     \
        {                                                                  \
            fprintf(stderr, "    feature %d is %s, expected %s\n", bit,    \
                    n_ ? n_ : "(null)", name);                             \
            failed++;                                                      \
        }                                                                  \
    } while ( 0 )

static void report(const char *name)
{
    printf("%s: image/%s\n", failed ? "FAIL" : "PASS", name);
    any_failed |= failed;
    failed = 0;
}

int main(void)
{
    SAME(XENIMAGE_NOTE_INFO, XEN_ELFNOTE_INFO);
    SAME(XENIMAGE_NOTE_ENTRY, XEN_ELFNOTE_ENTRY);
    SAME(XENIMAGE_NOTE_HYPERCALL_PAGE, XEN_ELFNOTE_HYPERCALL_PAGE);
    SAME(XENIMAGE_NOTE_VIRT_BASE, XEN_ELFNOTE_VIRT_BASE);
    SAME(XENIMAGE_NOTE_PADDR_OFFSET, XEN_ELFNOTE_PADDR_OFFSET);
    SAME(XENIMAGE_NOTE_XEN_VERSION, XEN_ELFNOTE_XEN_VERSION);
    SAME(XENIMAGE_NOTE_GUEST_OS, XEN_ELFNOTE_GUEST_OS);
    SAME(XENIMAGE_NOTE_GUEST_VERSION, XEN_ELFNOTE_GUEST_VERSION);
    SAME(XENIMAGE_NOTE_LOADER, XEN_ELFNOTE_LOADER);
    SAME(XENIMAGE_NOTE_PAE_MODE, XEN_ELFNOTE_PAE_MODE);
    SAME(XENIMAGE_NOTE_FEATURES, XEN_ELFNOTE_FEATURES);
    SAME(XENIMAGE_NOTE_BSD_SYMTAB, XEN_ELFNOTE_BSD_SYMTAB);
    SAME(XENIMAGE_NOTE_HV_START_LOW, XEN_ELFNOTE_HV_START_LOW);
    SAME(XENIMAGE_NOTE_L1_MFN_VALID, XEN_ELFNOTE_L1_MFN_VALID);
    SAME(XENIMAGE_NOTE_SUSPEND_CANCEL, XEN_ELFNOTE_SUSPEND_CANCEL);
    SAME(XENIMAGE_NOTE_INIT_P2M, XEN_ELFNOTE_INIT_P2M);
    SAME(XENIMAGE_NOTE_MOD_START_PFN, XEN_ELFNOTE_MOD_START_PFN);
    SAME(XENIMAGE_NOTE_SUPPORTED_FEATURES, XEN_ELFNOTE_SUPPORTED_FEATURES);
    SAME(XENIMAGE_NOTE_PHYS32_ENTRY, XEN_ELFNOTE_PHYS32_ENTRY);
    /* PHYS32_RELOC came after 4.17: it must follow the last 4.17 note. */
    SAME(XENIMAGE_NOTE_PHYS32_RELOC, XEN_ELFNOTE_MAX + 1);
    report("abi-note-numbers");

    SAME(XENIMAGE_FEAT_dom0, XENFEAT_dom0);
    SAME(XENIMAGE_FEAT_supervisor_mode_kernel,
         XENFEAT_supervisor_mode_kernel);
    NAMED(XENFEAT_writable_page_tables, "writable_page_tables");
    NAMED(XENFEAT_writable_descriptor_tables, "writable_descriptor_tables");
    NAMED(XENFEAT_auto_translated_physmap, "auto_translated_physmap");
    NAMED(XENFEAT_supervisor_mode_kernel, "supervisor_mode_kernel");
    NAMED(XENFEAT_pae_pgdir_above_4gb, "pae_pgdir_above_4gb");
    NAMED(XENFEAT_mmu_pt_update_preserve_ad, "mmu_pt_update_preserve_ad");
    NAMED(XENFEAT_highmem_assist, "highmem_assist");
    NAMED(XENFEAT_gnttab_map_avail_bits, "gnttab_map_avail_bits");
    NAMED(XENFEAT_hvm_callback_vector, "hvm_callback_vector");
    NAMED(XENFEAT_hvm_safe_pvclock, "hvm_safe_pvclock");
    NAMED(XENFEAT_hvm_pirqs, "hvm_pirqs");
    NAMED(XENFEAT_dom0, "dom0");
    NAMED(12, "grant_map_identity"); /* commented out in 4.17's header */
    NAMED(XENFEAT_memory_op_vnode_supported, "memory_op_vnode_supported");
    NAMED(XENFEAT_ARM_SMCCC_supported, "ARM_SMCCC_supported");
    NAMED(XENFEAT_linux_rsdp_unrestricted, "linux_rsdp_unrestricted");
    NAMED(XENFEAT_not_direct_mapped, "not_direct_mapped");
    NAMED(XENFEAT_direct_mapped, "direct_mapped");
    report("abi-feature-names");
    return any_failed ? 1 : 0;
}
