/*
 * The PV MMU (see asm/pv/mm.h for the model).
 *
 * The rules are Xen's (xen/arch/x86/mm.c, "PV page-table and page-type rules" in
 * ../shared/notes/linux-pv-dom0-requirements.md section 4):
 *  - an L1 entry may map the domain's own RAM (RW only if the frame can take a
 *    writable type), or I/O memory the domain has permission for; never another
 *    domain's RAM or the hypervisor's;
 *  - an L2/L3/L4 entry must point at a frame that validates as L1/L2/L3; no
 *    superpages; L4 slots 256-271 belong to the hypervisor;
 *  - entries the guest kernel needs get the USER bit, since it runs in ring 3.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/acpi.h>
#include <asm/apic.h>
#include <asm/flushtlb.h>
#include <asm/guest_access.h>
#include <asm/m2p.h>
#include <asm/pv/mm.h>
#include <asm/cpufeature.h>
#include <asm/pv/traps.h>
#include <asm/hypercall.h>

extern intpte_t idle_pg_table[];

#define PGT_is_pt(t)    ((t) >= PGT_l1_page_table && (t) <= PGT_l4_page_table)

static unsigned int paddr_bits(void)
{
    unsigned int bits = boot_cpu_data.ext8_eax & 0xff;

    return bits ? bits : 36;
}

static struct domain *owner_of(const struct page_info *pg)
{
    return get_domain_by_id(pg->owner);
}

/* ------------------------------------------------------------ references */

bool get_page(struct page_info *pg, const struct domain *d)
{
    unsigned long x = READ_ONCE(pg->count_info), old;

    for ( ;; )
    {
        if ( (x & PGC_free) || !(x & PGC_count_mask) ||
             (x & PGC_count_mask) == PGC_count_mask )
            return false;
        old = cmpxchg(&pg->count_info, x, x + 1);
        if ( old == x )
            break;
        x = old;
    }
    if ( pg->owner != d->domain_id )
    {
        put_page(pg);
        return false;
    }
    return true;
}

void put_page(struct page_info *pg)
{
    unsigned long x = READ_ONCE(pg->count_info), old;

    for ( ;; )
    {
        BUG_ON(!(x & PGC_count_mask));
        old = cmpxchg(&pg->count_info, x, x - 1);
        if ( old == x )
            break;
        x = old;
    }
    /* The last reference of a domain page frees it (after the owner let it go). */
    if ( !((x - 1) & PGC_count_mask) && !(x & PGC_xen_heap) )
        free_domheap_pages(pg, 0);
}

static int alloc_page_type(struct page_info *pg, unsigned long type);
static void free_page_type(struct page_info *pg, unsigned long type);

/*
 * Type changes from writable to a page-table or descriptor type need the old
 * writable translations gone from every TLB that may hold them.
 */
static void flush_for_type_change(struct page_info *pg)
{
    struct domain *d = owner_of(pg);

    if ( d )
    {
        flush_tlb_mask(&d->arch.pv.dirty_cpumask);
        put_domain(d);
    }
    else
        flush_tlb_all();
}

int get_page_type(struct page_info *pg, unsigned long type)
{
    unsigned long x = READ_ONCE(pg->type_info), nx, old;
    bool flush = false;
    int rc;

    for ( ;; )
    {
        nx = x + 1;
        if ( !(nx & PGT_count_mask) )
            return -EINVAL;                         /* count overflow */
        flush = false;
        if ( !(x & PGT_count_mask) )
        {
            if ( (x & PGT_type_mask) != type )
            {
                /* Unused: take the new type, not yet validated. */
                flush = (x & PGT_type_mask) == PGT_writable_page;
                nx = type | 1;
            }
            if ( type == PGT_writable_page || type == PGT_shared_page )
                nx |= PGT_validated;
        }
        else if ( (x & PGT_type_mask) != type )
            return -EINVAL;                         /* in use as something else */
        else if ( !(x & PGT_validated) )
            return -EBUSY;                          /* being (de)validated */
        old = cmpxchg(&pg->type_info, x, nx);
        if ( old == x )
            break;
        x = old;
    }

    if ( flush )
        flush_for_type_change(pg);

    if ( nx & PGT_validated )
        return 0;

    rc = alloc_page_type(pg, type);
    if ( rc )
    {
        /* Validation failed: forget the type again (nobody else holds it). */
        __atomic_fetch_sub(&pg->type_info, 1, __ATOMIC_SEQ_CST);
        return rc;
    }
    __atomic_fetch_or(&pg->type_info, PGT_validated, __ATOMIC_SEQ_CST);
    return 0;
}

