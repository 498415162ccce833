/*
 * Hypercall entry and xen_version.
 *
 * - The hypercall page named by XEN_ELFNOTE_HYPERCALL_PAGE holds 128 stubs
 *   of 32 bytes; a call through stub i makes hypercall i and keeps RCX and
 *   R11 (Xen: pv_ring3_init_hypercall_page).  A bare SYSCALL from guest
 *   kernel mode is a hypercall too (Linux >= 6.1.123 uses only that).
 * - Every XENVER_ sub-op of Xen 4.17 (public version.h) answers with the
 *   documented layout; unknown sub-ops and hypercall numbers give -ENOSYS.
 */
#include <pvguest/processor.h>
#include <pvguest/test.h>

const char test_title[] = "hypercall page, SYSCALL entry and xen_version";

static bool nul_terminated(const char *s, size_t size)
{
    return strnlen(s, size) < size;
}

static void test_hypercall_page(void)
{
    unsigned int i, stubs = 0;
    long a, b;

    if ( hypercall_use_syscall )
    {
        test_fail("the hypercall page named in the ELF note was not filled");
        return;
    }
    /* Each stub loads its own number into EAX ("mov $i, %eax"). */
    for ( i = 0; i < 128; i++ )
    {
        const uint8_t *p = &hypercall_page[i * 32];
        unsigned int off;

        for ( off = 0; off + 5 <= 32; off++ )
            if ( p[off] == 0xb8 &&
                 (p[off + 1] | p[off + 2] << 8 | p[off + 3] << 16 |
                  (uint32_t)p[off + 4] << 24) == i )
                break;
        stubs += off + 5 <= 32;
    }
    check_eq(stubs, 128, "stubs that load their own hypercall number");

    /* Page and bare SYSCALL agree. */
    a = HYPERVISOR_xen_version(XENVER_version, NULL);
    b = _hypercall_syscall(__HYPERVISOR_xen_version, XENVER_version, 0, 0,
                           0, 0);
    check(a > 0, "xen_version via the page: %ld", a);
    check_eq(b, a, "xen_version via SYSCALL vs via the page");
}

/* RCX and R11 survive a call through the page (the stub saves them). */
static void test_page_preserves_rcx_r11(void)
{
    unsigned long rcx = 0x1122334455667788UL, r11 = 0x0123456789abcdefUL;
    register unsigned long rdi asm("rdi") = XENVER_version;
    register unsigned long rsi asm("rsi") = 0;
    long ret;

    if ( hypercall_use_syscall )
        return;
    asm volatile ( "mov %[c], %%rcx\n\t"
                   "mov %[r], %%r11\n\t"
                   "call *%[fn]\n\t"
                   "mov %%rcx, %[c]\n\t"
                   "mov %%r11, %[r]"
                   : "=a" (ret), [c] "+m" (rcx), [r] "+m" (r11),
                     "+r" (rdi), "+r" (rsi)
                   : "0" ((unsigned long)__HYPERVISOR_xen_version),
                     [fn] "r" (&hypercall_page[__HYPERVISOR_xen_version * 32])
                   : "rcx", "r11", "rdx", "r8", "r9", "r10", "memory" );
    check(ret > 0, "xen_version through the page: %ld", ret);
    check_eqx(rcx, 0x1122334455667788UL, "RCX after a page hypercall");
    check_eqx(r11, 0x0123456789abcdefUL, "R11 after a page hypercall");
}

static void test_version(void)
{
    long v = HYPERVISOR_xen_version(XENVER_version, NULL);
    long s = _hypercall_syscall(__HYPERVISOR_xen_version, XENVER_version,
                                0, 0, 0, 0);

    printk("XENVER_version: %ld.%ld\n", v >> 16, v & 0xffff);
    check_eq(v >> 16, 4, "major version");
    check(v >= 0 && (v & 0xffff) >= 17, "minor version %ld >= 17",
          v & 0xffff);
    check_eq(s, v, "XENVER_version via a bare SYSCALL");
}

static void test_strings(void)
{
    xen_extraversion_t extra;
    xen_compile_info_t ci;
    xen_capabilities_info_t caps;
    xen_changeset_info_t cs;
    xen_commandline_t cmdline;
    long rc;

    memset(extra, 0x55, sizeof(extra));
    rc = HYPERVISOR_xen_version(XENVER_extraversion, extra);
    check_eq(rc, 0, "XENVER_extraversion");
    check(nul_terminated(extra, sizeof(extra)), "extraversion NUL-terminated");
    printk("extraversion '%s'\n", extra);

    memset(&ci, 0x55, sizeof(ci));
    rc = HYPERVISOR_xen_version(XENVER_compile_info, &ci);
    check_eq(rc, 0, "XENVER_compile_info");
    check(nul_terminated(ci.compiler, sizeof(ci.compiler)) &&
          nul_terminated(ci.compile_by, sizeof(ci.compile_by)) &&
          nul_terminated(ci.compile_domain, sizeof(ci.compile_domain)) &&
          nul_terminated(ci.compile_date, sizeof(ci.compile_date)),
          "compile_info strings NUL-terminated");

    memset(caps, 0x55, sizeof(caps));
    rc = HYPERVISOR_xen_version(XENVER_capabilities, caps);
    check_eq(rc, 0, "XENVER_capabilities");
    check(nul_terminated(caps, sizeof(caps)), "capabilities NUL-terminated");
    check(strstr(caps, "xen-3.0-x86_64") != NULL,
          "capabilities '%s' name xen-3.0-x86_64", caps);

    memset(cs, 0x55, sizeof(cs));
    rc = HYPERVISOR_xen_version(XENVER_changeset, cs);
    check_eq(rc, 0, "XENVER_changeset");
    check(nul_terminated(cs, sizeof(cs)), "changeset NUL-terminated");

    /* The hypervisor's command line, for a privileged domain. */
    memset(cmdline, 0x55, sizeof(cmdline));
    rc = HYPERVISOR_xen_version(XENVER_commandline, cmdline);
    check_eq(rc, 0, "XENVER_commandline");
    check(nul_terminated(cmdline, sizeof(cmdline)),
          "commandline NUL-terminated");
    check(strstr(cmdline, "console=com1") != NULL,
          "commandline '%s' is the hypervisor's", cmdline);
}

