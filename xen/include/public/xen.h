/* SPDX-License-Identifier: MIT */
/*
 * public/xen.h: the core of the Xen 4.17 guest interface.
 *
 * Hypercall numbers, virtual IRQs, the PV MMU commands (mmu_update,
 * mmuext_op, update_va_mapping), console_io and vm_assist commands, the
 * reserved domain ids, and the structures every PV guest shares with the
 * hypervisor: start_info, shared_info, vcpu_info and vcpu_time_info.
 *
 * Conventions of every header in this folder:
 *  - Names, numbers and layouts are Xen's: they are the ABI.  Never renumber.
 *  - Fields are marked IN (written by the caller: the guest making the
 *    hypercall, or the frontend of a ring), OUT (written by the callee: the
 *    hypervisor or the backend), or IN/OUT.  For pages shared with the
 *    hypervisor, OUT means "the hypervisor writes it, the guest reads it".
 *  - x86_64 only: unsigned long and xen_ulong_t are 64 bits wide.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include "xen-compat.h"

/*
 * Unlike Xen's, these headers stand alone: they take the fixed-width types
 * from <stdint.h>, which freestanding compilers provide too.
 */
#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

#if defined(__x86_64__)
#include "arch-x86/xen.h"
#else
#error "These headers describe the x86_64 interface only."
#endif

#ifndef __ASSEMBLY__
/* Guest handles for the primitive C types that hypercalls pass around. */
DEFINE_XEN_GUEST_HANDLE(char);
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
DEFINE_XEN_GUEST_HANDLE(int);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
#if __XEN_INTERFACE_VERSION__ < 0x00040300
DEFINE_XEN_GUEST_HANDLE(long);
__DEFINE_XEN_GUEST_HANDLE(ulong, unsigned long);
#endif
DEFINE_XEN_GUEST_HANDLE(void);
DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/*
 * Dimension to give a trailing variable-length array: empty (a C99 flexible
 * array member) where the language has them, else GCC's zero-length array,
 * else one element.
 */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L
#define XEN_FLEX_ARRAY_DIM
#elif defined(__GNUC__)
#define XEN_FLEX_ARRAY_DIM 0
#else
#define XEN_FLEX_ARRAY_DIM 1
#endif

/*
 * Give a literal an unsigned, unsigned long or unsigned long long type, so
 * the same constant can appear in C and (without suffix) in assembly.
 * __xen_mk_ullong may be predefined by an includer.
 */
#define __xen_mk_uint(x) x##U
#define __xen_mk_ulong(x) x##UL
#ifndef __xen_mk_ullong
#define __xen_mk_ullong(x) x##ULL
#endif
#define xen_mk_uint(x) __xen_mk_uint(x)
#define xen_mk_ulong(x) __xen_mk_ulong(x)
#define xen_mk_ullong(x) __xen_mk_ullong(x)

#else /* __ASSEMBLY__ */

#define xen_mk_uint(x) x
#define xen_mk_ulong(x) x
#define xen_mk_ullong(x) x

#endif /* __ASSEMBLY__ */

/*
 * Hypercall numbers.  On x86_64 the number goes in %rax and the arguments in
 * %rdi, %rsi, %rdx, %r10 and %r8; the result comes back in %rax, a negative
 * errno (errno.h) on failure.  Numbers marked "compat" are the older entry
 * points that later revisions replaced; a hypervisor still serves them.
 */