void put_page_type(struct page_info *pg)
{
    unsigned long x = READ_ONCE(pg->type_info), nx, old;

    for ( ;; )
    {
        BUG_ON(!(x & PGT_count_mask));
        nx = x - 1;
        if ( !(nx & PGT_count_mask) && PGT_is_pt(x & PGT_type_mask) && (x & PGT_validated) )
        {
            /*
             * Last reference to a validated table: claim the devalidation while
             * still holding a count (PGT_partial), so nobody can take the frame
             * as writable while its entries are being released.
             */
            nx = (x & ~(PGT_validated | PGT_pinned)) | PGT_partial;
            old = cmpxchg(&pg->type_info, x, nx);
            if ( old != x )
            {
                x = old;
                continue;
            }
            free_page_type(pg, x & PGT_type_mask);
            __atomic_store_n(&pg->type_info, x & PGT_type_mask, __ATOMIC_SEQ_CST);
            return;
        }
        old = cmpxchg(&pg->type_info, x, nx);
        if ( old == x )
            return;
        x = old;
    }
}

int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type)
{
    int rc;

    if ( !get_page(pg, d) )
        return -EINVAL;
    rc = get_page_type(pg, type);
    if ( rc )
        put_page(pg);
    return rc;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}

/* ------------------------------------------------------------ I/O memory */

static bool mfn_in_page(paddr_t pa, unsigned long mfn)
{
    return pa && (pa >> PAGE_SHIFT) == mfn;
}

/*
 * Dom0 may map anything that is not RAM: firmware, PCI BARs, the legacy first MiB.
 * Not the interrupt controllers the hypervisor owns; the HPET only read-only.
 */
bool iomem_access_permitted(const struct domain *d, unsigned long mfn, bool writable)
{
    unsigned int i;

    /* A domU: what the toolstack gave it (XEN_DOMCTL_iomem_permission). */
    if ( !d->arch.pv.io_privileged &&
         !rangeset_contains_range((struct rangeset *)&d->iomem_caps, mfn, mfn) )
        return false;
    if ( mfn == (0xfee00000UL >> PAGE_SHIFT) || mfn_in_page(acpi_info.lapic_addr, mfn) )
        return false;
    for ( i = 0; i < acpi_info.nr_ioapics; i++ )
        if ( mfn_in_page(acpi_info.ioapic[i].addr, mfn) )
            return false;
    if ( writable && mfn_in_page(acpi_info.hpet_address, mfn) )
        return false;
    return true;
}

/* Frames the PV MMU treats as I/O memory rather than RAM with an owner. */
static bool is_iomem_mfn(unsigned long mfn)
{
    return mfn < 0x100 || !mfn_valid(mfn);
}

/* ------------------------------------------------------------ entry checks */

int get_page_from_l1e(u64 *pl1e, struct domain *l1e_owner, struct domain *pg_owner)
{
    u64 l1e = *pl1e;
    unsigned long mfn;
    struct page_info *pg;
    int rc;

    if ( !(l1e & _PAGE_PRESENT) )
        return 0;
    if ( l1e & ~(PV_L1_ALLOWED | PTE_ADDR_MASK) )
        return -EINVAL;
    if ( (l1e & PTE_ADDR_MASK) >> paddr_bits() )
        return -EINVAL;                     /* beyond the physical address width */
    if ( !l1e_owner->arch.pv.io_privileged && (l1e & (_PAGE_PCD | _PAGE_PWT)) )
        return -EINVAL;

    mfn = (l1e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if ( is_iomem_mfn(mfn) )
    {
        if ( iomem_access_permitted(pg_owner, mfn, l1e & _PAGE_RW) )
            return 0;
        /* Read-only I/O memory (the HPET): map it, without write access, as Xen does. */
        if ( (l1e & _PAGE_RW) && iomem_access_permitted(pg_owner, mfn, false) )
        {
            *pl1e = l1e & ~(u64)_PAGE_RW;
            return 0;
        }
        return -EPERM;
    }

    /*
     * An L1 entry that cannot take its reference (a frame of another owner, a
     * writable mapping of a page table) is -EBUSY in Xen 4.17, unlike the
     * -EINVAL of a bad flag or a type conflict one level up.
     */
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, pg_owner) )
        return -EBUSY;
    if ( (l1e & _PAGE_RW) && (rc = get_page_type(pg, PGT_writable_page)) )
    {
        put_page(pg);
        return rc == -EINVAL ? -EBUSY : rc;
    }
    return 0;
}

