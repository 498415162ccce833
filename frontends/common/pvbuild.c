/*
 * A minimal PV domain builder (see pvguest/pvbuild.h).  The ELF handling
 * follows the ELF gABI and Xen's notes (public/elfnote.h): PT_LOAD segments
 * go to VIRT_BASE-relative pfns (PADDR_OFFSET 0), XEN_ELFNOTE_ENTRY,
 * XEN_ELFNOTE_VIRT_BASE and XEN_ELFNOTE_HYPERCALL_PAGE are read from the
 * PT_NOTE segments.
 */
#define __XEN_TOOLS__ 1
#include <pvguest/ctl.h>
#include <pvguest/mm.h>
#include <pvguest/pvbuild.h>
#include <pvguest/test.h>
#include <xen/elfnote.h>

#define MAX_REGION  511             /* pages mapped through one pt_chain L1 */

struct elf64_ehdr {
    uint8_t ident[16];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#define PT_LOAD 1
#define PT_NOTE 4

static struct pt_chain chain;
static bool chain_up;

static void *region_va(unsigned long pfn)
{
    return (void *)(chain.va + pfn * PAGE_SIZE);
}

long pvbuild_map_foreign(domid_t dom, void *va, unsigned long mfn, bool writable)
{
    unsigned long i = ((unsigned long)va - chain.va) / PAGE_SIZE;
    mmu_update_t req = { .ptr = pt_chain_l1e(&chain, i) | MMU_NORMAL_PT_UPDATE };

    if ( !chain_up || i >= 512 )
        return -EINVAL;
    req.val = mfn == ~0UL ? 0 : (((uint64_t)mfn << PAGE_SHIFT) |
                                 (writable ? PTE_RW : PTE_RO));
    return HYPERVISOR_mmu_update(&req, 1, NULL, dom);
}

static long chain_init(void)
{
    long rc;

    if ( chain_up )
        return 0;
    /* L4 slot 10: far below anything the library or its image uses. */
    rc = pt_chain_build(&chain, 10);
    if ( !rc )
        chain_up = true;
    return rc;
}

long pvbuild_populate(struct pvbuild *b)
{
    unsigned long i, done = 0;
    long rc;

    for ( i = 0; i < b->nr_pages; i++ )
        b->p2m[i] = i;
    while ( done < b->nr_pages )
    {
        unsigned int n = min(b->nr_pages - done, 256UL);

        rc = populate_physmap(b->domid, &b->p2m[done], n);
        if ( rc != n )
        {
            b->why = "populate_physmap";
            return rc < 0 ? rc : -ENOMEM;
        }
        done += n;
    }
    return 0;
}

/* Read the Xen notes of one PT_NOTE segment. */
static void read_notes(struct pvbuild *b, const uint8_t *p, unsigned long len,
                       unsigned long *hypercall_va)
{
    unsigned long off = 0;

    while ( off + 12 <= len )
    {
        const uint32_t *n = (const uint32_t *)(p + off);
        unsigned long namesz = n[0], descsz = n[1], type = n[2];
        const uint8_t *name = p + off + 12;
        const uint8_t *desc = name + ((namesz + 3) & ~3UL);
        uint64_t v = 0;

        if ( desc + ((descsz + 3) & ~3UL) > p + len )
            break;
        if ( namesz == 4 && !memcmp(name, "Xen", 4) && descsz >= 4 )
        {
            memcpy(&v, desc, descsz >= 8 ? 8 : 4);
            switch ( type )
            {
            case XEN_ELFNOTE_ENTRY:          b->entry = v; break;
            case XEN_ELFNOTE_VIRT_BASE:      b->virt_base = v; break;
            case XEN_ELFNOTE_HYPERCALL_PAGE: *hypercall_va = v; break;
            }
        }
        off = desc + ((descsz + 3) & ~3UL) - p;
    }
}

/* Check the image and find its extent; returns the pages the kernel spans. */
static long parse_image(struct pvbuild *b, unsigned long *hypercall_va)
{
    const struct elf64_ehdr *eh = b->image;
    const uint8_t *img = b->image;
    unsigned long kend = 0, i;

    if ( b->image_len < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4) ||
         eh->ident[4] != 2 || eh->machine != 62 || eh->phentsize != sizeof(struct elf64_phdr) ||
         eh->phoff + (uint64_t)eh->phnum * sizeof(struct elf64_phdr) > b->image_len )
        return -EINVAL;
    b->virt_base = 0xffffffff80000000UL;
    b->entry = eh->entry;
    for ( i = 0; i < eh->phnum; i++ )
    {
        const struct elf64_phdr *ph = (const void *)(img + eh->phoff) + i * sizeof(*ph);

        if ( ph->offset + ph->filesz > b->image_len )
            return -EINVAL;
        if ( ph->type == PT_NOTE )
            read_notes(b, img + ph->offset, ph->filesz, hypercall_va);
    }
    for ( i = 0; i < eh->phnum; i++ )
    {
        const struct elf64_phdr *ph = (const void *)(img + eh->phoff) + i * sizeof(*ph);

        if ( ph->type != PT_LOAD )
            continue;
        if ( ph->vaddr < b->virt_base || ph->filesz > ph->memsz )
            return -EINVAL;
        kend = max(kend, ph->vaddr + ph->memsz - b->virt_base);
    }
    return (kend + PAGE_SIZE - 1) / PAGE_SIZE;
}

