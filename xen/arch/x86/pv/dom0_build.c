/*
 * Building the 64-bit PV domain 0 from the first boot module (an ELF kernel, or a
 * bzImage whose payload is gzip/xz/lz4/zstd) and the second (the initrd).
 *
 * The start-of-day contract is Xen's (public/xen.h "start of day memory layout",
 * ../shared/notes/linux-pv-dom0-requirements.md section 1): one virtual region
 * from VIRT_BASE mapped pfn-for-page, holding in order the kernel, the initrd
 * (unless the kernel takes it as pfns: MOD_START_PFN), the p2m list, start_info,
 * the bootstrap page tables (read-only) and a boot stack.  The L4 is validated
 * and pinned like any guest page table; vCPU 0 starts at the kernel's entry with
 * RSI pointing at start_info and events masked.
 */
#include <xen/lib.h>
#include <xen/bzimage.h>
#include <xen/decompress.h>
#include <xen/errno.h>
#include <xen/libelf.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/version.h>
#include <asm/bootinfo.h>
#include <asm/dom0_build.h>
#include <asm/m2p.h>
#include <asm/hypercall.h>
#include <asm/pv/domain.h>
#include <asm/pv/mm.h>
#include <public/xen.h>
#include <public/elfnote.h>
#include <asm/processor-flags.h>

struct dom0_image {
    void *buf;                  /* the ELF (decompressed if it was a bzImage) */
    size_t len;
    unsigned long *mfns;        /* its frames when we allocated it */
    unsigned long nr_mfns;
};

/* The kernel as an ELF: the module itself, or its bzImage payload decompressed. */
static int get_elf_image(const struct boot_module *k, struct dom0_image *img,
                         const char **reason)
{
    const void *mod = maddr_to_virt(k->start);
    struct bzimage_info bz;
    unsigned long i, pages;
    void *ws;
    size_t out_len;
    int rc;

    if ( !bzimage_check(mod, k->size) )
    {
        img->buf = (void *)mod;
        img->len = k->size;
        return 0;
    }
    rc = bzimage_parse(mod, k->size, &bz, reason);
    if ( rc )
        return rc;
    printk("Dom0 kernel: bzImage (boot protocol %u.%02u), %s payload of %lu KiB, "
           "%lu KiB decompressed\n", bz.version >> 8, bz.version & 0xff,
           decompress_format_name(bz.format), (unsigned long)(bz.payload_len >> 10),
           (unsigned long)(bz.decompressed_size >> 10));

    /* A virtually contiguous buffer from single pages: no large allocation needed. */
    pages = PFN_UP(bz.decompressed_size);
    img->mfns = xmalloc_array(unsigned long, pages);
    ws = xmalloc_bytes(DECOMPRESS_WORKSPACE_MAX);
    if ( !img->mfns || !ws )
        goto nomem;
    for ( i = 0; i < pages; i++ )
    {
        struct page_info *pg = alloc_domheap_page(NULL, MEMF_no_scrub);

        if ( !pg )
            goto nomem;
        img->mfns[i] = page_to_mfn(pg);
        img->nr_mfns = i + 1;
    }
    img->buf = vmap_pages(img->mfns, pages, PAGE_HYPERVISOR_RW);
    if ( !img->buf )
        goto nomem;
    rc = bzimage_decompress(mod, &bz, img->buf, pages << PAGE_SHIFT, ws,
                            DECOMPRESS_WORKSPACE_MAX, &out_len, reason);
    xfree(ws);
    img->len = out_len;
    return rc;

 nomem:
    xfree(ws);
    *reason = "not enough memory to decompress the kernel";
    return -ENOMEM;
}

static void put_elf_image(struct dom0_image *img)
{
    unsigned long i;

    if ( !img->mfns )
        return;
    if ( img->buf )
        vunmap(img->buf);
    for ( i = 0; i < img->nr_mfns; i++ )
        free_domheap_pages(mfn_to_page(img->mfns[i]), 0);
    xfree(img->mfns);
    img->mfns = NULL;
}

struct dom0_layout {
    unsigned long v_start, v_end;
    unsigned long vkern_start, vkern_end;
    unsigned long vinitrd_start, vinitrd_end;   /* 0 when not mapped */
    unsigned long vphysmap_start, vphysmap_end;
    unsigned long vstartinfo_start;
    unsigned long vpt_start, nr_pt_pages;
    unsigned long vstack_start, vstack_end;
};