#define __HYPERVISOR_set_trap_table 0
#define __HYPERVISOR_mmu_update 1
#define __HYPERVISOR_set_gdt 2
#define __HYPERVISOR_stack_switch 3
#define __HYPERVISOR_set_callbacks 4
#define __HYPERVISOR_fpu_taskswitch 5
#define __HYPERVISOR_sched_op_compat 6 /* compat: replaced in 0x00030101 */
#define __HYPERVISOR_platform_op 7
#define __HYPERVISOR_set_debugreg 8
#define __HYPERVISOR_get_debugreg 9
#define __HYPERVISOR_update_descriptor 10
/* 11 was the long-gone dom_mem_op and stays unused. */
#define __HYPERVISOR_memory_op 12
#define __HYPERVISOR_multicall 13
#define __HYPERVISOR_update_va_mapping 14
#define __HYPERVISOR_set_timer_op 15
#define __HYPERVISOR_event_channel_op_compat 16 /* compat: since 0x00030202 */
#define __HYPERVISOR_xen_version 17
#define __HYPERVISOR_console_io 18
#define __HYPERVISOR_physdev_op_compat 19 /* compat: since 0x00030202 */
#define __HYPERVISOR_grant_table_op 20
#define __HYPERVISOR_vm_assist 21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret 23 /* x86 */
#define __HYPERVISOR_vcpu_op 24
#define __HYPERVISOR_set_segment_base 25 /* x86_64 */
#define __HYPERVISOR_mmuext_op 26
#define __HYPERVISOR_xsm_op 27
#define __HYPERVISOR_nmi_op 28
#define __HYPERVISOR_sched_op 29
#define __HYPERVISOR_callback_op 30
#define __HYPERVISOR_xenoprof_op 31
#define __HYPERVISOR_event_channel_op 32
#define __HYPERVISOR_physdev_op 33
#define __HYPERVISOR_hvm_op 34
#define __HYPERVISOR_sysctl 35
#define __HYPERVISOR_domctl 36
#define __HYPERVISOR_kexec_op 37
#define __HYPERVISOR_tmem_op 38
#define __HYPERVISOR_argo_op 39
#define __HYPERVISOR_xenpmu_op 40
#define __HYPERVISOR_dm_op 41
#define __HYPERVISOR_hypfs_op 42

/* Eight numbers reserved for architecture-specific hypercalls (x86: mca). */
#define __HYPERVISOR_arch_0 48
#define __HYPERVISOR_arch_1 49
#define __HYPERVISOR_arch_2 50
#define __HYPERVISOR_arch_3 51
#define __HYPERVISOR_arch_4 52
#define __HYPERVISOR_arch_5 53
#define __HYPERVISOR_arch_6 54
#define __HYPERVISOR_arch_7 55

/*
 * Guests built against an older revision call the older entry points under
 * the newer names.
 */
#if __XEN_INTERFACE_VERSION__ < 0x00030101
#undef __HYPERVISOR_sched_op
#define __HYPERVISOR_sched_op __HYPERVISOR_sched_op_compat
#endif

#if __XEN_INTERFACE_VERSION__ < 0x00030202
#undef __HYPERVISOR_event_channel_op
#define __HYPERVISOR_event_channel_op __HYPERVISOR_event_channel_op_compat
#undef __HYPERVISOR_physdev_op
#define __HYPERVISOR_physdev_op __HYPERVISOR_physdev_op_compat
#endif

#if __XEN_INTERFACE_VERSION__ < 0x00030204
#define __HYPERVISOR_dom0_op __HYPERVISOR_platform_op
#endif

/*
 * Virtual interrupts, bound to event channels with EVTCHNOP_bind_virq.
 * "per-vCPU" ones are bound once on each vCPU and never move; "global" ones
 * are bound once per domain, on vCPU 0, and may be moved afterwards with
 * EVTCHNOP_bind_vcpu.  "dom0" marks the ones only the control domain gets.
 */
#define VIRQ_TIMER 0      /* per-vCPU: the vCPU's timer fired */
#define VIRQ_DEBUG 1      /* per-vCPU: asked to dump debug state */
#define VIRQ_CONSOLE 2    /* global, dom0: input on the hypervisor console */
#define VIRQ_DOM_EXC 3    /* global, dom0: a domain crashed or shut down */
#define VIRQ_TBUF 4       /* global, dom0: trace buffers have records */
#define VIRQ_DEBUGGER 6   /* global, dom0: a domain paused for a debugger */
#define VIRQ_XENOPROF 7   /* per-vCPU: a profiling sample is available */
#define VIRQ_CON_RING 8   /* global, dom0: new text in the console ring */
#define VIRQ_PCPU_STATE 9 /* global, dom0: a physical CPU changed state */
#define VIRQ_MEM_EVENT 10 /* global, dom0: a memory event happened */
#define VIRQ_ARGO 11      /* global: Argo message notification */
#define VIRQ_ENOMEM 12    /* global, dom0: the hypervisor heap runs low */
#define VIRQ_XENPMU 13    /* per-vCPU: performance counter interrupt */