static void copy_segments(struct pvbuild *b)
{
    const struct elf64_ehdr *eh = b->image;
    const uint8_t *img = b->image;
    unsigned long i;

    for ( i = 0; i < eh->phnum; i++ )
    {
        const struct elf64_phdr *ph = (const void *)(img + eh->phoff) + i * sizeof(*ph);
        uint8_t *dst;

        if ( ph->type != PT_LOAD )
            continue;
        dst = (uint8_t *)chain.va + (ph->vaddr - b->virt_base);
        memcpy(dst, img + ph->offset, ph->filesz);
        memset(dst + ph->filesz, 0, ph->memsz - ph->filesz);
    }
}

static void build_tables(struct pvbuild *b)
{
    uint64_t *l4 = region_va(b->pt_pfn), *l3 = region_va(b->pt_pfn + 1);
    uint64_t *l2 = region_va(b->pt_pfn + 2);
    unsigned long va = b->virt_base, pfn;
    unsigned int i;

    l4[PT_INDEX(va, 4)] = ((uint64_t)b->p2m[b->pt_pfn + 1] << PAGE_SHIFT) | PTE_TABLE;
    l3[PT_INDEX(va, 3)] = ((uint64_t)b->p2m[b->pt_pfn + 2] << PAGE_SHIFT) | PTE_TABLE;
    for ( i = 0; i < b->nr_pt - 3; i++ )
        l2[PT_INDEX(va, 2) + i] = ((uint64_t)b->p2m[b->pt_pfn + 3 + i] << PAGE_SHIFT) |
                                  PTE_TABLE;
    for ( pfn = 0; pfn < b->region_pages; pfn++ )
    {
        uint64_t *l1 = region_va(b->pt_pfn + 3 + pfn / 512);
        bool table = pfn >= b->pt_pfn && pfn < b->pt_pfn + b->nr_pt;

        /* Page tables are mapped read-only, as the PV MMU requires. */
        l1[pfn % 512] = ((uint64_t)b->p2m[pfn] << PAGE_SHIFT) | (table ? PTE_RO : PTE_RW);
    }
}

static void fill_start_info(struct pvbuild *b)
{
    start_info_t *si = region_va(b->start_info_pfn);

    memcpy(si->magic, "xen-3.0-x86_64", sizeof("xen-3.0-x86_64"));
    si->nr_pages = b->nr_pages;
    si->shared_info = (uint64_t)b->shared_info_mfn << PAGE_SHIFT;
    si->flags = 0;
    si->store_mfn = b->p2m[b->store_pfn];
    si->store_evtchn = b->store_evtchn;
    si->console.domU.mfn = b->p2m[b->console_pfn];
    si->console.domU.evtchn = b->console_evtchn;
    si->pt_base = b->virt_base + b->pt_pfn * PAGE_SIZE;
    si->nr_pt_frames = b->nr_pt;
    si->mfn_list = b->virt_base + b->p2m_pfn * PAGE_SIZE;
}

static long set_context(struct pvbuild *b)
{
    static vcpu_guest_context_t ctxt;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_setvcpucontext, .domain = b->domid };

    memset(&ctxt, 0, sizeof(ctxt));
    ctxt.flags = VGCF_in_kernel | VGCF_online;
    ctxt.user_regs.rip = b->entry;
    ctxt.user_regs.rsp = b->virt_base + (b->stack_pfn + 1) * PAGE_SIZE;
    ctxt.user_regs.rsi = b->virt_base + b->start_info_pfn * PAGE_SIZE;
    ctxt.user_regs.cs = FLAT_KERNEL_CS;
    ctxt.user_regs.ss = FLAT_KERNEL_SS;
    ctxt.user_regs.ds = ctxt.user_regs.es = FLAT_KERNEL_DS;
    ctxt.user_regs.fs = ctxt.user_regs.gs = FLAT_KERNEL_DS;
    ctxt.user_regs.rflags = 1 << 9;     /* IF */
    ctxt.kernel_ss = ctxt.user_regs.ss;
    ctxt.kernel_sp = ctxt.user_regs.rsp;
    ctxt.ctrlreg[3] = xen_pfn_to_cr3(b->l4_mfn);
    op.u.vcpucontext.vcpu = 0;
    set_xen_guest_handle(op.u.vcpucontext.ctxt, &ctxt);
    return do_domctl(&op);
}