void put_page_from_l1e(u64 l1e, struct domain *l1e_owner)
{
    unsigned long mfn = (l1e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    struct page_info *pg;

    if ( !(l1e & _PAGE_PRESENT) || is_iomem_mfn(mfn) )
        return;
    pg = mfn_to_page(mfn);
    if ( l1e & _PAGE_RW )
        put_page_type(pg);
    put_page(pg);
}

/* The guest kernel runs in ring 3: give its mappings USER, marked as kernel ones. */
u64 adjust_guest_l1e(u64 l1e)
{
    if ( (l1e & (_PAGE_PRESENT | _PAGE_USER)) == _PAGE_PRESENT )
        l1e = (l1e | _PAGE_USER | _PAGE_GUEST_KERNEL) & ~(u64)_PAGE_GLOBAL;
    if ( !cpu_has_nx )
        l1e &= ~_PAGE_NX_BIT;
    return l1e;
}

static u64 adjust_guest_lne(u64 e)
{
    if ( e & _PAGE_PRESENT )
        e |= _PAGE_USER;
    if ( !cpu_has_nx )
        e &= ~_PAGE_NX_BIT;
    return e;
}

/* An L2/L3/L4 entry: check flags and take a typed reference on the next level. */
static int get_page_from_lne(u64 e, unsigned long child_type, struct domain *d)
{
    unsigned long mfn;

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( e & ~(PV_LN_ALLOWED | PTE_ADDR_MASK) )
        return -EINVAL;                     /* PSE, PWT, PCD, G... */
    mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;
    if ( is_iomem_mfn(mfn) )
        return -EINVAL;
    return get_page_and_type(mfn_to_page(mfn), d, child_type);
}

static void put_page_from_lne(u64 e)
{
    if ( e & _PAGE_PRESENT )
        put_page_and_type(mfn_to_page((e & PTE_ADDR_MASK) >> PAGE_SHIFT));
}

static bool is_guest_l4_slot(unsigned int slot)
{
    return slot < ROOT_PAGETABLE_FIRST_XEN_SLOT || slot > ROOT_PAGETABLE_LAST_XEN_SLOT;
}

void init_xen_l4_slots(u64 *l4, const struct domain *d)
{
    unsigned int slot;

    for ( slot = ROOT_PAGETABLE_FIRST_XEN_SLOT; slot <= ROOT_PAGETABLE_LAST_XEN_SLOT; slot++ )
        l4[slot] = idle_pg_table[slot];
    /* The per-domain area (GDT/LDT mappings) is the domain's own. */
    if ( d && d->arch.pv.perdomain_l3 )
        l4[l4_table_offset(PERDOMAIN_VIRT_START)] =
            virt_to_maddr(d->arch.pv.perdomain_l3) | PAGE_TABLE_FLAGS;
}

/* ------------------------------------------------------------ validation */

static unsigned long child_type(unsigned long type)
{
    switch ( type )
    {
    case PGT_l2_page_table: return PGT_l1_page_table;
    case PGT_l3_page_table: return PGT_l2_page_table;
    default:                return PGT_l3_page_table;
    }
}

static int alloc_pt(struct page_info *pg, unsigned long type, struct domain *d)
{
    u64 *t = page_to_virt(pg);
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < PAGETABLE_ENTRIES; i++ )
    {
        if ( type == PGT_l4_page_table && !is_guest_l4_slot(i) )
            continue;
        if ( type == PGT_l1_page_table )
        {
            rc = get_page_from_l1e(&t[i], d, d);
            if ( !rc )
                t[i] = adjust_guest_l1e(t[i]);
        }
        else
        {
            rc = get_page_from_lne(t[i], child_type(type), d);
            if ( !rc )
                t[i] = adjust_guest_lne(t[i]);
        }
        if ( rc )
            break;
    }
    if ( rc )
    {
        /* Undo what the entries before the bad one took. */
        while ( i-- > 0 )
        {
            if ( type == PGT_l4_page_table && !is_guest_l4_slot(i) )
                continue;
            if ( type == PGT_l1_page_table )
                put_page_from_l1e(t[i], d);
            else
                put_page_from_lne(t[i]);
        }
        return rc;
    }
    if ( type == PGT_l4_page_table )
        init_xen_l4_slots(t, d);
    return 0;
}

