/*
 * ACPI table discovery (ACPI spec 6.x, chapter 5.2).
 *
 * The RSDP comes from a multiboot2 ACPI tag when the loader gives one, else from
 * the BIOS areas (first KiB of the EBDA, then 0xE0000-0xFFFFF).  The tables are
 * found through the XSDT (or the RSDT on ACPI 1.0), each checked by length and
 * checksum before use.
 */
#include <xen/lib.h>
#include <xen/init.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/acpi.h>
#include <asm/bootinfo.h>
#include <asm/page.h>

struct acpi_info acpi_info;
bool acpi_disabled;

static int parse_acpi_param(const char *s)
{
    if ( !strcmp(s, "off") )
        acpi_disabled = true;
    else if ( strcmp(s, "on") && strcmp(s, "force") )
        return -EINVAL;
    return 0;
}
custom_param("acpi", parse_acpi_param);

struct acpi_rsdp {
    char signature[8];
    u8 checksum;
    char oem_id[6];
    u8 revision;
    u32 rsdt_address;
    u32 length;                 /* revision >= 2 from here */
    u64 xsdt_address;
    u8 ext_checksum;
    u8 reserved[3];
} __packed;

u8 acpi_checksum(const void *p, size_t len)
{
    const u8 *b = p;
    u8 sum = 0;

    while ( len-- )
        sum += *b++;
    return sum;
}

/*
 * Firmware tables live outside RAM (ACPI or reserved ranges), so they are reached
 * through read-only mappings in the vmap area.  Mappings are never torn down: the
 * tables are small and read again (the 'acpi' debug output, power-off).
 */
const void *acpi_map(paddr_t pa, size_t len)
{
    /* Frame ranges mapped so far, reused when a later request falls inside one. */
    static struct { unsigned long first, last; const u8 *va; } cache[48];
    static unsigned int nr_cache;
    unsigned long first = PFN_DOWN(pa), last = PFN_UP(pa + len), i;
    unsigned long mfns[64];
    const u8 *va;

    if ( !len || last - first > ARRAY_SIZE(mfns) )
        return NULL;
    for ( i = 0; i < nr_cache; i++ )
        if ( cache[i].first <= first && last <= cache[i].last )
            return cache[i].va + ((first - cache[i].first) << PAGE_SHIFT) +
                   (pa & ~PAGE_MASK);
    for ( i = first; i < last; i++ )
        mfns[i - first] = i;
    va = vmap_pages(mfns, last - first, PAGE_HYPERVISOR_RO);
    if ( !va )
        return NULL;
    if ( nr_cache < ARRAY_SIZE(cache) )
    {
        cache[nr_cache].first = first;
        cache[nr_cache].last = last;
        cache[nr_cache].va = va;
        nr_cache++;
    }
    return va + (pa & ~PAGE_MASK);
}

static const struct acpi_table_header *map_table(paddr_t pa)
{
    const struct acpi_table_header *h = acpi_map(pa, sizeof(*h));

    if ( !h || h->length < sizeof(*h) || h->length > (256u << 10) )
        return NULL;
    h = acpi_map(pa, h->length);
    if ( !h || acpi_checksum(h, h->length) )
    {
        if ( h )
            printk(XENLOG_WARNING "ACPI: table %.4s at %#lx has a bad checksum, ignored\n",
                   h->signature, (unsigned long)pa);
        return NULL;
    }
    return h;
}

static bool rsdp_valid(const struct acpi_rsdp *r)
{
    if ( memcmp(r->signature, "RSD PTR ", 8) || acpi_checksum(r, 20) )
        return false;
    return r->revision < 2 || (r->length >= sizeof(*r) && !acpi_checksum(r, sizeof(*r)));
}

static paddr_t scan_rsdp(paddr_t start, size_t len)
{
    const u8 *p = acpi_map(start, len);
    size_t off;

    if ( !p )
        return 0;
    for ( off = 0; off + sizeof(struct acpi_rsdp) <= len; off += 16 )
        if ( rsdp_valid((const struct acpi_rsdp *)(p + off)) )
            return start + off;
    return 0;
}

static paddr_t find_rsdp(void)
{
    const u16 *ebda_seg;
    paddr_t pa;

    if ( boot_info.rsdp && rsdp_valid((const struct acpi_rsdp *)boot_info.rsdp_copy) )
        return boot_info.rsdp;
    ebda_seg = acpi_map(0x40e, 2);
    if ( ebda_seg && *ebda_seg && (pa = scan_rsdp((paddr_t)*ebda_seg << 4, 1024)) )
        return pa;
    return scan_rsdp(0xe0000, 0x20000);
}

static const struct acpi_rsdp *rsdp;

