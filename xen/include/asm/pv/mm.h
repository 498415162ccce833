/*
 * The PV memory-management unit: reference counts and types of frames, validation
 * of guest page tables, and the hypercalls that change them.
 *
 * Every frame a PV domain uses has, in its struct page_info, a general reference
 * count (count_info) and a type with its own count (type_info).  A frame's type
 * (writable, L1-L4 page table, segment descriptors) can change only while its type
 * count is zero, so a page table or a descriptor page can never also be mapped
 * writable.  Giving a frame a page-table type validates every entry in it, taking
 * references on what they point to; dropping the last type reference undoes that.
 *
 * Locking: page-table validation and updates of a domain run under
 * d->arch.pv.mmu_lock.  Writable type references (which need no validation) are
 * taken and dropped with atomic operations alone, so other domains (grant
 * mappings) may take them without the owner's lock.
 */
#ifndef ASM_PV_MM_H
#define ASM_PV_MM_H

#include <xen/types.h>
#include <xen/mm.h>
#include <asm/page.h>

struct domain;
struct vcpu;

/* PTE bit 52: Xen's marker for guest-kernel mappings made user-visible (ring 3). */
#define _PAGE_GUEST_KERNEL  (1ULL << 52)
/* PTE bit 62: reserved for grant mappings, refused in guest-written entries. */
#define _PAGE_GNTTAB        (1ULL << 62)

/* Flags a guest may use: L1 entries, and entries of higher levels. */
#define PV_L1_ALLOWED   (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_PWT | _PAGE_PCD | \
                         _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PAT | _PAGE_GLOBAL |      \
                         _PAGE_AVAIL0 | _PAGE_AVAIL1 | _PAGE_AVAIL2 |                   \
                         (0x3ffULL << 52) | _PAGE_NX_BIT)
#define PV_LN_ALLOWED   (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED |       \
                         _PAGE_DIRTY | _PAGE_AVAIL0 | _PAGE_AVAIL1 | _PAGE_AVAIL2 |     \
                         (0x3ffULL << 52) | _PAGE_NX_BIT)

/* References (see above).  Return false/negative errno on failure. */
bool get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);
int get_page_type(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);
int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type);
void put_page_and_type(struct page_info *pg);

/* A validated L4 gets the hypervisor's slots 256-271 written into it. */
void init_xen_l4_slots(u64 *l4, const struct domain *d);

/* Entry checks used by the grant-table code as well. */
int get_page_from_l1e(u64 *l1e, struct domain *l1e_owner, struct domain *pg_owner);
void put_page_from_l1e(u64 l1e, struct domain *l1e_owner);
/* The L1 entry mapping va in v's kernel page tables (NULL: none), and its page. */
u64 *guest_l1e_for_va(struct vcpu *v, unsigned long va, struct page_info **l1pg);
/* Give a guest L1 entry the bits the hypervisor requires (USER for its kernel). */
u64 adjust_guest_l1e(u64 l1e);

/* Switch the vCPU's kernel page table (MMUEXT_NEW_BASEPTR). */
int new_guest_cr3(struct vcpu *v, unsigned long mfn);
/* Load the vCPU's current L4 (kernel or user) into CR3. */
void write_ptbase(struct vcpu *v);

/* Hypercalls. */
long do_mmu_update(XEN_GUEST_HANDLE_PARAM(mmu_update_t) ureqs, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom);
long do_mmuext_op(XEN_GUEST_HANDLE_PARAM(mmuext_op_t) uops, unsigned int count,
                  XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom);
long do_update_va_mapping(unsigned long va, u64 val, unsigned long flags);
long do_update_va_mapping_otherdomain(unsigned long va, u64 val, unsigned long flags,
                                      domid_t domid);

/* Emulate a guest write to a read-only L1 page table (#PF handler). */
bool pv_ro_page_fault(unsigned long addr, struct cpu_user_regs *regs);

/* Drop every page-table reference of a dying domain. */
void pv_relinquish_page_tables(struct domain *d);

/* I/O memory a domain may map (dom0: everything that is not RAM of others). */
bool iomem_access_permitted(const struct domain *d, unsigned long mfn, bool writable);

#endif /* ASM_PV_MM_H */