static void free_pt(struct page_info *pg, unsigned long type, struct domain *d)
{
    u64 *t = page_to_virt(pg);
    unsigned int i;

    for ( i = 0; i < PAGETABLE_ENTRIES; i++ )
    {
        if ( type == PGT_l4_page_table && !is_guest_l4_slot(i) )
            continue;
        if ( type == PGT_l1_page_table )
            put_page_from_l1e(t[i], d);
        else
            put_page_from_lne(t[i]);
    }
}

static int alloc_page_type(struct page_info *pg, unsigned long type)
{
    struct domain *d = owner_of(pg);
    int rc;

    if ( !d )
        return -EINVAL;
    if ( type == PGT_seg_desc_page )
        rc = validate_segdesc_page(pg);
    else if ( PGT_is_pt(type) )
        rc = alloc_pt(pg, type, d);
    else
        rc = 0;
    put_domain(d);
    return rc;
}

static void free_page_type(struct page_info *pg, unsigned long type)
{
    struct domain *d = owner_of(pg);

    if ( PGT_is_pt(type) && d )
        free_pt(pg, type, d);
    if ( d )
        put_domain(d);
}

/* ------------------------------------------------------------ entry updates */

/* Replace an L1 entry: validate the new one, swap atomically, release the old. */
static int mod_l1_entry(u64 *pl1e, u64 nl1e, struct domain *d, struct domain *pg_owner,
                        bool preserve_ad)
{
    u64 ol1e, want;
    int rc;

    rc = get_page_from_l1e(&nl1e, d, pg_owner);
    if ( rc )
        return rc;
    nl1e = adjust_guest_l1e(nl1e);
    ol1e = READ_ONCE(*pl1e);
    for ( ;; )
    {
        u64 seen;

        want = preserve_ad ? nl1e | (ol1e & (_PAGE_ACCESSED | _PAGE_DIRTY)) : nl1e;
        seen = cmpxchg(pl1e, ol1e, want);
        if ( seen == ol1e )
            break;
        ol1e = seen;            /* the CPU set A/D meanwhile */
    }
    put_page_from_l1e(ol1e, d);
    return 0;
}

static int mod_lne_entry(u64 *pe, u64 ne, unsigned long table_type, unsigned int slot,
                         struct domain *d, bool preserve_ad)
{
    u64 oe, want;
    int rc;

    if ( table_type == PGT_l4_page_table && !is_guest_l4_slot(slot) )
        return -EINVAL;
    /* Rewriting the same target with other flags needs no new reference. */
    rc = get_page_from_lne(ne, child_type(table_type), d);
    if ( rc )
        return rc;
    ne = adjust_guest_lne(ne);
    oe = READ_ONCE(*pe);
    for ( ;; )
    {
        u64 seen;

        want = preserve_ad ? ne | (oe & (_PAGE_ACCESSED | _PAGE_DIRTY)) : ne;
        seen = cmpxchg(pe, oe, want);
        if ( seen == oe )
            break;
        oe = seen;
    }
    put_page_from_lne(oe);
    return 0;
}

/* ------------------------------------------------------------ page tables of a vCPU */

void write_ptbase(struct vcpu *v)
{
    unsigned long mfn = v->arch.pv.kernel_mode ? v->arch.pv.guest_table
                                                : v->arch.pv.guest_table_user;

    write_cr3((paddr_t)mfn << PAGE_SHIFT);
}

int new_guest_cr3(struct vcpu *v, unsigned long mfn)
{
    struct domain *d = v->domain;
    unsigned long old = v->arch.pv.guest_table;
    int rc;

    if ( !mfn_valid(mfn) )
        return -EINVAL;
    if ( mfn == old )
    {
        if ( v == current && v->arch.pv.kernel_mode )
            write_ptbase(v);                /* also a TLB flush */
        return 0;
    }
    rc = get_page_and_type(mfn_to_page(mfn), d, PGT_l4_page_table);
    if ( rc )
        return rc;
    v->arch.pv.guest_table = mfn;
    if ( v == current && v->arch.pv.kernel_mode )
        write_ptbase(v);
    if ( old )
        put_page_and_type(mfn_to_page(old));
    return 0;
}

