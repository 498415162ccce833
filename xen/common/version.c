/*
 * xen_version and vm_assist.
 *
 * We implement Xen 4.17's interface, so we say 4.17; the extra version (".0-hv")
 * and the changeset tell what we are.  The PV feature bits are the ones Xen 4.17
 * gives a 64-bit PV guest: Linux refuses to boot without mmu_pt_update_preserve_ad
 * and gnttab_map_avail_bits, and would take HVM paths with writable_page_tables or
 * auto_translated_physmap, so those stay clear.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <public/version.h>
#include <public/features.h>

static u32 features_for(const struct domain *d)
{
    u32 f = (1u << XENFEAT_mmu_pt_update_preserve_ad) | (1u << XENFEAT_highmem_assist) |
            (1u << XENFEAT_gnttab_map_avail_bits) | (1u << XENFEAT_pae_pgdir_above_4gb);

    if ( d->is_privileged )
        f |= 1u << XENFEAT_dom0;
    return f;
}

long do_xen_version(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d = current->domain;

    switch ( cmd )
    {
    case XENVER_version:
        return (XEN_VERSION << 16) | XEN_SUBVERSION;

    case XENVER_extraversion:
    {
        xen_extraversion_t ev;

        memset(ev, 0, sizeof(ev));
        strlcpy(ev, XEN_EXTRAVERSION, sizeof(ev));
        return raw_copy_to_guest(arg.p, ev, sizeof(ev)) ? -EFAULT : 0;
    }

    case XENVER_compile_info:
    {
        struct xen_compile_info info;

        memset(&info, 0, sizeof(info));
        strlcpy(info.compiler, XEN_COMPILER, sizeof(info.compiler));
        strlcpy(info.compile_by, "builder", sizeof(info.compile_by));
        strlcpy(info.compile_domain, "localdomain", sizeof(info.compile_domain));
        strlcpy(info.compile_date, xen_build_date, sizeof(info.compile_date));
        return raw_copy_to_guest(arg.p, &info, sizeof(info)) ? -EFAULT : 0;
    }

    case XENVER_capabilities:
    {
        xen_capabilities_info_t caps;

        memset(caps, 0, sizeof(caps));
        strlcpy(caps, "xen-3.0-x86_64 ", sizeof(caps));
        return raw_copy_to_guest(arg.p, caps, sizeof(caps)) ? -EFAULT : 0;
    }

    case XENVER_changeset:
    {
        xen_changeset_info_t cs;

        memset(cs, 0, sizeof(cs));
        strlcpy(cs, xen_changeset, sizeof(cs));
        return raw_copy_to_guest(arg.p, cs, sizeof(cs)) ? -EFAULT : 0;
    }

    case XENVER_platform_parameters:
    {
        struct xen_platform_parameters p = { .virt_start = HYPERVISOR_VIRT_START };

        return raw_copy_to_guest(arg.p, &p, sizeof(p)) ? -EFAULT : 0;
    }

    case XENVER_get_features:
    {
        struct xen_feature_info fi;

        if ( raw_copy_from_guest(&fi, arg.p, sizeof(fi)) )
            return -EFAULT;
        if ( fi.submap_idx >= XENFEAT_NR_SUBMAPS )
            return -EINVAL;
        fi.submap = features_for(d);
        return raw_copy_to_guest(arg.p, &fi, sizeof(fi)) ? -EFAULT : 0;
    }

    case XENVER_pagesize:
        return PAGE_SIZE;

    case XENVER_guest_handle:
        return raw_copy_to_guest(arg.p, d->handle, sizeof(d->handle)) ? -EFAULT : 0;

    case XENVER_commandline:
    {
        xen_commandline_t line;

        if ( !d->is_privileged )
            return -EPERM;
        memset(line, 0, sizeof(line));
        strlcpy(line, saved_cmdline, sizeof(line));
        return raw_copy_to_guest(arg.p, line, sizeof(line)) ? -EFAULT : 0;
    }

    case XENVER_build_id:
        return -ENODATA;
    }
    return -ENOSYS;
}

/* The assists a 64-bit PV guest may ask for (Xen's NATIVE_VM_ASSIST_VALID). */
#define VM_ASSIST_VALID ((1UL << VMASST_TYPE_4gb_segments) |              \
                         (1UL << VMASST_TYPE_4gb_segments_notify) |       \
                         (1UL << VMASST_TYPE_writable_pagetables) |       \
                         (1UL << VMASST_TYPE_pae_extended_cr3) |          \
                         (1UL << VMASST_TYPE_architectural_iopl) |        \
                         (1UL << VMASST_TYPE_runstate_update_flag) |      \
                         (1UL << VMASST_TYPE_m2p_strict))

long do_vm_assist(unsigned int cmd, unsigned int type)
{
    struct domain *d = current->domain;

    if ( type >= BITS_PER_LONG || !((1UL << type) & VM_ASSIST_VALID) )
        return -EINVAL;
    switch ( cmd )
    {
    case VMASST_CMD_enable:
        set_bit(type, &d->arch.pv.vm_assist);
        return 0;
    case VMASST_CMD_disable:
        clear_bit(type, &d->arch.pv.vm_assist);
        return 0;
    }
    return -ENOSYS;
}