/* Work out the initial virtual layout, as Xen's dom0_construct does. */
static int compute_layout(const struct elf_dom_parms *parms, unsigned long nr_pages,
                          size_t initrd_len, struct dom0_layout *l)
{
    unsigned long v, pt;

    memset(l, 0, sizeof(*l));
    l->v_start = parms->virt_base;
    l->vkern_start = parms->virt_kstart;
    l->vkern_end = parms->virt_kend;
    v = PAGE_ALIGN(l->vkern_end);
    if ( initrd_len && !parms->unmapped_initrd )
    {
        l->vinitrd_start = v;
        l->vinitrd_end = v + initrd_len;
        v = PAGE_ALIGN(l->vinitrd_end);
    }
    l->vphysmap_start = v;
    l->vphysmap_end = v + nr_pages * sizeof(unsigned long);
    l->vstartinfo_start = PAGE_ALIGN(l->vphysmap_end);
    l->vpt_start = l->vstartinfo_start + PAGE_SIZE;

    /* One L4, L3 and L2, and an L1 per 2 MiB: iterate until the region fits. */
    for ( pt = 4; ; pt++ )
    {
        unsigned long end = l->vpt_start + pt * PAGE_SIZE + PAGE_SIZE;   /* + stack */
        unsigned long vend = ROUNDUP(end, 4UL << 20);

        if ( vend - end < (512UL << 10) )
            vend += 4UL << 20;
        if ( 3 + DIV_ROUND_UP(vend - l->v_start, 2UL << 20) <= pt )
        {
            l->nr_pt_pages = pt;
            l->vstack_start = l->vpt_start + pt * PAGE_SIZE;
            l->vstack_end = l->vstack_start + PAGE_SIZE;
            l->v_end = vend;
            break;
        }
    }
    /* Linux copies a single L2 of the initial tables: stay within 1 GiB. */
    if ( l->v_end - l->v_start > (1UL << 30) ||
         l3_table_offset(l->v_start) != l3_table_offset(l->v_end - 1) )
        return -ERANGE;
    return 0;
}

struct dom0_builder {
    struct domain *d;
    unsigned long *p2m;         /* pfn -> mfn, in the hypervisor's view */
    unsigned long nr_pages;
    const struct dom0_layout *l;
};

static void *pfn_to_virt(const struct dom0_builder *b, unsigned long pfn)
{
    return mfn_to_virt(b->p2m[pfn]);
}

/* elf_load_binary's copy callback: guest virtual address -> dom0's frames. */
static int dom0_copy(void *opaque, u64 dest, const void *src, u64 len)
{
    const struct dom0_builder *b = opaque;

    while ( len )
    {
        unsigned long pfn = (dest - b->l->v_start) >> PAGE_SHIFT;
        unsigned long off = dest & ~PAGE_MASK, n = min_t(u64, len, PAGE_SIZE - off);

        if ( dest < b->l->v_start || pfn >= b->nr_pages )
            return -ERANGE;
        if ( src )
        {
            memcpy((char *)pfn_to_virt(b, pfn) + off, src, n);
            src = (const char *)src + n;
        }
        else
            memset((char *)pfn_to_virt(b, pfn) + off, 0, n);
        dest += n;
        len -= n;
    }
    return 0;
}

/* Give d nr_pages frames, filling the p2m in allocation order. */
static int allocate_memory(struct dom0_builder *b)
{
    unsigned long pfn = 0;
    unsigned int order = 9;

    while ( pfn < b->nr_pages )
    {
        struct page_info *pg;
        unsigned long i;

        while ( (1UL << order) > b->nr_pages - pfn )
            order--;
        pg = alloc_domheap_pages(b->d, order, 0);
        if ( !pg )
        {
            if ( order-- == 0 )
                return -ENOMEM;
            continue;
        }
        for ( i = 0; i < (1UL << order); i++, pfn++ )
        {
            b->p2m[pfn] = page_to_mfn(pg) + i;
            set_gpfn_from_mfn(b->p2m[pfn], pfn);
        }
    }
    return 0;
}

/* The bootstrap page tables: [L4][L3][L2][L1...], page tables mapped read-only. */
static void build_page_tables(const struct dom0_builder *b)
{
    const struct dom0_layout *l = b->l;
    unsigned long pt_pfn = (l->vpt_start - l->v_start) >> PAGE_SHIFT;
    u64 *l4 = pfn_to_virt(b, pt_pfn), *l3 = pfn_to_virt(b, pt_pfn + 1);
    u64 *l2 = pfn_to_virt(b, pt_pfn + 2);
    unsigned long va, next_l1 = pt_pfn + 3;
    const u64 tflags = _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER;

    memset(l4, 0, PAGE_SIZE);
    memset(l3, 0, PAGE_SIZE);
    memset(l2, 0, PAGE_SIZE);
    l4[l4_table_offset(l->v_start)] = ((u64)b->p2m[pt_pfn + 1] << PAGE_SHIFT) | tflags;
    l3[l3_table_offset(l->v_start)] = ((u64)b->p2m[pt_pfn + 2] << PAGE_SHIFT) | tflags;

    for ( va = l->v_start; va < l->v_end; va += PAGE_SIZE )
    {
        unsigned long pfn = (va - l->v_start) >> PAGE_SHIFT;
        u64 *l1, flags = _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY;

        if ( !(l2[l2_table_offset(va)] & _PAGE_PRESENT) )
        {
            memset(pfn_to_virt(b, next_l1), 0, PAGE_SIZE);
            l2[l2_table_offset(va)] = ((u64)b->p2m[next_l1] << PAGE_SHIFT) | tflags;
            next_l1++;
        }
        l1 = maddr_to_virt(l2[l2_table_offset(va)] & PTE_ADDR_MASK);
        /* Page-table pages must never be mapped writable. */
        if ( pfn >= pt_pfn && pfn < pt_pfn + l->nr_pt_pages )
            flags &= ~(u64)_PAGE_RW;
        l1[l1_table_offset(va)] = ((u64)b->p2m[pfn] << PAGE_SHIFT) | flags;
    }
}

