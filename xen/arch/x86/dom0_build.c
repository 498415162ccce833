/*
 * Domain 0 options and the checks on its kernel.
 *
 * dom0_mem=[min:<sz>,][max:<sz>,][<sz>] as in Xen, where <sz> is a size (B/K/M/G/T,
 * default KiB), a percentage of host memory ("40%"), or "-<size>" for "all but".
 * dom0_max_vcpus=<n> or <min>-<max>.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/smp.h>
#include <asm/bootinfo.h>
#include <asm/dom0_build.h>
#include <xen/console.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <public/domctl.h>

static struct dom0_mem_opt dom0_mem;
static char dom0_mem_str[64];
static unsigned int dom0_max_vcpus_min = 1, dom0_max_vcpus_max = ~0u;

static int parse_dom0_mem(const char *s)
{
    strlcpy(dom0_mem_str, s, sizeof(dom0_mem_str));
    return parse_dom0_mem_str(s, &dom0_mem);
}
custom_param("dom0_mem", parse_dom0_mem);

static int parse_dom0_max_vcpus(const char *s)
{
    const char *e;
    unsigned long lo, hi;

    lo = simple_strtoul(s, &e, 10);
    if ( e == s )
        return -EINVAL;
    hi = lo;
    if ( *e == '-' )
    {
        const char *e2;

        hi = *++e ? simple_strtoul(e, &e2, 10) : ~0u;
        if ( *e && (e2 == e || *e2) )
            return -EINVAL;
    }
    else if ( *e )
        return -EINVAL;
    if ( !lo || lo > hi )
        return -EINVAL;
    dom0_max_vcpus_min = lo;
    dom0_max_vcpus_max = hi;
    return 0;
}
custom_param("dom0_max_vcpus", parse_dom0_max_vcpus);

/*
 * Pages for dom0: without dom0_mem=, all but 1/16 of free memory (at most 128 MiB
 * kept back), as Xen does; always leaving the hypervisor some room.
 */
unsigned long dom0_compute_nr_pages(unsigned long avail)
{
    u64 avail_b = (u64)avail << PAGE_SHIFT, want, lo, hi;
    u64 reserve = min_t(u64, avail_b / 16, 128UL << 20);

    if ( dom0_mem.amt.kind != DOM0_SIZE_NONE )
        want = dom0_size_resolve(&dom0_mem.amt, avail_b);
    else
        want = avail_b - reserve;
    lo = dom0_mem.min.kind != DOM0_SIZE_NONE ? dom0_size_resolve(&dom0_mem.min, avail_b) : 0;
    hi = dom0_mem.max.kind != DOM0_SIZE_NONE ? dom0_size_resolve(&dom0_mem.max, avail_b) : ~0ULL;
    want = max(want, lo);
    want = min(want, hi);
    if ( want > avail_b - reserve )
    {
        printk(XENLOG_WARNING "dom0_mem=%s asks for %lu MiB but only %lu MiB can be given: "
               "clamped\n", dom0_mem_str, (unsigned long)(want >> 20),
               (unsigned long)((avail_b - reserve) >> 20));
        want = avail_b - reserve;
    }
    return want >> PAGE_SHIFT;
}

/* Dom0's reservation limit: dom0_mem=max:N, else none (~0U), as in Xen 4.17. */
unsigned long dom0_max_pages(unsigned long avail)
{
    if ( dom0_mem.max.kind == DOM0_SIZE_NONE )
        return ~0U;
    return dom0_size_resolve(&dom0_mem.max, (u64)avail << PAGE_SHIFT) >> PAGE_SHIFT;
}

static const char *kernel_format(const u8 *p, u64 size)
{
    if ( size >= 64 && p[0] == 0x7f && p[1] == 'E' && p[2] == 'L' && p[3] == 'F' )
        return p[4] == 2 ? "ELF64" : "ELF32";
    if ( size >= 0x210 && !memcmp(p + 0x202, "HdrS", 4) )
        return "bzImage";
    return NULL;
}

/* Serial input queued for dom0: tell it through VIRQ_CONSOLE. */
static void dom0_console_input(void)
{
    struct domain *d0 = get_domain_by_id(0);

    if ( d0 )
    {
        send_guest_global_virq(d0, VIRQ_CONSOLE);
        put_domain(d0);
    }
}

void __init dom0_setup(void)
{
    const struct boot_module *k = &boot_info.mods[0];
    struct domain *d;
    const char *fmt;
    unsigned long pages;
    unsigned int vcpus;

    if ( !boot_info.nr_modules )
    {
        printk("No dom0 kernel given (no multiboot module): running without domain 0\n");
        return;
    }
    fmt = kernel_format(maddr_to_virt(k->start), k->size);
    if ( !fmt )
        panic("Could not set up DOM0 guest OS: boot module 1 ('%s', %lu bytes) is neither "
              "an ELF image nor a Linux bzImage", k->cmdline, (unsigned long)k->size);

    /* Leave room for the decompressed kernel while building. */
    pages = dom0_compute_nr_pages(avail_heap_pages() - min(avail_heap_pages() / 4,
                                                            (unsigned long)PFN_UP(96UL << 20)));
    vcpus = min(num_online_cpus(), dom0_max_vcpus_max);
    vcpus = max(vcpus, dom0_max_vcpus_min);
    printk("Dom0 kernel: %s, %lu KiB ('%s'); %lu MiB and %u vCPU%s for dom0\n", fmt,
           (unsigned long)(k->size >> 10), k->cmdline, pages >> (20 - PAGE_SHIFT), vcpus,
           vcpus == 1 ? "" : "s");

    /* As Xen's dom0 configuration: no limits on ports or grant frames. */
    {
        struct xen_domctl_createdomain cfg = {
            .max_vcpus = vcpus,
            .max_evtchn_port = ~0u,
            .max_grant_frames = -1,
            .max_maptrack_frames = -1,
            .grant_opts = XEN_DOMCTL_GRANT_version(1),
        };
        int err;

        d = domain_create(0, &cfg, true, &err);
        if ( !d || !vcpu_create(d, 0) )
            panic("Could not set up DOM0 guest OS: cannot create the domain (%d)", err);
    }
    if ( construct_dom0(d, k, boot_info.nr_modules > 1 ? &boot_info.mods[1] : NULL, pages,
                        vcpus) )
        panic("Could not set up DOM0 guest OS");
    console_set_dom0_input_notify(dom0_console_input);
    clear_bit(_VPF_down, &d->vcpu[0]->pause_flags);
    domain_unpause_by_systemcontroller(d);
}