static int new_guest_user_cr3(struct vcpu *v, unsigned long mfn)
{
    unsigned long old = v->arch.pv.guest_table_user;
    int rc;

    if ( mfn == old )
        return 0;
    if ( mfn )
    {
        if ( !mfn_valid(mfn) )
            return -EINVAL;
        rc = get_page_and_type(mfn_to_page(mfn), v->domain, PGT_l4_page_table);
        if ( rc )
            return rc;
    }
    v->arch.pv.guest_table_user = mfn;
    if ( v == current && !v->arch.pv.kernel_mode )
        write_ptbase(v);
    if ( old )
        put_page_and_type(mfn_to_page(old));
    return 0;
}

/*
 * The L1 entry that maps 'va' in v's kernel page tables, if there is one, and the
 * L1 page holding it (which must be a validated L1 of d).
 */
u64 *guest_l1e_for_va(struct vcpu *v, unsigned long va, struct page_info **l1pg)
{
    u64 e;
    const u64 *t;
    unsigned int level;

    if ( !v->arch.pv.guest_table )
        return NULL;
    t = mfn_to_virt(v->arch.pv.guest_table);
    for ( level = 4; level > 1; level-- )
    {
        unsigned int shift = PAGE_SHIFT + 9 * (level - 1);

        e = t[(va >> shift) & 511];
        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) ||
             is_iomem_mfn((e & PTE_ADDR_MASK) >> PAGE_SHIFT) )
            return NULL;
        t = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    *l1pg = virt_to_page(t);
    if ( ((*l1pg)->type_info & PGT_type_mask) != PGT_l1_page_table ||
         (*l1pg)->owner != v->domain->domain_id )
        return NULL;
    return (u64 *)t + l1_table_offset(va);
}

/* Which pCPUs run (or recently ran) the vCPUs named in a guest bitmap. */
static int vcpumask_to_pcpumask(struct domain *d, const void *gmask, cpumask_t *pmask)
{
    unsigned long word;
    unsigned int base;

    cpumask_clear(pmask);
    for ( base = 0; base < d->max_vcpus; base += BITS_PER_LONG )
    {
        unsigned int i;

        if ( raw_copy_from_guest(&word, (const unsigned long *)gmask + base / BITS_PER_LONG,
                                 sizeof(word)) )
            return -EFAULT;
        for ( i = 0; i < BITS_PER_LONG && base + i < d->max_vcpus; i++ )
        {
            struct vcpu *v = d->vcpu[base + i];

            if ( (word >> i) & 1 && v )
                cpumask_set_cpu(v->processor, pmask);
        }
    }
    return 0;
}

static void invlpg_fn(void *va)
{
    invlpg(va);
}

static void flush_va_on(const cpumask_t *mask, unsigned long va, bool all)
{
    if ( all )
        flush_tlb_mask(mask);
    else
        on_selected_cpus(mask, invlpg_fn, (void *)va, true);
}

/*
 * The domain whose frames an MMU operation maps or pins (foreigndom), as Xen's
 * get_pg_owner(): DOMID_SELF is the caller; a caller naming itself by its id
 * is refused, as is an unknown domain (-ESRCH); another domain needs a
 * privileged caller (-EPERM).  Returns a reference, or NULL with *rc set.
 */
static struct domain *get_pg_owner(domid_t domid, long *rc)
{
    struct domain *curr = current->domain, *d;

    if ( domid == DOMID_SELF )
    {
        atomic_inc(&curr->refcnt);
        return curr;
    }
    *rc = -ESRCH;
    if ( domid == curr->domain_id )
    {
        gprintk(XENLOG_G_WARNING, "cannot specify itself as foreign domain\n");
        return NULL;
    }
    if ( domid == DOMID_XEN )
    {
        /* The M2P, read-only: the frames' type refuses writable mappings. */
        d = dom_xen;
        atomic_inc(&d->refcnt);
    }
    else
        d = get_domain_by_id(domid);
    if ( d && !curr->is_privileged )
    {
        put_domain(d);
        *rc = -EPERM;
        return NULL;
    }
    return d;
}