/* Eight numbers reserved for architecture-specific VIRQs (x86: MCA). */
#define VIRQ_ARCH_0 16
#define VIRQ_ARCH_1 17
#define VIRQ_ARCH_2 18
#define VIRQ_ARCH_3 19
#define VIRQ_ARCH_4 20
#define VIRQ_ARCH_5 21
#define VIRQ_ARCH_6 22
#define VIRQ_ARCH_7 23

#define NR_VIRQS 24

/*
 * HYPERVISOR_mmu_update(const mmu_update_t reqs[], unsigned int count,
 *                       unsigned int *pdone, unsigned int foreigndom)
 *
 * Applies @count requests in order and stores how many completed in @pdone.
 * The low 16 bits of @foreigndom name FD, the domain that must own the data
 * frames being mapped (DOMID_SELF for the caller, DOMID_IO for I/O memory
 * only).  Bits 31:16, when not zero, hold PFD + 1, the owner of the page
 * tables being written (zero means the caller).
 *
 * Bits 1:0 of a request's ptr select the command; the rest of ptr is a
 * machine address:
 *  MMU_NORMAL_PT_UPDATE: write val into the page-table entry at ptr, after
 *    the hypervisor has validated it (a present entry may map only frames
 *    of FD, never the hypervisor, and never a page table writably).
 *  MMU_MACHPHYS_UPDATE: set the machine-to-phys entry of the frame that
 *    contains ptr to val (a pseudo-physical frame number).
 *  MMU_PT_UPDATE_PRESERVE_AD: as NORMAL, but the Accessed and Dirty bits
 *    already in the entry are kept (ORed into val), atomically.
 *  MMU_PT_UPDATE_NO_TRANSLATE: as NORMAL, but val is taken as a machine
 *    frame even when FD is translated.
 *
 * A PV guest's page tables are mapped read-only in its own address space;
 * they are built bottom-up, then pinned (MMUEXT_PIN_Ln_TABLE) or installed
 * (MMUEXT_NEW_BASEPTR), at which point the hypervisor validates them.
 * Entry bit 7 in an L1 is PAT, not PSE: the hypervisor's PAT has
 * WB, WT, UC-, UC, WC, WP in entries 0-5.
 */
#define MMU_NORMAL_PT_UPDATE 0
#define MMU_MACHPHYS_UPDATE 1
#define MMU_PT_UPDATE_PRESERVE_AD 2
#define MMU_PT_UPDATE_NO_TRANSLATE 3

/*
 * HYPERVISOR_mmuext_op(mmuext_op_t uops[], unsigned int count,
 *                      unsigned int *pdone, unsigned int foreigndom)
 *
 * Commands (arguments in the mmuext_op fields named after each):
 *  PIN_L1..L4_TABLE  arg1.mfn: validate the frame as a page table of that
 *                    level and keep it so until UNPIN_TABLE.  The frame
 *                    belongs to FD when one is given.
 *  UNPIN_TABLE       arg1.mfn: drop the pin.
 *  NEW_BASEPTR       arg1.mfn: load a new kernel page-table base (CR3).
 *  NEW_USER_BASEPTR  arg1.mfn: x86_64 only, the base used in guest user mode.
 *  TLB_FLUSH_LOCAL   flush this vCPU's TLB.
 *  INVLPG_LOCAL      arg1.linear_addr: flush one address on this vCPU.
 *  TLB_FLUSH_MULTI   arg2.vcpumask: flush the TLBs of the vCPUs in the mask.
 *  INVLPG_MULTI      arg1.linear_addr, arg2.vcpumask.
 *  TLB_FLUSH_ALL     flush every vCPU's TLB.
 *  INVLPG_ALL        arg1.linear_addr: flush one address on every vCPU.
 *  FLUSH_CACHE       write back and invalidate this CPU's caches.
 *  FLUSH_CACHE_GLOBAL  the same on every physical CPU.
 *  SET_LDT           arg1.linear_addr (page aligned), arg2.nr_ents.
 *  CLEAR_PAGE        arg1.mfn: zero the frame.
 *  COPY_PAGE         arg1.mfn (destination), arg2.src_mfn.
 *  MARK_SUPER, UNMARK_SUPER  arg1.mfn: first frame of a superpage (obsolete).
 */