long pvbuild_load(struct pvbuild *b)
{
    unsigned long hypercall_va = 0, kpages, p2m_pages, pfn;
    struct mmuext_op pin;
    long rc;

    b->why = "the image is not a 64-bit PV ELF";
    rc = parse_image(b, &hypercall_va);
    if ( rc < 0 )
        return rc;
    kpages = rc;
    p2m_pages = (b->nr_pages * 8 + PAGE_SIZE - 1) / PAGE_SIZE;
    b->p2m_pfn = kpages;
    b->start_info_pfn = kpages + p2m_pages;
    b->store_pfn = b->start_info_pfn + 1;
    b->console_pfn = b->start_info_pfn + 2;
    b->pt_pfn = b->start_info_pfn + 3;
    /* L4, L3, L2 and one L1 per 512 pages of the region (tables included). */
    for ( b->nr_pt = 4; ; b->nr_pt++ )
    {
        b->region_pages = b->pt_pfn + b->nr_pt + 1;
        if ( (b->region_pages + 511) / 512 <= b->nr_pt - 3 )
            break;
    }
    b->stack_pfn = b->pt_pfn + b->nr_pt;
    b->l4_mfn = b->p2m[b->pt_pfn];
    b->hypercall_pfn = hypercall_va ? (hypercall_va - b->virt_base) / PAGE_SIZE : ~0UL;
    b->why = "the image and its bootstrap region do not fit";
    if ( b->region_pages > MAX_REGION || b->region_pages > b->nr_pages )
        return -E2BIG;

    b->why = "mapping the domain's frames";
    if ( (rc = chain_init()) )
        return rc;
    for ( pfn = 0; pfn < b->region_pages && !rc; pfn++ )
        rc = pvbuild_map_foreign(b->domid, region_va(pfn), b->p2m[pfn], true);
    if ( rc )
        return rc;
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    for ( pfn = 0; pfn < b->region_pages; pfn++ )
        memset(region_va(pfn), 0, PAGE_SIZE);
    copy_segments(b);
    memcpy(region_va(b->p2m_pfn), b->p2m, b->nr_pages * sizeof(*b->p2m));
    fill_start_info(b);
    build_tables(b);

    /*
     * shared_info as libxenguest leaves it: cleared, and event upcalls masked
     * on every vCPU (Xen itself leaves a domU's masks clear).
     */
    b->why = "mapping the domain's shared_info";
    rc = pvbuild_map_foreign(b->domid, region_va(MAX_REGION), b->shared_info_mfn, true);
    if ( rc )
        return rc;
    mmuext_one(MMUEXT_TLB_FLUSH_LOCAL, 0, 0);
    {
        shared_info_t *s = region_va(MAX_REGION);
        unsigned int i;

        memset(s, 0, sizeof(*s));
        for ( i = 0; i < XEN_LEGACY_MAX_VCPUS; i++ )
            s->vcpu_info[i].evtchn_upcall_mask = 1;
    }
    rc = pvbuild_map_foreign(b->domid, region_va(MAX_REGION), ~0UL, false);

    /* Unmap everything (and flush) before the tables are typed. */
    for ( pfn = 0; pfn < b->region_pages && !rc; pfn++ )
        rc = pvbuild_map_foreign(b->domid, region_va(pfn), ~0UL, false);
    mmuext_one(MMUEXT_TLB_FLUSH_ALL, 0, 0);
    b->why = "unmapping the domain's frames";
    if ( rc )
        return rc;

    if ( b->hypercall_pfn != ~0UL )
    {
        struct xen_domctl op = { .cmd = XEN_DOMCTL_hypercall_init, .domain = b->domid };

        op.u.hypercall_init.gmfn = b->p2m[b->hypercall_pfn];
        b->why = "XEN_DOMCTL_hypercall_init";
        if ( (rc = do_domctl(&op)) )
            return rc;
    }
    pin.cmd = MMUEXT_PIN_L4_TABLE;
    pin.arg1.mfn = b->l4_mfn;
    b->why = "pinning the domain's L4";
    if ( (rc = HYPERVISOR_mmuext_op(&pin, 1, NULL, b->domid)) )
        return rc;
    b->why = "XEN_DOMCTL_setvcpucontext";
    return set_context(b);
}
