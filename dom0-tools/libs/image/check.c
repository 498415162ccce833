/*
 * check.c: would Xen accept this image for this kind of guest?
 *
 * The checks and their order are Xen 4.17's: elf_xen_note_check() and
 * elf_xen_addr_calc_check() in libelf, the compatibility and Dom0 tests of
 * dom0_construct_pv() and initdom_check_parms(), libxenguest's refusal of
 * dom0-only kernels as domU, and the PVH builders' need for PHYS32_ENTRY.
 */
#include <errno.h>
#include <string.h>

#include "private.h"

/* Xen's private area for 64-bit PV guests (HYPERVISOR_VIRT_START/END). */
#define HYPERVISOR_VIRT_START UINT64_C(0xffff800000000000)
#define HYPERVISOR_VIRT_END   UINT64_C(0xffff880000000000)
/* The default start of Xen's area for 32-bit PV guests. */
#define HYPERVISOR_COMPAT_VIRT_START UINT64_C(0xf5800000)

#define FEAT(info, set, bit) (((info)->set >> (bit)) & 1)

/* Checks every guest kind shares: notes present, features known, dom0. */
static int check_common(struct xenimage *img, bool dom0)
{
    const struct xenimage_info *info = &img->info;

    if ( !info->nr_notes && !info->legacy_guest_info )
        return image_fail(img, -ENOEXEC,
                          "not a Xen kernel: no Xen ELF notes and no "
                          "__xen_guest section");
    if ( info->f_unknown_required )
        return image_fail(img, -ENOEXEC,
                          "FEATURES requires \"%s\", which Xen does not know",
                          info->f_unknown_required);
    if ( info->bsd_symtab && info->bsd_symtab_pend == XENIMAGE_UNSET )
        return image_fail(img, -ENOEXEC,
                          "BSD_SYMTAB asks for the symbol table, but the "
                          "image has none (or no room for it)");
    if ( dom0 && img->note_seen[XENIMAGE_NOTE_SUPPORTED_FEATURES] &&
         !FEAT(info, f_supported, XENIMAGE_FEAT_dom0) )
        return image_fail(img, -ENOEXEC,
                          "kernel does not support Dom0 operation "
                          "(SUPPORTED_FEATURES lacks XENFEAT_dom0)");
    if ( !dom0 && FEAT(info, f_required, XENIMAGE_FEAT_dom0) )
        return image_fail(img, -ENOEXEC,
                          "kernel does not support unprivileged (DomU) "
                          "operation: FEATURES requires dom0");
    return 0;
}

/* Where the kernel lands in the guest's virtual address space. */
static int check_pv_addresses(struct xenimage *img)
{
    const struct xenimage_info *info = &img->info;

    if ( info->paddr_offset != XENIMAGE_UNSET &&
         info->virt_base == XENIMAGE_UNSET )
        return image_fail(img, -ENOEXEC, "PADDR_OFFSET set, VIRT_BASE unset");
    if ( info->virt_kstart > info->virt_kend )
        return image_fail(img, -ENOEXEC,
                          "kernel extent wraps around: VIRT_BASE 0x%" PRIx64
                          " and PADDR_OFFSET 0x%" PRIx64 " do not fit paddr "
                          "0x%" PRIx64 "-0x%" PRIx64, info->pv_virt_base,
                          info->pv_paddr_offset, info->pstart, info->pend);
    if ( info->pv_virt_base > info->virt_kstart )
        return image_fail(img, -ENOEXEC,
                          "VIRT_BASE 0x%" PRIx64 " lies above the kernel "
                          "start 0x%" PRIx64, info->pv_virt_base,
                          info->virt_kstart);
    if ( info->pv_entry < info->virt_kstart ||
         info->pv_entry > info->virt_kend )
        return image_fail(img, -ENOEXEC,
                          "entry point 0x%" PRIx64 " lies outside the kernel "
                          "0x%" PRIx64 "-0x%" PRIx64, info->pv_entry,
                          info->virt_kstart, info->virt_kend);
    if ( info->p2m_base != XENIMAGE_UNSET &&
         info->p2m_base >= info->virt_kstart &&
         info->p2m_base < info->virt_kend )
        return image_fail(img, -ENOEXEC,
                          "INIT_P2M 0x%" PRIx64 " lies inside the kernel "
                          "0x%" PRIx64 "-0x%" PRIx64, info->p2m_base,
                          info->virt_kstart, info->virt_kend);
    return 0;
}