static void test_platform_and_features(void)
{
    xen_platform_parameters_t pp = { 0 };
    xen_feature_info_t fi = { .submap_idx = 0 };
    xen_domain_handle_t handle;
    long rc;
    unsigned int i;
    bool zero = true;

    rc = HYPERVISOR_xen_version(XENVER_platform_parameters, &pp);
    check_eq(rc, 0, "XENVER_platform_parameters");
    check_eqx(pp.virt_start, HYPERVISOR_VIRT_START, "virt_start");

    rc = HYPERVISOR_xen_version(XENVER_get_features, &fi);
    check_eq(rc, 0, "XENVER_get_features submap 0");
    printk("features submap 0: 0x%08x\n", fi.submap);
    /* Linux panics without these two (drivers/xen/features.c). */
    check(fi.submap & (1u << XENFEAT_mmu_pt_update_preserve_ad),
          "XENFEAT_mmu_pt_update_preserve_ad");
    check(fi.submap & (1u << XENFEAT_gnttab_map_avail_bits),
          "XENFEAT_gnttab_map_avail_bits");
    check(fi.submap & (1u << XENFEAT_dom0), "XENFEAT_dom0 for domain 0");
    /* These would send a PV kernel down HVM/PVH paths. */
    check(!(fi.submap & ((1u << XENFEAT_writable_page_tables) |
                         (1u << XENFEAT_auto_translated_physmap) |
                         (1u << XENFEAT_supervisor_mode_kernel) |
                         (1u << XENFEAT_hvm_callback_vector) |
                         (1u << XENFEAT_hvm_safe_pvclock) |
                         (1u << XENFEAT_hvm_pirqs))),
          "no writable_page_tables/auto_translated/supervisor_mode/hvm_*");

    fi.submap_idx = XENFEAT_NR_SUBMAPS;
    fi.submap = 0x12345678;
    rc = HYPERVISOR_xen_version(XENVER_get_features, &fi);
    check_eq(rc, -EINVAL, "XENVER_get_features past the last submap");

    rc = HYPERVISOR_xen_version(XENVER_pagesize, NULL);
    check_eq(rc, 4096, "XENVER_pagesize");

    memset(handle, 0x55, sizeof(handle));
    rc = HYPERVISOR_xen_version(XENVER_guest_handle, handle);
    check_eq(rc, 0, "XENVER_guest_handle");
    for ( i = 0; i < sizeof(handle); i++ )
        zero &= handle[i] == 0;
    check(zero, "domain 0's handle is all zeroes");
}

static void test_build_id(void)
{
    union {
        xen_build_id_t id;
        unsigned char raw[sizeof(xen_build_id_t) + 256];
    } b;
    long rc;

    memset(&b, 0, sizeof(b));
    b.id.len = 256;
    rc = HYPERVISOR_xen_version(XENVER_build_id, &b);
    printk("XENVER_build_id: %ld\n", rc);
    /* The length of the id, or -ENODATA for a hypervisor built without. */
    check((rc > 0 && rc <= 256) || rc == -ENODATA, "XENVER_build_id: %ld", rc);
    if ( rc > 0 )
    {
        b.id.len = 1;
        rc = HYPERVISOR_xen_version(XENVER_build_id, &b);
        check_eq(rc, -ENOBUFS, "XENVER_build_id into a 1-byte buffer");
    }
}

static void test_bad_calls(void)
{
    long rc;

    rc = HYPERVISOR_xen_version(0x7fff, NULL);
    check_eq(rc, -ENOSYS, "unknown XENVER_ sub-op");
    rc = HYPERVISOR_xen_version(XENVER_extraversion, (void *)0x10);
    check_eq(rc, -EFAULT, "XENVER_extraversion to an unmapped buffer");
    /* Numbers no hypercall uses, through the page and through SYSCALL. */
    rc = _hypercall(__HYPERVISOR_arch_7, 0, 0, 0, 0, 0);
    check_eq(rc, -ENOSYS, "hypercall __HYPERVISOR_arch_7");
    rc = _hypercall(63, 0, 0, 0, 0, 0);
    check_eq(rc, -ENOSYS, "hypercall 63");
    rc = _hypercall_syscall(11, 0, 0, 0, 0, 0);
    check_eq(rc, -ENOSYS, "hypercall 11 (unused) via SYSCALL");
    rc = _hypercall_syscall(1000, 0, 0, 0, 0, 0);
    check_eq(rc, -ENOSYS, "hypercall 1000 via SYSCALL");
}

void test_main(void)
{
    test_hypercall_page();
    test_page_preserves_rcx_r11();
    test_version();
    test_strings();
    test_platform_and_features();
    test_build_id();
    test_bad_calls();
    test_success();
}
