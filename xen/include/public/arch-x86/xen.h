/* SPDX-License-Identifier: MIT */
/*
 * public/arch-x86/xen.h: the x86 part of the guest interface.
 *
 * Guest handles, the trap table, the virtual CPU context used by
 * VCPUOP_initialise and XEN_DOMCTL_{get,set}vcpucontext, the architecture
 * part of shared_info, the domain-creation emulation flags, and the
 * serialised CPUID and MSR records.  The 64-bit specifics (registers,
 * selectors, virtual layout) are in xen-x86_64.h.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#include "../xen.h"

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

/*
 * A guest handle is how a structure in memory refers to guest memory: a
 * pointer wrapped in a one-member structure (since 0x00030201), so that
 * handles of different types do not mix by accident.  On x86 a handle
 * passed as a hypercall argument (XEN_GUEST_HANDLE_PARAM) is the same.
 */
#if __XEN_INTERFACE_VERSION__ >= 0x00030201
#define ___DEFINE_XEN_GUEST_HANDLE(name, type)                                 \
    typedef struct {                                                           \
        type *p;                                                               \
    } __guest_handle_##name
#else
#define ___DEFINE_XEN_GUEST_HANDLE(name, type)                                 \
    typedef type *__guest_handle_##name
#endif

/* Defines the handle types for @type and for const @type. */
#define __DEFINE_XEN_GUEST_HANDLE(name, type)                                  \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);                                    \
    ___DEFINE_XEN_GUEST_HANDLE(const_##name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name) __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name) __guest_handle_##name
#define XEN_GUEST_HANDLE(name) __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name) XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val)                                     \
    do                                                                         \
    {                                                                          \
        (hnd).p = val;                                                         \
    } while ( 0 )
#define set_xen_guest_handle(hnd, val) set_xen_guest_handle_raw(hnd, val)

#if defined(__x86_64__)
#include "xen-x86_64.h"
#else
#error "These headers describe the x86_64 interface only."
#endif

#ifndef __ASSEMBLY__
/* A frame number: machine frame for PV guests, guest frame for HVM. */
typedef unsigned long xen_pfn_t;
#define PRI_xen_pfn "lx"
#define PRIu_xen_pfn "lu"
#endif

/* x86 has PV guests: start_info and the upcall mask in vcpu_info exist. */
#define XEN_HAVE_PV_GUEST_ENTRY 1
#define XEN_HAVE_PV_UPCALL_MASK 1

/*
 * HYPERVISOR_set_gdt(const xen_pfn_t frames[], unsigned int entries)
 *
 * A guest's GDT may span 16 pages, but the hypervisor keeps the last two
 * for its own descriptors (the FLAT_* selectors among them), so a guest
 * GDT holds at most FIRST_RESERVED_GDT_ENTRY entries.  The LDT is set with
 * MMUEXT_SET_LDT.
 *
 * HYPERVISOR_update_descriptor(uint64_t ma, uint64_t desc) writes one
 * descriptor at machine address @ma, in a GDT/LDT page or a writable page,
 * after checking it.
 */
#define FIRST_RESERVED_GDT_PAGE 14
#define FIRST_RESERVED_GDT_BYTE (FIRST_RESERVED_GDT_PAGE * 4096)
#define FIRST_RESERVED_GDT_ENTRY (FIRST_RESERVED_GDT_BYTE / 8)

/* vCPUs whose vcpu_info lives in shared_info. */
#define XEN_LEGACY_MAX_VCPUS 32

#ifndef __ASSEMBLY__

/* A guest register-sized value in the ABI. */
typedef unsigned long xen_ulong_t;
#define PRI_xen_ulong "lx"

/*
 * HYPERVISOR_stack_switch(unsigned long ss, unsigned long sp): the kernel
 * stack the hypervisor switches to when the guest enters its kernel.
 *
 * HYPERVISOR_set_trap_table(const trap_info_t traps[]): install handlers
 * for the listed vectors; the list ends with an entry whose address is 0.
 * The privilege level in flags says who may raise the vector with INT n:
 * 0 nobody, 1 or 2 the guest kernel, 3 everybody.  Bit 2 of flags asks for
 * event delivery to be masked on entry, as an interrupt gate would.  On
 * x86_64 the cs field is ignored: handlers run on FLAT_KERNEL_CS.
 */
#define TI_GET_DPL(_ti) ((_ti)->flags & 3)
#define TI_GET_IF(_ti) ((_ti)->flags & 4)
#define TI_SET_DPL(_ti, _dpl) ((_ti)->flags |= (_dpl))
#define TI_SET_IF(_ti, _if) ((_ti)->flags |= ((!!(_if)) << 2))
struct trap_info {
    uint8_t vector;   /* IN: exception or interrupt vector */
    uint8_t flags;    /* IN: bits 1:0 privilege level, bit 2 mask events */
    uint16_t cs;      /* IN: code selector (ignored on x86_64) */
    uint64_t address; /* IN: handler address; 0 ends the list */
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);

/* A value read with RDTSC. */
typedef uint64_t tsc_timestamp_t;

/*
 * The whole register state of a vCPU, as VCPUOP_initialise and
 * XEN_DOMCTL_{set,get}vcpucontext pass it.  fpu_ctxt holds an FXSAVE image.
 * For HVM vCPUs only fpu_ctxt (with VGCF_I387_VALID), flags, user_regs and
 * debugreg are used by setvcpucontext.
 */
struct vcpu_guest_context {
    /* First, so that it can be 16-byte aligned for FXSAVE/FXRSTOR. */
    struct {
        char x[512];
    } fpu_ctxt; /* IN/OUT: FPU and SSE registers */
#define VGCF_I387_VALID (1 << 0)
#define VGCF_IN_KERNEL (1 << 2)
#define _VGCF_i387_valid 0
#define VGCF_i387_valid (1 << _VGCF_i387_valid)
#define _VGCF_in_kernel 2
#define VGCF_in_kernel (1 << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events 3
#define VGCF_failsafe_disables_events (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events 4
#define VGCF_syscall_disables_events (1 << _VGCF_syscall_disables_events)
#define _VGCF_online 5
#define VGCF_online (1 << _VGCF_online)
    uint64_t flags;                  /* IN/OUT: VGCF_* */
    struct cpu_user_regs user_regs;  /* IN/OUT: general registers */
    struct trap_info trap_ctxt[256]; /* IN/OUT: the virtual IDT */
    uint64_t ldt_base;               /* IN/OUT: LDT linear address */
    uint64_t ldt_ents;               /* IN/OUT: LDT entries */
    uint64_t gdt_frames[16];         /* IN/OUT: GDT machine frames */
    uint64_t gdt_ents;               /* IN/OUT: GDT entries */
    uint64_t kernel_ss;              /* IN/OUT: kernel stack segment */
    uint64_t kernel_sp;              /* IN/OUT: kernel stack pointer */
    /* CR0-CR7; on x86_64 ctrlreg[1] holds the user page-table base. */
    uint64_t ctrlreg[8];            /* IN/OUT */
    uint64_t debugreg[8];           /* IN/OUT: DR0-DR7 */
    uint64_t event_callback_eip;    /* IN/OUT: event upcall entry */
    uint64_t failsafe_callback_eip; /* IN/OUT: failsafe callback entry */
#ifdef __XEN__
    union {
        uint64_t syscall_callback_eip; /* IN/OUT: 64-bit SYSCALL entry */
        struct {
            /* The same space holds a 32-bit guest's callback selectors. */
            uint32_t event_callback_cs;    /* IN/OUT */
            uint32_t failsafe_callback_cs; /* IN/OUT */
        };
    };
#else
    uint64_t syscall_callback_eip; /* IN/OUT: 64-bit SYSCALL entry */
#endif
    uint64_t vm_assist;      /* IN/OUT: bitmap of VMASST_TYPE_* */
    uint64_t fs_base;        /* IN/OUT: FS base */
    uint64_t gs_base_kernel; /* IN/OUT: kernel-mode GS base */
    uint64_t gs_base_user;   /* IN/OUT: user-mode GS base */
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);

/*
 * The architecture part of shared_info.  All but nmi_reason are written by
 * the guest, for the toolstack (save, restore, dump) to find its p2m.
 */
struct arch_shared_info {
    /* IN: number of entries in the p2m list */
    uint64_t max_pfn;
    /*
     * IN: frame of the 3-level list of frames of the p2m: 0 while not set
     * up, ~0 when the p2m is too big for it and only p2m_vaddr is valid.
     */
    xen_pfn_t pfn_to_mfn_frame_list_list;
    /* OUT: reason bits of a pending NMI (nmi.h, _XEN_NMIREASON_*) */
    uint64_t nmi_reason;
    /*
     * The linear p2m list, valid when p2m_cr3 is not 0: p2m_cr3 is the
     * page-table base (xen_pfn_to_cr3 form) in which p2m_vaddr maps entries
     * [0, max_pfn).  p2m_generation is incremented before and after each
     * change of that mapping (odd while changing).
     */
    uint64_t p2m_cr3;        /* IN */
    uint64_t p2m_vaddr;      /* IN */
    uint64_t p2m_generation; /* IN */
};
typedef struct arch_shared_info arch_shared_info_t;

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/*
 * x86 part of XEN_DOMCTL_createdomain (covered by the domctl interface
 * version): which devices the hypervisor emulates for the domain.  PV
 * domains get none, HVM domains all but VPCI, PVH domains LAPIC only.
 */
struct xen_arch_domainconfig {
#define _XEN_X86_EMU_LAPIC 0
#define XEN_X86_EMU_LAPIC (1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET 1
#define XEN_X86_EMU_HPET (1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM 2
#define XEN_X86_EMU_PM (1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC 3
#define XEN_X86_EMU_RTC (1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC 4
#define XEN_X86_EMU_IOAPIC (1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC 5
#define XEN_X86_EMU_PIC (1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA 6
#define XEN_X86_EMU_VGA (1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU 7
#define XEN_X86_EMU_IOMMU (1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT 8
#define XEN_X86_EMU_PIT (1U << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ 9
#define XEN_X86_EMU_USE_PIRQ (1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI 10
#define XEN_X86_EMU_VPCI (1U << _XEN_X86_EMU_VPCI)
#define XEN_X86_EMU_ALL                                                        \
    (XEN_X86_EMU_LAPIC | XEN_X86_EMU_HPET | XEN_X86_EMU_PM | XEN_X86_EMU_RTC | \
     XEN_X86_EMU_IOAPIC | XEN_X86_EMU_PIC | XEN_X86_EMU_VGA |                  \
     XEN_X86_EMU_IOMMU | XEN_X86_EMU_PIT | XEN_X86_EMU_USE_PIRQ |              \
     XEN_X86_EMU_VPCI)
    uint32_t emulation_flags; /* IN: XEN_X86_EMU_* */
/*
 * Reads of MSRs the hypervisor does not handle return 0 and writes are
 * dropped, instead of raising #GP in the guest (the real MSR is untouched).
 */
#define XEN_X86_MSR_RELAXED (1u << 0)
    uint32_t misc_flags; /* IN: XEN_X86_MSR_RELAXED */
};

/* The highest misc_flags bit, for checking requests. */
#define XEN_X86_MISC_FLAGS_MAX XEN_X86_MSR_RELAXED
#endif /* __XEN__ || __XEN_TOOLS__ */

/* One CPUID leaf of a domain's CPU policy, as the toolstack exchanges it. */
typedef struct xen_cpuid_leaf {
#define XEN_CPUID_NO_SUBLEAF 0xffffffffu
    uint32_t leaf;    /* IN/OUT: EAX input */
    uint32_t subleaf; /* IN/OUT: ECX input, or XEN_CPUID_NO_SUBLEAF */
    uint32_t a;       /* IN/OUT: EAX output */
    uint32_t b;       /* IN/OUT: EBX output */
    uint32_t c;       /* IN/OUT: ECX output */
    uint32_t d;       /* IN/OUT: EDX output */
} xen_cpuid_leaf_t;
DEFINE_XEN_GUEST_HANDLE(xen_cpuid_leaf_t);

/* One MSR of a domain's CPU policy. */
typedef struct xen_msr_entry {
    uint32_t idx;   /* IN/OUT: MSR index */
    uint32_t flags; /* IN: reserved, zero */
    uint64_t val;   /* IN/OUT: value */
} xen_msr_entry_t;
DEFINE_XEN_GUEST_HANDLE(xen_msr_entry_t);

#endif /* !__ASSEMBLY__ */

/*
 * HYPERVISOR_fpu_taskswitch(int set): set (non-zero) or clear CR0.TS.
 *
 * HYPERVISOR_set_debugreg(int reg, unsigned long value) and
 * HYPERVISOR_get_debugreg(int reg): DR0-DR7; get returns the value, or
 * -EINVAL as an unsigned long for a bad register number.
 */

/*
 * Forced emulation: this byte sequence (ud2 then "xen") before an
 * instruction makes the hypervisor emulate it.  PV guests use it for CPUID,
 * to see the CPUID the hypervisor presents rather than the raw hardware.
 */
#ifdef __ASSEMBLY__
#define XEN_EMULATE_PREFIX .byte 0x0f, 0x0b, 0x78, 0x65, 0x6e;
#define XEN_CPUID XEN_EMULATE_PREFIX cpuid
#else
#define XEN_EMULATE_PREFIX ".byte 0x0f,0x0b,0x78,0x65,0x6e ; "
#define XEN_CPUID XEN_EMULATE_PREFIX "cpuid"
#endif

/* HVM guests: bytes written to this I/O port go to the hypervisor console. */
#define XEN_HVM_DEBUGCONS_IOPORT 0xe9

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