long do_update_va_mapping_otherdomain(unsigned long va, u64 val, unsigned long flags,
                                      domid_t domid)
{
    struct vcpu *v = current;
    struct domain *d = v->domain, *pg_owner;
    struct page_info *l1pg;
    u64 *pl1e;
    cpumask_t mask;
    long rc;

    if ( !(pg_owner = get_pg_owner(domid, &rc)) )
        return rc;
    if ( !guest_range_ok(va, PAGE_SIZE) )
    {
        put_domain(pg_owner);
        return -EINVAL;
    }

    spin_lock(&d->arch.pv.mmu_lock);
    pl1e = guest_l1e_for_va(v, va, &l1pg);
    rc = pl1e ? mod_l1_entry(pl1e, val, d, pg_owner, false) : -EINVAL;
    spin_unlock(&d->arch.pv.mmu_lock);
    put_domain(pg_owner);
    if ( rc )
        return rc;

    switch ( flags & UVMF_FLUSHTYPE_MASK )
    {
    case UVMF_TLB_FLUSH:
    case UVMF_INVLPG:
        if ( (flags & ~UVMF_FLUSHTYPE_MASK) == UVMF_LOCAL )
        {
            if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG )
                invlpg((void *)va);
            else
                flush_tlb_local();
            break;
        }
        if ( (flags & ~UVMF_FLUSHTYPE_MASK) == UVMF_ALL )
            cpumask_copy(&mask, &d->arch.pv.dirty_cpumask);
        else if ( vcpumask_to_pcpumask(d, (const void *)(flags & ~UVMF_FLUSHTYPE_MASK), &mask) )
            return -EFAULT;
        flush_va_on(&mask, va, (flags & UVMF_FLUSHTYPE_MASK) == UVMF_TLB_FLUSH);
        break;
    }
    return 0;
}

long do_update_va_mapping(unsigned long va, u64 val, unsigned long flags)
{
    return do_update_va_mapping_otherdomain(va, val, flags, DOMID_SELF);
}

/* ------------------------------------------------------------ mmu_update */


/*
 * Batches may be long: they stop when other work is pending and continue in a
 * re-issued hypercall (the guest's RIP moved back onto its SYSCALL).  The count
 * argument then carries MMU_UPDATE_PREEMPTED, and *pdone the running total.
 */
#define MMU_UPDATE_PREEMPTED (1u << 31)

static unsigned int preempted_done(unsigned int *count, XEN_GUEST_HANDLE_PARAM(uint) pdone)
{
    unsigned int done = 0;

    if ( *count & MMU_UPDATE_PREEMPTED )
    {
        *count &= ~MMU_UPDATE_PREEMPTED;
        if ( !guest_handle_is_null(pdone) && copy_from_guest(&done, pdone, 1) )
            done = 0;
    }
    return done;
}

static void report_done(XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int n)
{
    if ( !guest_handle_is_null(pdone) )
        copy_to_guest(pdone, &n, 1);
}