#define MMUEXT_PIN_L1_TABLE 0
#define MMUEXT_PIN_L2_TABLE 1
#define MMUEXT_PIN_L3_TABLE 2
#define MMUEXT_PIN_L4_TABLE 3
#define MMUEXT_UNPIN_TABLE 4
#define MMUEXT_NEW_BASEPTR 5
#define MMUEXT_TLB_FLUSH_LOCAL 6
#define MMUEXT_INVLPG_LOCAL 7
#define MMUEXT_TLB_FLUSH_MULTI 8
#define MMUEXT_INVLPG_MULTI 9
#define MMUEXT_TLB_FLUSH_ALL 10
#define MMUEXT_INVLPG_ALL 11
#define MMUEXT_FLUSH_CACHE 12
#define MMUEXT_SET_LDT 13
/* 14 is unused. */
#define MMUEXT_NEW_USER_BASEPTR 15
#define MMUEXT_CLEAR_PAGE 16
#define MMUEXT_COPY_PAGE 17
#define MMUEXT_FLUSH_CACHE_GLOBAL 18
#define MMUEXT_MARK_SUPER 19
#define MMUEXT_UNMARK_SUPER 20

#ifndef __ASSEMBLY__
struct mmuext_op {
    uint32_t cmd; /* IN: MMUEXT_* */
    union {
        /* IN: frame for PIN_*, UNPIN, NEW_*BASEPTR, CLEAR/COPY_PAGE, *SUPER */
        xen_pfn_t mfn;
        /* IN: address for INVLPG_*, SET_LDT */
        uint64_t linear_addr;
    } arg1;
    union {
        /* IN: number of descriptors for SET_LDT */
        uint32_t nr_ents;
        /* IN: bitmap of vCPUs for TLB_FLUSH_MULTI and INVLPG_MULTI */
#if __XEN_INTERFACE_VERSION__ >= 0x00030205
        XEN_GUEST_HANDLE(const_void) vcpumask;
#else
        const void *vcpumask;
#endif
        /* IN: source frame for COPY_PAGE */
        xen_pfn_t src_mfn;
    } arg2;
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);
#endif

/*
 * HYPERVISOR_update_va_mapping(unsigned long va, uint64_t pte,
 *                              unsigned long flags)
 * HYPERVISOR_update_va_mapping_otherdomain(unsigned long va, uint64_t pte,
 *                                          unsigned long flags, domid_t dom)
 *
 * Write @pte into the L1 entry that maps @va in the current page tables,
 * then flush as @flags says: one flush type (NONE, TLB_FLUSH or INVLPG)
 * ORed with the scope (LOCAL, ALL, or MULTI ORed with the guest address of
 * a vCPU bitmap).
 */
#define UVMF_NONE (xen_mk_ulong(0) << 0)
#define UVMF_TLB_FLUSH (xen_mk_ulong(1) << 0)
#define UVMF_INVLPG (xen_mk_ulong(2) << 0)
#define UVMF_FLUSHTYPE_MASK (xen_mk_ulong(3) << 0)
#define UVMF_MULTI (xen_mk_ulong(0) << 2)
#define UVMF_LOCAL (xen_mk_ulong(0) << 2)
#define UVMF_ALL (xen_mk_ulong(1) << 2)

/*
 * HYPERVISOR_console_io(unsigned int cmd, unsigned int count, char buf[])
 *
 * CONSOLEIO_write prints @count bytes on the hypervisor console (0 on
 * success; domains other than the hardware domain get only printable
 * characters, line buffered).  CONSOLEIO_read copies up to @count bytes of
 * pending console input and returns how many it copied.
 */
#define CONSOLEIO_write 0
#define CONSOLEIO_read 1

/*
 * HYPERVISOR_vm_assist(unsigned int cmd, unsigned int type): turn one of the
 * optional hypervisor behaviours below on or off for the calling domain.
 */
