/*
 * Architecture parts of domains and vCPUs: what a 64-bit PV guest has besides
 * the common state (xen/sched.h).  The names follow Xen's and the public ABI's.
 */
#ifndef ASM_DOMAIN_H
#define ASM_DOMAIN_H

#include <xen/types.h>
#include <xen/spinlock.h>
#include <xen/cpumask.h>
#include <asm/regs.h>
#include <asm/config.h>
#include <public/xen.h>

struct vcpu;
struct domain;

typedef struct vcpu_info vcpu_info_t;
typedef struct shared_info shared_info_t;

/* Per-domain mapping area (L4 slot 260): 32 pages per vCPU, 16 of GDT then 16 of LDT. */
#define GDT_LDT_VCPU_SHIFT      5
#define GDT_LDT_VCPU_VA_SHIFT   (GDT_LDT_VCPU_SHIFT + PAGE_SHIFT)
#define GDT_VIRT_START(v) \
    (PERDOMAIN_VIRT_START + ((unsigned long)(v)->vcpu_id << GDT_LDT_VCPU_VA_SHIFT))
#define LDT_VIRT_START(v)       (GDT_VIRT_START(v) + (16UL << PAGE_SHIFT))
#define PERDOMAIN_MAX_VCPUS     512     /* one L2 of the per-domain area */

struct pv_vcpu {
    /* The guest's virtual IDT, from set_trap_table; address 0 = not set. */
    struct trap_info trap_ctxt[256];

    /* Stack for entries from guest user mode (stack_switch). */
    unsigned long kernel_ss, kernel_sp;

    /* Callbacks (callback_op / set_callbacks); bit n of mask_events: type n masks. */
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long syscall32_callback_eip;
    unsigned long sysenter_callback_eip;
    unsigned int callback_mask_events;

    /* Segment state, saved and restored on context switch. */
    unsigned long fs_base, gs_base_kernel, gs_base_user;
    u16 ds, es, fs, gs;

    /* Page tables: machine frame numbers of the kernel and user L4, 0 if none. */
    unsigned long guest_table, guest_table_user;
    bool kernel_mode;           /* guest kernel (true) or user (false) context */

    /* Descriptor tables. */
    unsigned long gdt_frames[FIRST_RESERVED_GDT_PAGE];
    unsigned int gdt_ents;
    unsigned long ldt_base;
    unsigned int ldt_ents;

    unsigned long ctrlreg[8];   /* virtual CR0 (TS) and CR4 */
    unsigned long debugreg[8];
    unsigned int iopl;          /* virtual IOPL from PHYSDEVOP_set_iopl */
    u64 xcr0;

    /* Where this vCPU's vcpu_info lives (shared_info slot, or a registered page). */
    vcpu_info_t *vcpu_info;
    unsigned long vcpu_info_mfn;    /* 0 while in shared_info */

    /* Guest-virtual areas the hypervisor keeps up to date (0 = none). */
    unsigned long runstate_guest;
    unsigned long time_info_guest;

    /* A fault to deliver on the next return to the guest. */
    bool trap_pending;
    bool nmi_pending;               /* VCPUOP_send_nmi from any CPU: set atomically */
    u8 trap_vector;
    bool trap_has_error;
    u32 trap_error;

    void *fpu_area;             /* XSAVE (or FXSAVE) image, 64-byte aligned */
    bool vgc_in_kernel_initialised;
};

/* A page the domain may not map writable/at all through its page tables. */
struct pv_domain {
    shared_info_t *shared_info;         /* xenheap page shared with the guest */
    unsigned long *perdomain_l3;        /* per-domain area (L4 slot 260) */
    unsigned long *perdomain_l2;
    /* Serialises page-table validation and updates of this domain. */
    spinlock_t mmu_lock;
    /* CPUs that may hold TLB entries of this domain. */
    cpumask_t dirty_cpumask;
    unsigned long vm_assist;
    u32 pci_cf8;                        /* shadow of port 0xcf8 */
    bool io_privileged;                 /* may map I/O memory and use I/O ports */
};

/* A pseudo-physical memory map a toolstack gave a domain (XENMEM_set_memory_map). */
struct e820entry;

struct arch_vcpu {
    struct cpu_user_regs user_regs;     /* guest registers while not running */
    /* Runs on this CPU's reset stack when the vCPU is switched to. */
    void (*schedule_tail)(struct vcpu *v);
    struct pv_vcpu pv;
};

struct domain_pirqs;

struct arch_domain {
    bool is_pv;
    struct pv_domain pv;
    /* XENMEM_set_memory_map / XENMEM_memory_map, guarded by e820_lock. */
    spinlock_t e820_lock;
    struct e820entry *e820;
    unsigned int nr_e820;
    /* XEN_DOMCTL_settscinfo. */
    u32 tsc_mode;
    u32 incarnation;
    /* XEN_DOMCTL_set_cpu_policy: the CPUID leaves the toolstack set. */
    struct domain_cpuid *cpuid;
    /* Physical IRQs (arch/x86/pirq.c), NULL until the first; under event_lock. */
    struct domain_pirqs *pirqs;
};

#define is_pv_domain(d)  ((d)->arch.is_pv)
#define is_pv_vcpu(v)    is_pv_domain((v)->domain)

#endif /* ASM_DOMAIN_H */