long do_mmu_update(XEN_GUEST_HANDLE_PARAM(mmu_update_t) ureqs, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom)
{
    struct domain *d = current->domain, *pg_owner;
    unsigned int i, done = preempted_done(&count, pdone);
    mmu_update_t req;
    long rc = 0;

    pg_owner = get_pg_owner(foreigndom & 0xffff, &rc);
    if ( !pg_owner )
        return rc;

    spin_lock(&d->arch.pv.mmu_lock);
    for ( i = 0; i < count; i++ )
    {
        unsigned long mfn;
        struct page_info *pg;
        u64 *pe;

        if ( i && !(i & 63) && hypercall_preempt_check() )
        {
            spin_unlock(&d->arch.pv.mmu_lock);
            put_domain(pg_owner);
            report_done(pdone, done + i);
            return hypercall_create_continuation(__HYPERVISOR_mmu_update, "hihi", ureqs,
                                                 (count - i) | MMU_UPDATE_PREEMPTED, pdone,
                                                 foreigndom);
        }

        if ( copy_from_guest(&req, ureqs, 1) )
        {
            rc = -EFAULT;
            break;
        }
        guest_handle_add_offset(ureqs, 1);
        mfn = req.ptr >> PAGE_SHIFT;

        switch ( req.ptr & 3 )
        {
        case MMU_NORMAL_PT_UPDATE:
        case MMU_PT_UPDATE_PRESERVE_AD:
        case MMU_PT_UPDATE_NO_TRANSLATE:    /* the same for a PV guest */
            /* Bits 0-1 of ptr are the command; the entry is 8-byte aligned. */
            if ( (req.ptr & 4) || !mfn_valid(mfn) )
            {
                rc = -EINVAL;
                break;
            }
            pg = mfn_to_page(mfn);
            if ( !get_page(pg, d) )
            {
                rc = -EINVAL;
                break;
            }
            pe = (u64 *)page_to_virt(pg) + ((req.ptr & ~PAGE_MASK) >> 3);  /* >> 3 drops the command */
            switch ( pg->type_info & PGT_type_mask )
            {
            case PGT_l1_page_table:
                rc = (pg->type_info & PGT_validated)
                     ? mod_l1_entry(pe, req.val, d, pg_owner,
                                    (req.ptr & 3) == MMU_PT_UPDATE_PRESERVE_AD)
                     : -EINVAL;
                break;
            case PGT_l2_page_table:
            case PGT_l3_page_table:
            case PGT_l4_page_table:
                rc = (pg->type_info & PGT_validated) && pg_owner == d
                     ? mod_lne_entry(pe, req.val, pg->type_info & PGT_type_mask,
                                     ((req.ptr & ~PAGE_MASK) >> 3), d,
                                     (req.ptr & 3) == MMU_PT_UPDATE_PRESERVE_AD)
                     : -EINVAL;
                break;
            default:
                /* Not a page table: an ordinary write to a writable page. */
                rc = get_page_type(pg, PGT_writable_page);
                if ( !rc )
                {
                    WRITE_ONCE(*pe, req.val);
                    put_page_type(pg);
                }
                break;
            }
            put_page(pg);
            break;

        case MMU_MACHPHYS_UPDATE:
            if ( !mfn_valid(mfn) || !get_page(mfn_to_page(mfn), pg_owner) )
            {
                rc = -EINVAL;
                break;
            }
            set_gpfn_from_mfn(mfn, req.val);
            put_page(mfn_to_page(mfn));
            break;

        default:
            rc = -ENOSYS;
            break;
        }
        if ( rc )
        {
            gprintk(XENLOG_G_WARNING, "mmu_update: ptr %#lx val %#lx: error %ld\n",
                    (unsigned long)req.ptr, (unsigned long)req.val, rc);
            break;
        }
    }
    spin_unlock(&d->arch.pv.mmu_lock);
    put_domain(pg_owner);
    report_done(pdone, done + i);
    return rc;
}

/* ------------------------------------------------------------ mmuext_op */

static const unsigned long pin_types[4] = {
    PGT_l1_page_table, PGT_l2_page_table, PGT_l3_page_table, PGT_l4_page_table,
};