#define VMASST_CMD_enable 0
#define VMASST_CMD_disable 1

/* 32-bit guests: emulate 4 GiB segment limits. */
#define VMASST_TYPE_4gb_segments 0
/* 32-bit guests: raise trap 15 whenever that emulation is used. */
#define VMASST_TYPE_4gb_segments_notify 1
/*
 * Writes to L1 page-table entries fault and are emulated, so a guest may
 * update PTEs with plain stores (higher levels still need hypercalls).
 */
#define VMASST_TYPE_writable_pagetables 2
/* PAE guests: page directory pointer tables may live above 4 GiB. */
#define VMASST_TYPE_pae_extended_cr3 3
/*
 * The virtual IOPL is set by iret and reported in bounce frames, and the
 * guest kernel counts as privilege level 0 for IOPL checks.
 */
#define VMASST_TYPE_architectural_iopl 4
/* Set XEN_RUNSTATE_UPDATE in a registered runstate area while updating it. */
#define VMASST_TYPE_runstate_update_flag 5
/*
 * x86_64: keep the read-only M2P out of user-mode page tables entirely
 * (by default a new L4 gets the slot when first used as a kernel table).
 */
#define VMASST_TYPE_m2p_strict 32

#if __XEN_INTERFACE_VERSION__ < 0x00040600
#define MAX_VMASST_TYPE 3
#endif

/*
 * Domain ids.  Ordinary domains are numbered below DOMID_FIRST_RESERVED;
 * the values from there up are names with special meanings.
 */
#define DOMID_FIRST_RESERVED xen_mk_uint(0x7FF0)
/* The calling domain. */
#define DOMID_SELF xen_mk_uint(0x7FF0)
/*
 * As mmu_update's or update_va_mapping_otherdomain's foreign domain: allow
 * only mappings of I/O memory (never of anybody's RAM).
 */
#define DOMID_IO xen_mk_uint(0x7FF1)
/* Owner of the hypervisor's own pages that privileged domains may map. */
#define DOMID_XEN xen_mk_uint(0x7FF2)
/* Owner of pages shared copy-on-write between domains. */
#define DOMID_COW xen_mk_uint(0x7FF3)
/* No owner: marks pages whose owner is unknown. */
#define DOMID_INVALID xen_mk_uint(0x7FF4)
/* The idle domain. */
#define DOMID_IDLE xen_mk_uint(0x7FFF)
/* All bits a domain id may use. */
#define DOMID_MASK xen_mk_uint(0x7FFF)

#ifndef __ASSEMBLY__

typedef uint16_t domid_t;

/* One request of HYPERVISOR_mmu_update. */
struct mmu_update {
    uint64_t ptr; /* IN: machine address of the entry, command in bits 1:0 */
    uint64_t val; /* IN: the new entry (or pfn for MMU_MACHPHYS_UPDATE) */
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);

/*
 * HYPERVISOR_multicall(multicall_entry_t calls[], uint32_t nr_calls):
 * run several hypercalls in one trap; each entry's result is stored in it.
 */
struct multicall_entry {
    xen_ulong_t op;      /* IN: hypercall number */
    xen_ulong_t result;  /* OUT: what the hypercall returned */
    xen_ulong_t args[6]; /* IN: its arguments */
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);

#if __XEN_INTERFACE_VERSION__ < 0x00040400
/* Ports of the 2-level event channel ABI (4096 on x86_64). */
#define NR_EVENT_CHANNELS EVTCHN_2L_NR_CHANNELS
#endif

/*
 * System time of one vCPU, maintained by the hypervisor (pvclock).
 *
 * The hypervisor increments version before and after each update, so an odd
 * version means an update is in progress: a reader copies the fields and
 * retries until it saw the same even version before and after.  The time now
 * in nanoseconds is
 *   system_time + ((((tsc - tsc_timestamp) << tsc_shift)
 *                   * tsc_to_system_mul) >> 32)
 * with a negative tsc_shift meaning a right shift.
 */