const struct acpi_table_header *acpi_get_table(const char *sig, unsigned int instance)
{
    const struct acpi_table_header *root;
    bool xsdt;
    unsigned int i, n;

    if ( !rsdp )
        return NULL;
    xsdt = rsdp->revision >= 2 && rsdp->xsdt_address;
    root = map_table(xsdt ? rsdp->xsdt_address : rsdp->rsdt_address);
    if ( !root )
        return NULL;
    n = (root->length - sizeof(*root)) / (xsdt ? 8 : 4);
    for ( i = 0; i < n; i++ )
    {
        const u8 *ents = (const u8 *)(root + 1);
        paddr_t pa;
        const struct acpi_table_header *h;

        if ( xsdt )
            memcpy(&pa, ents + 8 * i, 8);
        else
        {
            u32 p32;

            memcpy(&p32, ents + 4 * i, 4);
            pa = p32;
        }
        h = map_table(pa);
        if ( h && !memcmp(h->signature, sig, 4) && instance-- == 0 )
            return h;
    }
    return NULL;
}

static void parse_fadt(void)
{
    const struct acpi_table_header *f = acpi_get_table("FACP", 0);
    const u8 *b = (const u8 *)f;
    u32 dsdt32 = 0;
    u64 dsdt = 0;

    if ( !f )
    {
        printk(XENLOG_WARNING "ACPI: no FADT; reset and power-off use fall-backs\n");
        return;
    }
    acpi_info.have_fadt = true;
    if ( f->length >= 44 )
        memcpy(&dsdt32, b + 40, 4);
    if ( f->length >= 48 )
        memcpy(&acpi_info.sci_int, b + 46, 2);
    if ( f->length >= 68 )
        memcpy(&acpi_info.pm1a_cnt, b + 64, 4);
    if ( f->length >= 72 )
        memcpy(&acpi_info.pm1b_cnt, b + 68, 4);
    if ( f->length >= 80 )
        memcpy(&acpi_info.pm_tmr, b + 76, 4);
    if ( f->length >= 116 )
    {
        memcpy(&acpi_info.fadt_flags, b + 112, 4);
        acpi_info.pm_tmr_32bit = acpi_info.fadt_flags & (1u << 8);  /* TMR_VAL_EXT */
    }
    /* RESET_REG_SUP (flags bit 10) says the reset register is usable. */
    if ( f->length >= 129 && (acpi_info.fadt_flags & (1u << 10)) )
    {
        memcpy(&acpi_info.reset_reg, b + 116, sizeof(acpi_info.reset_reg));
        acpi_info.reset_value = b[128];
        acpi_info.have_reset_reg = acpi_info.reset_reg.address != 0;
    }
    if ( f->length >= 148 )
        memcpy(&dsdt, b + 140, 8);
    if ( !dsdt )
        dsdt = dsdt32;

    if ( dsdt )
    {
        const struct acpi_table_header *d = map_table(dsdt);

        if ( d && acpi_parse_s5((const u8 *)(d + 1), d->length - sizeof(*d),
                                &acpi_info.slp_typa, &acpi_info.slp_typb) )
            acpi_info.have_s5 = true;
    }
}

static void parse_hpet(void)
{
    const struct acpi_table_header *h = acpi_get_table("HPET", 0);
    struct acpi_gas gas;

    if ( !h || h->length < 56 )
        return;
    memcpy(&gas, (const u8 *)h + 40, sizeof(gas));
    if ( gas.space_id == ACPI_GAS_MEMORY )
        acpi_info.hpet_address = gas.address;
}

int __init acpi_boot_init(void)
{
    paddr_t pa;

    if ( acpi_disabled )
    {
        printk("ACPI: disabled on the command line (acpi=off)\n");
        return -ENODEV;
    }
    pa = find_rsdp();
    if ( !pa || !(rsdp = acpi_map(pa, sizeof(*rsdp))) )
    {
        printk(XENLOG_WARNING "ACPI: no RSDP found\n");
        return -ENODEV;
    }
    acpi_info.rsdp = pa;
    acpi_info.revision = rsdp->revision;
    printk("ACPI: RSDP %#lx (v%02u %.6s)\n", (unsigned long)pa, rsdp->revision, rsdp->oem_id);

    parse_fadt();
    parse_hpet();
    if ( acpi_info.have_fadt )
        printk("ACPI: FADT: PM1a_CNT %#x, PM timer %#x (%u-bit), SCI %u, reset %s%s\n",
               acpi_info.pm1a_cnt, acpi_info.pm_tmr, acpi_info.pm_tmr_32bit ? 32 : 24,
               acpi_info.sci_int, acpi_info.have_reset_reg ? "register" : "fall-backs",
               acpi_info.have_s5 ? ", \\_S5 found" : ", no \\_S5");
    if ( acpi_info.hpet_address )
        printk("ACPI: HPET at %#lx\n", (unsigned long)acpi_info.hpet_address);
    return acpi_parse_madt();
}