static int do_one_mmuext(struct vcpu *v, const mmuext_op_t *op, struct domain *pg_owner)
{
    struct domain *d = v->domain;
    unsigned long mfn = op->arg1.mfn;
    struct page_info *pg;
    cpumask_t mask;
    int rc = 0;

    switch ( op->cmd )
    {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        if ( !mfn_valid(mfn) )
            return -EINVAL;
        pg = mfn_to_page(mfn);
        rc = get_page_and_type(pg, pg_owner, pin_types[op->cmd - MMUEXT_PIN_L1_TABLE]);
        if ( rc )
            return rc;
        if ( __atomic_fetch_or(&pg->type_info, PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned )
        {
            put_page_and_type(pg);
            return -EINVAL;                 /* already pinned */
        }
        return 0;

    case MMUEXT_UNPIN_TABLE:
        if ( !mfn_valid(mfn) )
            return -EINVAL;
        pg = mfn_to_page(mfn);
        if ( !get_page(pg, pg_owner) )
            return -EINVAL;
        if ( !(__atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned) )
        {
            put_page(pg);
            return -EINVAL;                 /* was not pinned */
        }
        put_page_and_type(pg);              /* the pin's references */
        put_page(pg);
        return 0;

    case MMUEXT_NEW_BASEPTR:
        return new_guest_cr3(v, mfn);

    case MMUEXT_NEW_USER_BASEPTR:
        return new_guest_user_cr3(v, mfn);

    case MMUEXT_TLB_FLUSH_LOCAL:
        flush_tlb_local();
        return 0;

    case MMUEXT_INVLPG_LOCAL:
        if ( guest_range_ok(op->arg1.linear_addr, 1) )
            invlpg((void *)(unsigned long)op->arg1.linear_addr);
        return 0;

    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_INVLPG_MULTI:
        if ( vcpumask_to_pcpumask(d, op->arg2.vcpumask.p, &mask) )
            return -EINVAL;             /* Xen's answer for an unreadable mask */
        flush_va_on(&mask, op->arg1.linear_addr, op->cmd == MMUEXT_TLB_FLUSH_MULTI);
        return 0;

    case MMUEXT_TLB_FLUSH_ALL:
        flush_tlb_mask(&d->arch.pv.dirty_cpumask);
        return 0;

    case MMUEXT_INVLPG_ALL:
        flush_va_on(&d->arch.pv.dirty_cpumask, op->arg1.linear_addr, false);
        return 0;

    case MMUEXT_FLUSH_CACHE:
    case MMUEXT_FLUSH_CACHE_GLOBAL:
        if ( !d->arch.pv.io_privileged )
            return -EACCES;
        wbinvd();
        return 0;

    case MMUEXT_SET_LDT:
        return pv_set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);

    case MMUEXT_CLEAR_PAGE:
        if ( !mfn_valid(mfn) )
            return -EINVAL;
        pg = mfn_to_page(mfn);
        rc = get_page_and_type(pg, d, PGT_writable_page);
        if ( rc )
            return rc;
        memset(page_to_virt(pg), 0, PAGE_SIZE);
        put_page_and_type(pg);
        return 0;

    case MMUEXT_COPY_PAGE:
    {
        struct page_info *src;

        if ( !mfn_valid(mfn) || !mfn_valid(op->arg2.src_mfn) )
            return -EINVAL;
        src = mfn_to_page(op->arg2.src_mfn);
        if ( !get_page(src, pg_owner) )
            return -EINVAL;
        pg = mfn_to_page(mfn);
        rc = get_page_and_type(pg, d, PGT_writable_page);
        if ( !rc )
        {
            memcpy(page_to_virt(pg), page_to_virt(src), PAGE_SIZE);
            put_page_and_type(pg);
        }
        put_page(src);
        return rc;
    }

    case MMUEXT_MARK_SUPER:
    case MMUEXT_UNMARK_SUPER:
        return -EOPNOTSUPP;
    }
    return -ENOSYS;
}

long do_mmuext_op(XEN_GUEST_HANDLE_PARAM(mmuext_op_t) uops, unsigned int count,
                  XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom)
{
    struct vcpu *v = current;
    struct domain *d = v->domain, *pg_owner;
    unsigned int i, done = preempted_done(&count, pdone);
    long rc = 0;

    pg_owner = get_pg_owner(foreigndom & 0xffff, &rc);
    if ( !pg_owner )
        return rc;

    spin_lock(&pg_owner->arch.pv.mmu_lock);
    if ( pg_owner != d )
        spin_lock(&d->arch.pv.mmu_lock);
    for ( i = 0; i < count; i++ )
    {
        mmuext_op_t op;

        if ( i && !(i & 63) && hypercall_preempt_check() )
        {
            if ( pg_owner != d )
                spin_unlock(&d->arch.pv.mmu_lock);
            spin_unlock(&pg_owner->arch.pv.mmu_lock);
            put_domain(pg_owner);
            report_done(pdone, done + i);
            return hypercall_create_continuation(__HYPERVISOR_mmuext_op, "hihi", uops,
                                                 (count - i) | MMU_UPDATE_PREEMPTED, pdone,
                                                 foreigndom);
        }
        if ( copy_from_guest(&op, uops, 1) )
        {
            rc = -EFAULT;
            break;
        }
        guest_handle_add_offset(uops, 1);
        rc = do_one_mmuext(v, &op, pg_owner);
        if ( rc )
            break;
    }
    if ( pg_owner != d )
        spin_unlock(&d->arch.pv.mmu_lock);
    spin_unlock(&pg_owner->arch.pv.mmu_lock);
    put_domain(pg_owner);
    report_done(pdone, done + i);
    return rc;
}
