/*
 * test_checks.c: xenimage_check() against Xen 4.17's acceptance rules, one
 * case per rule: a preset image, one change, the guest kind, and the
 * expected result and reason.
 */
#include <errno.h>
#include <stdlib.h>

#include "harness.h"
#include "mkimage.h"

#define PV   XENIMAGE_CHECK_PV
#define PVH  XENIMAGE_CHECK_PVH
#define DOM0 XENIMAGE_CHECK_DOM0

static void no_notes(struct mk_elf *e)
{
    e->nr_notes = 0;
}

static void foreign_loader(struct mk_elf *e)
{
    mk_note_del(e, 6);
    mk_note_del(e, 8);
    mk_note_str(e, 6, "NetBSD");
    mk_note_str(e, 8, "bsd");
}

static void linux_without_loader(struct mk_elf *e)
{
    mk_note_del(e, 8);
}

static void old_xen_version(struct mk_elf *e)
{
    mk_note_del(e, 5);
    mk_note_str(e, 5, "xen-2.0");
}

static void entry_outside(struct mk_elf *e)
{
    mk_note_del(e, 1);
    mk_note_num(e, 1, 0xffffffff90000000, 8);
}

static void virt_base_above(struct mk_elf *e)
{
    mk_note_del(e, 4);
    mk_note_num(e, 4, 0x2000000, 8);
}

static void p2m_inside(struct mk_elf *e)
{
    mk_note_del(e, 15);
    mk_note_num(e, 15, 0xffffffff81001000, 8);
}

static void paddr_without_virt(struct mk_elf *e)
{
    mk_note_del(e, 3);
}

static void no_dom0_support(struct mk_elf *e)
{
    mk_note_del(e, 17);
    mk_note_num(e, 17, 0x1, 4);
}

static void no_supported_note(struct mk_elf *e)
{
    mk_note_del(e, 17);
}

static void requires_dom0(struct mk_elf *e)
{
    mk_note_del(e, 10);
    mk_note_str(e, 10, "!writable_page_tables|!dom0");
}

static void requires_unknown(struct mk_elf *e)
{
    mk_note_del(e, 10);
    mk_note_str(e, 10, "!foo|writable_page_tables");
}

static void requires_smk(struct mk_elf *e)
{
    mk_note_del(e, 10);
    mk_note_str(e, 10, "!supervisor_mode_kernel");
}

static void in_xen_area(struct mk_elf *e)
{
    mk_note_del(e, 3);
    mk_note_del(e, 1);
    mk_note_num(e, 3, 0xffff800000000000, 8);
    mk_note_num(e, 1, 0xffff800001000000, 8);
}

static void no_pae(struct mk_elf *e)
{
    mk_note_del(e, 9);
}

static void pae_bimodal(struct mk_elf *e)
{
    mk_note_del(e, 9);
    mk_note_str(e, 9, "yes,bimodal");
}

static void hv_start_too_high(struct mk_elf *e)
{
    mk_note_del(e, 12);
    mk_note_num(e, 12, 0xf6000000, 4);
}

static void kernel_in_compat_area(struct mk_elf *e)
{
    mk_note_del(e, 3);
    mk_note_del(e, 1);
    mk_note_num(e, 3, 0xf5700000, 4);
    mk_note_num(e, 1, 0xf5800000, 4);
}

static void phys_entry_outside(struct mk_elf *e)
{
    mk_note_del(e, 18);
    mk_note_num(e, 18, 0x5000000, 8);
}

static void p2m_in_physical(struct mk_elf *e)
{
    mk_note_del(e, 15);
    mk_note_num(e, 15, 0x1001000, 8);
}

static void bsd_without_symtab(struct mk_elf *e)
{
    mk_note_str(e, 11, "yes");
}

static void bsd_with_symtab(struct mk_elf *e)
{
    mk_note_str(e, 11, "yes");
    e->symtab = 1;
}