struct vcpu_time_info {
    uint32_t version;           /* OUT: update counter, odd while updating */
    uint32_t pad0;              /* OUT: zero */
    uint64_t tsc_timestamp;     /* OUT: TSC when the fields were updated */
    uint64_t system_time;       /* OUT: ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul; /* OUT: TSC-to-ns factor, 32.32 fixed point */
    int8_t tsc_shift;           /* OUT: shift applied before multiplying */
#if __XEN_INTERFACE_VERSION__ > 0x040600
    uint8_t flags;   /* OUT: XEN_PVCLOCK_* */
    uint8_t pad1[2]; /* OUT: zero */
#else
    int8_t pad1[3]; /* OUT: zero */
#endif
}; /* 32 bytes */
typedef struct vcpu_time_info vcpu_time_info_t;

/* vcpu_time_info.flags: the TSC is synchronised across all CPUs. */
#define XEN_PVCLOCK_TSC_STABLE_BIT (1 << 0)
/* vcpu_time_info.flags: the vCPU was paused (for example for migration). */
#define XEN_PVCLOCK_GUEST_STOPPED (1 << 1)

/*
 * Per-vCPU event state, one per vCPU in shared_info (the legacy ones) or
 * wherever VCPUOP_register_vcpu_info put it.
 *
 * The hypervisor sets evtchn_upcall_pending (and a bit in evtchn_pending_sel
 * for each word of shared_info.evtchn_pending that gained a pending port),
 * then makes an upcall unless evtchn_upcall_mask is set.  The guest clears
 * upcall_pending before scanning, so nothing is lost.  The mask plays the
 * role of the interrupt flag; it is read by the hypervisor only on the CPU
 * running the vCPU, so the guest may update both bytes without LOCK.
 * 64 bytes.
 */
struct vcpu_info {
    uint8_t evtchn_upcall_pending; /* IN/OUT: set by Xen, cleared by guest */
#ifdef XEN_HAVE_PV_UPCALL_MASK
    uint8_t evtchn_upcall_mask; /* IN: non-zero blocks upcalls */
#else
    uint8_t pad0;   /* IN/OUT: unused */
#endif
    xen_ulong_t evtchn_pending_sel; /* IN/OUT: evtchn_pending words to scan */
    struct arch_vcpu_info arch;     /* IN/OUT: see arch-x86/xen-x86_64.h */
    vcpu_time_info_t time;          /* OUT: this vCPU's system time */
};
#ifndef __XEN__
typedef struct vcpu_info vcpu_info_t;
#endif

/*
 * The shared info page: the one page the hypervisor and a guest share from
 * the start (its machine address is in start_info.shared_info).  Guests must
 * not depend on its size.
 *
 * Event channels (2-level ABI): port N is pending when bit N of
 * evtchn_pending is set and masked when bit N of evtchn_mask is set.  When a
 * port becomes pending and is not masked, the hypervisor sets bit N / 64 of
 * the bound vCPU's evtchn_pending_sel and its evtchn_upcall_pending.  A
 * masked port that becomes pending raises no upcall, now or when unmasked
 * (EVTCHNOP_unmask re-raises it).
 *
 * Wall clock: the Unix time (adjusted by the domain's time offset) at which
 * system time was zero, guarded by wc_version like vcpu_time_info.version.
 */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS]; /* IN/OUT */

    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8]; /* IN/OUT */
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];    /* IN */

    uint32_t wc_version; /* OUT: update counter, odd while updating */
    uint32_t wc_sec;     /* OUT: seconds, low 32 bits */
    uint32_t wc_nsec;    /* OUT: nanoseconds */
    uint32_t wc_sec_hi;  /* OUT: seconds, high 32 bits */
#define xen_wc_sec_hi wc_sec_hi

    struct arch_shared_info arch; /* IN/OUT: see arch-x86/xen.h */
};
#ifndef __XEN__
typedef struct shared_info shared_info_t;
#endif

/*
 * start_info: what the domain builder tells a PV guest at boot; its virtual
 * address is in %rsi at the entry point.
 *
 * The initial virtual region starts at the kernel's virtual base, is mapped
 * pfn for page (pseudo-physical frame N at base + N * 4096), ends on a 4 MiB
 * boundary with at least 512 KiB to spare, and holds, each page aligned and
 * in this order: the kernel; the initrd (unless passed by pfn); the p2m list
 * (unless XEN_ELFNOTE_INIT_P2M moves it); this page (for dom0 followed by
 * the console info); for domUs the xenstore and console ring pages; the
 * bootstrap page tables (mapped read-only); and one page of boot stack.
 */