/* The guest's mode must be one Xen runs, clear of Xen's own area. */
static int check_pv_mode(struct xenimage *img)
{
    const struct xenimage_info *info = &img->info;
    uint64_t hv;

    if ( img->is64 )
    {
        if ( info->pv_virt_base < HYPERVISOR_VIRT_END &&
             info->virt_kend > HYPERVISOR_VIRT_START )
            return image_fail(img, -ENOEXEC,
                              "kernel 0x%" PRIx64 "-0x%" PRIx64 " overlaps "
                              "Xen's private area 0x%" PRIx64 "-0x%" PRIx64,
                              info->pv_virt_base, info->virt_kend,
                              HYPERVISOR_VIRT_START, HYPERVISOR_VIRT_END);
        return 0;
    }
    if ( info->pae == XENIMAGE_PAE_NO )
        return image_fail(img, -ENOEXEC,
                          "32-bit PV kernel without PAE (PAE_MODE \"%s\"): "
                          "Xen runs 32-bit PV guests with PAE only",
                          info->pae_mode);
    hv = HYPERVISOR_COMPAT_VIRT_START;
    if ( info->hv_start_low != XENIMAGE_UNSET &&
         ((info->hv_start_low + 0x1fffff) & ~UINT64_C(0x1fffff)) > hv )
        return image_fail(img, -ERANGE,
                          "HV_START_LOW 0x%" PRIx64 " is above Xen's "
                          "0x%" PRIx64, info->hv_start_low, hv);
    if ( info->virt_kend > hv )
        return image_fail(img, -ENOEXEC,
                          "kernel end 0x%" PRIx64 " overlaps Xen's private "
                          "area from 0x%" PRIx64, info->virt_kend, hv);
    return 0;
}

static int check_pv(struct xenimage *img, bool dom0)
{
    const struct xenimage_info *info = &img->info;
    int rc = check_common(img, dom0);

    if ( rc )
        return rc;
    if ( strncmp(info->loader, "generic", 7) &&
         strncmp(info->guest_os, "linux", 5) )
        return image_fail(img, -ENOEXEC,
                          "Xen only loads images built for the generic "
                          "loader or Linux (LOADER \"%s\", GUEST_OS \"%s\")",
                          info->loader, info->guest_os);
    if ( strncmp(info->xen_version, "xen-3.0", 7) )
        return image_fail(img, -ENOEXEC,
                          "Xen only loads images built for Xen v3.0 "
                          "(XEN_VERSION \"%s\")", info->xen_version);
    rc = check_pv_addresses(img);
    if ( !rc )
        rc = check_pv_mode(img);
    if ( !rc && FEAT(info, f_required, XENIMAGE_FEAT_supervisor_mode_kernel) )
        rc = image_fail(img, -ENOEXEC,
                        "kernel requires supervisor_mode_kernel, which Xen "
                        "does not offer");
    return rc;
}

static int check_pvh(struct xenimage *img, bool dom0)
{
    const struct xenimage_info *info = &img->info;
    int rc;

    if ( info->phys_entry == XENIMAGE_UNSET )
        return image_fail(img, -ENOEXEC,
                          "no PHYS32_ENTRY note: the kernel has no PVH entry "
                          "point");
    rc = check_common(img, dom0);
    if ( rc )
        return rc;
    if ( info->phys_entry < info->pstart || info->phys_entry > info->pend )
        return image_fail(img, -ENOEXEC,
                          "PHYS32_ENTRY 0x%" PRIx64 " lies outside the kernel "
                          "0x%" PRIx64 "-0x%" PRIx64, info->phys_entry,
                          info->pstart, info->pend);
    if ( info->p2m_base != XENIMAGE_UNSET &&
         info->p2m_base >= info->pstart && info->p2m_base < info->pend )
        return image_fail(img, -ENOEXEC,
                          "INIT_P2M 0x%" PRIx64 " lies inside the kernel",
                          info->p2m_base);
    return 0;
}

int xenimage_check(struct xenimage *img, unsigned int flags)
{
    bool dom0 = flags & XENIMAGE_CHECK_DOM0;
    int rc = 0;

    if ( !img )
        return -EINVAL;
    if ( !img->open )
        return image_fail(img, -EINVAL, "no image is open");
    if ( (flags & ~(XENIMAGE_CHECK_PV | XENIMAGE_CHECK_PVH |
                    XENIMAGE_CHECK_DOM0)) ||
         !(flags & (XENIMAGE_CHECK_PV | XENIMAGE_CHECK_PVH)) )
        return image_fail(img, -EINVAL, "bad check flags 0x%x", flags);

    if ( flags & XENIMAGE_CHECK_PV )
        rc = check_pv(img, dom0);
    if ( !rc && (flags & XENIMAGE_CHECK_PVH) )
        rc = check_pvh(img, dom0);
    if ( !rc )
        img->err[0] = '\0';
    return rc;
}