static const struct check_case {
    const char *name;
    int is64;
    void (*change)(struct mk_elf *e);
    unsigned int flags;
    int rc;
    const char *reason;
} cases[] = {
    { "linux64-pv", 1, NULL, PV, 0, "" },
    { "linux64-pv-dom0", 1, NULL, PV | DOM0, 0, "" },
    { "linux64-pvh", 1, NULL, PVH, 0, "" },
    { "linux64-pvh-dom0", 1, NULL, PVH | DOM0, 0, "" },
    { "linux64-pv-and-pvh", 1, NULL, PV | PVH | DOM0, 0, "" },
    { "no-notes-pv", 1, no_notes, PV, -ENOEXEC,
      "not a Xen kernel: no Xen ELF notes and no __xen_guest section" },
    { "no-notes-pvh", 1, no_notes, PVH, -ENOEXEC, "no PHYS32_ENTRY note" },
    { "foreign-loader", 1, foreign_loader, PV, -ENOEXEC,
      "generic loader or Linux (LOADER \"bsd\", GUEST_OS \"NetBSD\")" },
    { "foreign-loader-pvh", 1, foreign_loader, PVH, 0, "" },
    { "linux-without-loader", 1, linux_without_loader, PV, 0, "" },
    { "old-xen-version", 1, old_xen_version, PV, -ENOEXEC,
      "built for Xen v3.0 (XEN_VERSION \"xen-2.0\")" },
    { "entry-outside-kernel", 1, entry_outside, PV, -ENOEXEC,
      "entry point 0xffffffff90000000 lies outside the kernel "
      "0xffffffff81000000-0xffffffff81015000" },
    { "virt-base-above-kernel", 1, virt_base_above, PV, -ENOEXEC,
      "VIRT_BASE 0xffffffff80000000 lies above the kernel start "
      "0xffffffff7f000000" },
    { "init-p2m-inside-kernel", 1, p2m_inside, PV, -ENOEXEC,
      "INIT_P2M 0xffffffff81001000 lies inside the kernel" },
    { "paddr-offset-without-virt-base", 1, paddr_without_virt, PV, -ENOEXEC,
      "PADDR_OFFSET set, VIRT_BASE unset" },
    { "no-dom0-feature-as-dom0", 1, no_dom0_support, PV | DOM0, -ENOEXEC,
      "kernel does not support Dom0 operation" },
    { "no-dom0-feature-as-domu", 1, no_dom0_support, PV, 0, "" },
    { "no-dom0-feature-pvh-dom0", 1, no_dom0_support, PVH | DOM0, -ENOEXEC,
      "SUPPORTED_FEATURES lacks XENFEAT_dom0" },
    { "no-supported-note-as-dom0", 1, no_supported_note, PV | DOM0, 0, "" },
    { "requires-dom0-as-domu", 1, requires_dom0, PV, -ENOEXEC,
      "does not support unprivileged (DomU) operation" },
    { "requires-dom0-as-dom0", 1, requires_dom0, PV | DOM0, 0, "" },
    { "requires-unknown-feature", 1, requires_unknown, PV, -ENOEXEC,
      "FEATURES requires \"foo\", which Xen does not know" },
    { "requires-unknown-feature-pvh", 1, requires_unknown, PVH, -ENOEXEC,
      "FEATURES requires \"foo\"" },
    { "requires-supervisor-mode", 1, requires_smk, PV, -ENOEXEC,
      "requires supervisor_mode_kernel" },
    { "kernel-in-xen-area", 1, in_xen_area, PV, -ENOEXEC,
      "overlaps Xen's private area 0xffff800000000000-0xffff880000000000" },
    { "pvh-entry-outside", 1, phys_entry_outside, PVH, -ENOEXEC,
      "PHYS32_ENTRY 0x5000000 lies outside the kernel 0x1000000-0x1015000" },
    { "pvh-p2m-inside", 1, p2m_in_physical, PVH, -ENOEXEC,
      "INIT_P2M 0x1001000 lies inside the kernel" },
    { "pv-p2m-outside-virtual", 1, p2m_in_physical, PV, 0, "" },
    { "bsd-symtab-missing", 1, bsd_without_symtab, PV, -ENOEXEC,
      "BSD_SYMTAB asks for the symbol table, but the image has none" },
    { "bsd-symtab-present", 1, bsd_with_symtab, PV, 0, "" },
    { "linux32-pv", 0, NULL, PV, 0, "" },
    { "linux32-no-pae", 0, no_pae, PV, -ENOEXEC,
      "32-bit PV kernel without PAE" },
    { "linux32-pae-bimodal", 0, pae_bimodal, PV, 0, "" },
    { "linux32-hv-start-too-high", 0, hv_start_too_high, PV, -ERANGE,
      "HV_START_LOW 0xf6000000 is above Xen's 0xf5800000" },
    { "linux32-kernel-in-xen-area", 0, kernel_in_compat_area, PV, -ENOEXEC,
      "kernel end 0xf5803000 overlaps Xen's private area" },
};

static const struct check_case *current;

static void run_check_case(void)
{
    const struct check_case *c = current;
    struct xenimage *img;
    struct mk_elf e;
    size_t len;
    uint8_t *b;
    int rc;

    if ( c->is64 )
        mk_elf_linux64(&e);
    else
        mk_elf_linux32(&e);
    if ( c->change )
        c->change(&e);
    b = mk_elf_build(&e, &len);
    img = t_open(b, len);
    rc = xenimage_check(img, c->flags);
    EXPECT_ERR(img, rc, c->rc, c->reason);
    xenimage_destroy(img);
    free(b);
}

void test_check_cases(void);
void test_check_cases(void)
{
    char name[96];
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        current = &cases[i];
        snprintf(name, sizeof(name), "check/%s", cases[i].name);
        t_case(name, run_check_case);
    }
}