#ifdef XEN_HAVE_PV_GUEST_ENTRY
struct start_info {
    /* Filled in at boot and again on resume. */
    char magic[32];        /* OUT: "xen-<version>-<platform>" */
    uint64_t nr_pages;     /* OUT: pages allocated to the domain */
    uint64_t shared_info;  /* OUT: machine address of shared_info */
    uint32_t flags;        /* OUT: SIF_* */
    xen_pfn_t store_mfn;   /* OUT: machine frame of the xenstore ring */
    uint32_t store_evtchn; /* OUT: event channel of the xenstore ring */
    union {
        struct {
            xen_pfn_t mfn;   /* OUT: machine frame of the console ring */
            uint32_t evtchn; /* OUT: event channel of the console ring */
        } domU;
        struct {
            uint32_t info_off;  /* OUT: offset of dom0_vga_console_info */
            uint32_t info_size; /* OUT: its size */
        } dom0;
    } console;
    /* Filled in at boot only. */
    uint64_t pt_base;      /* OUT: virtual address of the top table */
    uint64_t nr_pt_frames; /* OUT: pages of bootstrap page tables */
    uint64_t mfn_list;     /* OUT: virtual address of the p2m list */
    uint64_t mod_start;    /* OUT: virtual address of the initrd, or
                                   its first pfn with SIF_MOD_START_PFN */
    uint64_t mod_len;      /* OUT: initrd size in bytes */
#define MAX_GUEST_CMDLINE 1024
    int8_t cmd_line[MAX_GUEST_CMDLINE]; /* OUT: NUL-terminated command line */
    /* The pfns of the initial p2m list and of the tables that map it. */
    uint64_t first_p2m_pfn; /* OUT: first of them */
    uint64_t nr_p2m_frames; /* OUT: how many */
};
typedef struct start_info start_info_t;

/* The console moved into a union in 0x00030203. */
#if __XEN_INTERFACE_VERSION__ < 0x00030203
#define console_mfn console.domU.mfn
#define console_evtchn console.domU.evtchn
#endif
#endif /* XEN_HAVE_PV_GUEST_ENTRY */

/* start_info.flags */
#define SIF_PRIVILEGED (1 << 0)      /* the domain is privileged */
#define SIF_INITDOMAIN (1 << 1)      /* the domain is the initial domain */
#define SIF_MULTIBOOT_MOD (1 << 2)   /* mod_start is a multiboot module list */
#define SIF_MOD_START_PFN (1 << 3)   /* mod_start is a pfn, not an address */
#define SIF_VIRT_P2M_4TOOLS (1 << 4) /* tools handle a virtually mapped p2m */
#define SIF_PM_MASK (0xFF << 8)      /* reserved for power-management flags */

/*
 * With SIF_MULTIBOOT_MOD, the module starts with an array of these, ended
 * by an entry whose mod_start is 0; addresses are offsets from the module's
 * start.
 */
struct xen_multiboot_mod_list {
    uint32_t mod_start; /* OUT: first byte of the module */
    uint32_t mod_end;   /* OUT: last byte of the module (inclusive) */
    uint32_t cmdline;   /* OUT: its NUL-terminated command line */
    uint32_t pad;       /* OUT: zero */
};

/*
 * The dom0 console: how the firmware left the display, found at
 * start_info.console.dom0.info_off in the start_info page.
 */