/* The module's command line without its first word (the file name) unless GRUB 2. */
static const char *module_cmdline(const struct boot_module *m)
{
    const char *p = m->cmdline;

    if ( !strncmp(boot_info.loader, "GRUB 2", 6) )
        return p;
    while ( *p && *p != ' ' )
        p++;
    while ( *p == ' ' )
        p++;
    return p;
}

/* Return the module's frames to the heap once its contents are in dom0. */
static void release_module(const struct boot_module *m)
{
    unsigned long s = PFN_UP(m->start), e = PFN_DOWN(m->start + m->size);

    if ( e > s )
        init_heap_pages(mfn_to_page(s), e - s, true);
}

int construct_dom0(struct domain *d, const struct boot_module *kernel,
                   const struct boot_module *initrd, unsigned long nr_pages,
                   unsigned int nr_vcpus)
{
    struct dom0_image img = { 0 };
    struct elf_binary elf;
    struct elf_dom_parms parms;
    struct dom0_layout layout;
    struct dom0_builder b = { .d = d, .nr_pages = nr_pages, .l = &layout };
    const char *reason = NULL;
    size_t initrd_len = initrd ? initrd->size : 0;
    unsigned long initrd_pfn = 0, i, pt_pfn;
    start_info_t *si;
    vcpu_guest_context_t *ctxt = NULL;
    struct page_info *l4pg;
    int rc;

    rc = get_elf_image(kernel, &img, &reason);
    if ( !rc )
        rc = elf_init(&elf, img.buf, img.len, &reason);
    if ( !rc )
        rc = elf_xen_parse(&elf, &parms, false, &reason);
    if ( !rc )
        rc = elf_xen_dom0_check(&elf, &parms, &reason);
    if ( rc )
        goto fail;

    printk("Dom0 kernel: 64-bit PV, %s %s, entry %#lx, virtual %#lx-%#lx%s%s\n",
           parms.guest_os, parms.guest_ver, (unsigned long)parms.virt_entry,
           (unsigned long)parms.virt_kstart, (unsigned long)parms.virt_kend,
           parms.virt_hypercall != ELF_UNSET_ADDR ? ", hypercall page" : "",
           parms.unmapped_initrd ? ", initrd as pfns" : "");

    /* The initrd sits after the mapped region when passed as pfns: count it in. */
    if ( compute_layout(&parms, nr_pages, initrd_len, &layout) )
    {
        reason = "the initial mapping would exceed the 1 GiB Linux can take";
        rc = -ERANGE;
        goto fail;
    }
    if ( (layout.v_end - layout.v_start) >> PAGE_SHIFT > nr_pages ||
         (parms.unmapped_initrd &&
          ((layout.v_end - layout.v_start) >> PAGE_SHIFT) + PFN_UP(initrd_len) > nr_pages) )
    {
        reason = "dom0_mem is too small for the kernel and initrd";
        rc = -ENOMEM;
        goto fail;
    }

    d->max_pages = nr_pages;
    b.p2m = xmalloc_array(unsigned long, nr_pages);
    if ( !b.p2m || allocate_memory(&b) )
    {
        reason = "not enough memory for dom0";
        rc = -ENOMEM;
        goto fail;
    }
    /* Then dom0 may balloon up to dom0_mem=max:, or without limit. */
    d->max_pages = max(nr_pages, dom0_max_pages(total_pages));

    /* Kernel segments, then the initrd. */
    rc = elf_load_binary(&elf, &parms, dom0_copy, &b, &reason);
    if ( rc )
        goto fail;
    if ( initrd_len )
    {
        const u8 *src = maddr_to_virt(initrd->start);

        if ( parms.unmapped_initrd )
        {
            initrd_pfn = (layout.v_end - layout.v_start) >> PAGE_SHIFT;
            for ( i = 0; i < PFN_UP(initrd_len); i++ )
            {
                size_t n = min_t(size_t, PAGE_SIZE, initrd_len - i * PAGE_SIZE);

                memcpy(pfn_to_virt(&b, initrd_pfn + i), src + i * PAGE_SIZE, n);
            }
        }
        else
            dom0_copy(&b, layout.vinitrd_start, src, initrd_len);
    }

    /* The p2m list, start_info, page tables. */
    dom0_copy(&b, layout.vphysmap_start, b.p2m, nr_pages * sizeof(unsigned long));
    si = pfn_to_virt(&b, (layout.vstartinfo_start - layout.v_start) >> PAGE_SHIFT);
    memset(si, 0, PAGE_SIZE);
    strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = nr_pages;
    si->shared_info = virt_to_maddr(d->arch.pv.shared_info);
    si->flags = SIF_PRIVILEGED | SIF_INITDOMAIN;
    si->console.dom0.info_off = sizeof(start_info_t);
    si->console.dom0.info_size = 0;
    si->pt_base = layout.vpt_start;
    si->nr_pt_frames = layout.nr_pt_pages;
    si->mfn_list = layout.vphysmap_start;
    if ( initrd_len )
    {
        si->mod_len = initrd_len;
        if ( parms.unmapped_initrd )
        {
            si->mod_start = initrd_pfn;
            si->flags |= SIF_MOD_START_PFN;
        }
        else
            si->mod_start = layout.vinitrd_start;
    }
    strlcpy((char *)si->cmd_line, module_cmdline(kernel), sizeof(si->cmd_line));
    build_page_tables(&b);

    if ( parms.virt_hypercall != ELF_UNSET_ADDR )
    {
        unsigned long pfn = (parms.virt_hypercall - layout.v_start) >> PAGE_SHIFT;

        if ( parms.virt_hypercall < layout.vkern_start ||
             parms.virt_hypercall >= layout.vkern_end )
        {
            reason = "HYPERCALL_PAGE note outside the kernel";
            rc = -ERANGE;
            goto fail;
        }
        pv_write_hypercall_page(pfn_to_virt(&b, pfn));
    }

    /* Validate and pin the bootstrap L4, then start vCPU 0 on it. */
    pt_pfn = (layout.vpt_start - layout.v_start) >> PAGE_SHIFT;
    l4pg = mfn_to_page(b.p2m[pt_pfn]);
    spin_lock(&d->arch.pv.mmu_lock);
    rc = get_page_and_type(l4pg, d, PGT_l4_page_table);
    if ( !rc )
        l4pg->type_info |= PGT_pinned;
    spin_unlock(&d->arch.pv.mmu_lock);
    if ( rc )
    {
        reason = "the bootstrap page tables do not validate";
        goto fail;
    }

    ctxt = xzalloc(vcpu_guest_context_t);
    if ( !ctxt )
    {
        rc = -ENOMEM;
        reason = "out of memory";
        goto fail;
    }
    ctxt->flags = VGCF_in_kernel;
    ctxt->user_regs.rip = parms.virt_entry;
    ctxt->user_regs.rsp = layout.vstack_end;
    ctxt->user_regs.rsi = layout.vstartinfo_start;
    ctxt->user_regs.cs = FLAT_KERNEL_CS;
    ctxt->user_regs.ss = FLAT_KERNEL_SS;
    ctxt->user_regs.rflags = X86_EFLAGS_IF;
    ctxt->ctrlreg[3] = xen_pfn_to_cr3(b.p2m[pt_pfn]);
    rc = arch_set_info_guest(d->vcpu[0], ctxt);
    xfree(ctxt);
    if ( rc )
    {
        reason = "cannot set up vCPU 0";
        goto fail;
    }
    for ( i = 1; i < nr_vcpus; i++ )
        if ( !vcpu_create(d, i) )
            break;

    printk("Dom0: %lu MiB, %u vCPU%s; p2m %#lx, start_info %#lx, page tables %#lx (%lu), "
           "stack %#lx\n", nr_pages >> (20 - PAGE_SHIFT), nr_vcpus, nr_vcpus > 1 ? "s" : "",
           layout.vphysmap_start, layout.vstartinfo_start, layout.vpt_start,
           layout.nr_pt_pages, layout.vstack_end);
    printk("Dom0 command line: %s\n", (const char *)si->cmd_line);
    xfree(b.p2m);
    put_elf_image(&img);
    release_module(kernel);
    if ( initrd )
        release_module(initrd);
    return 0;

 fail:
    printk(XENLOG_ERR "Could not set up DOM0 guest OS: %s (%d)\n",
           reason ? reason : "error", rc);
    xfree(b.p2m);
    put_elf_image(&img);
    return rc ? rc : -EINVAL;
}