typedef struct dom0_vga_console_info {
    uint8_t video_type; /* OUT: XEN_VGATYPE_* */
#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB 0x23
#define XEN_VGATYPE_EFI_LFB 0x70
    union {
        struct {
            uint16_t font_height; /* OUT: pixels */
            uint16_t cursor_x;    /* OUT: column */
            uint16_t cursor_y;    /* OUT: row */
            uint16_t rows;        /* OUT: text rows */
            uint16_t columns;     /* OUT: text columns */
        } text_mode_3;
        struct {
            uint16_t width;          /* OUT: pixels */
            uint16_t height;         /* OUT: pixels */
            uint16_t bytes_per_line; /* OUT: scan line length */
            uint16_t bits_per_pixel; /* OUT: depth */
            uint32_t lfb_base;       /* OUT: frame buffer address, low 32 */
            uint32_t lfb_size;       /* OUT: frame buffer size, 64 KiB units */
            /* OUT: colour field positions and widths (VBE 1.2 and later) */
            uint8_t red_pos, red_size;
            uint8_t green_pos, green_size;
            uint8_t blue_pos, blue_size;
            uint8_t rsvd_pos, rsvd_size;
#if __XEN_INTERFACE_VERSION__ >= 0x00030206
            uint32_t gbl_caps;   /* OUT: VBE capabilities (function 0x4f00) */
            uint16_t mode_attrs; /* OUT: mode attributes (function 0x4f01) */
            uint16_t pad;        /* OUT: zero */
#endif
#if __XEN_INTERFACE_VERSION__ >= 0x00040d00
            uint32_t ext_lfb_base; /* OUT: frame buffer address, high 32 */
#endif
        } vesa_lfb;
    } u;
} dom0_vga_console_info_t;
#define xen_vga_console_info dom0_vga_console_info
#define xen_vga_console_info_t dom0_vga_console_info_t

/* A domain's 16-byte handle, conventionally its UUID. */
typedef uint8_t xen_domain_handle_t[16];

__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);

/* A UUID, stored as its 16 bytes in the order they are written. */
typedef struct {
    uint8_t a[16]; /* IN/OUT: the bytes, as written */
} xen_uuid_t;

/*
 * XEN_DEFINE_UUID(0x00112233, 0x4455, 0x6677, 0x8899,
 *                 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff)
 * is the initialiser of UUID 00112233-4455-6677-8899-aabbccddeeff: all
 * fields big-endian, as Linux and libuuid store them (not as Microsoft).
 */
#define XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6)                   \
    {                                                                          \
        {                                                                      \
            0xFF & ((a) >> 24), 0xFF & ((a) >> 16), 0xFF & ((a) >> 8),         \
                0xFF & (a), 0xFF & ((b) >> 8), 0xFF & (b), 0xFF & ((c) >> 8),  \
                0xFF & (c), 0xFF & ((d) >> 8), 0xFF & (d), e1, e2, e3, e4, e5, \
                e6                                                             \
        }                                                                      \
    }

#if defined(__STDC_VERSION__) ? __STDC_VERSION__ >= 199901L : defined(__GNUC__)
/* A compound literal where the language has them. */
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6)                    \
    ((xen_uuid_t)XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6))
#else
#define XEN_DEFINE_UUID(a, b, c, d, e1, e2, e3, e4, e5, e6)                    \
    XEN_DEFINE_UUID_(a, b, c, d, e1, e2, e3, e4, e5, e6)
#endif

#endif /* !__ASSEMBLY__ */

/* Helpers shared by the toolstack interfaces (domctl.h, sysctl.h). */
#if defined(__XEN__) || defined(__XEN_TOOLS__)

/* 64-bit fields of domctl/sysctl; a 32-bit includer may force alignment. */
#ifndef int64_aligned_t
#define int64_aligned_t int64_t
#endif
#ifndef uint64_aligned_t
#define uint64_aligned_t uint64_t
#endif
#ifndef XEN_GUEST_HANDLE_64
#define XEN_GUEST_HANDLE_64(name) XEN_GUEST_HANDLE(name)
#endif

#ifndef __ASSEMBLY__
/* A bitmap passed by reference: CPU maps, node maps. */
struct xenctl_bitmap {
    XEN_GUEST_HANDLE_64(uint8) bitmap; /* IN: the bytes, bit 0 first */
    uint32_t nr_bits;                  /* IN: bits the buffer holds */
};
typedef struct xenctl_bitmap xenctl_bitmap_t;
#endif

#endif /* __XEN__ || __XEN_TOOLS__ */

#endif /* __XEN_PUBLIC_XEN_H__ */
