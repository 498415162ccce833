/* SPDX-License-Identifier: MIT */
/*
 * public/arch-x86/xen-x86_64.h: the 64-bit x86 guest interface.
 *
 * The flat segment selectors in the hypervisor's part of every GDT, the
 * virtual-address range the hypervisor keeps, the read-only machine-to-phys
 * table, set_segment_base, the iret hypercall frame, the general register
 * block and the architecture part of vcpu_info.
 *
 * Hypercalls: number in %rax, arguments in %rdi, %rsi, %rdx, %r10, %r8,
 * result in %rax.  A guest calls either through the hypercall page (stub i
 * at hypercall_page + i * 32) or, from guest kernel mode, with a bare
 * SYSCALL.  Argument registers may be clobbered.
 *
 * Written for this project from the facts of Xen 4.17's public interface.
 */
#include "xen.h" /* arch-x86/xen.h, which includes this file in turn */

#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/*
 * Flat selectors, present in every GDT (the hypervisor's reserved entries),
 * so a guest can run without a GDT of its own.  A 64-bit PV kernel runs in
 * ring 3 too, so kernel and user share the ring-3 selectors.
 */
#define FLAT_RING3_CS32 0xe023 /* GDT entry 260 */
#define FLAT_RING3_CS64 0xe033 /* GDT entry 262 */
#define FLAT_RING3_DS32 0xe02b /* GDT entry 261 */
#define FLAT_RING3_DS64 0x0000 /* the null selector */
#define FLAT_RING3_SS32 0xe02b /* GDT entry 261 */
#define FLAT_RING3_SS64 0xe02b /* GDT entry 261 */

#define FLAT_KERNEL_DS64 FLAT_RING3_DS64
#define FLAT_KERNEL_DS32 FLAT_RING3_DS32
#define FLAT_KERNEL_DS FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64 FLAT_RING3_CS64
#define FLAT_KERNEL_CS32 FLAT_RING3_CS32
#define FLAT_KERNEL_CS FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64 FLAT_RING3_SS64
#define FLAT_KERNEL_SS32 FLAT_RING3_SS32
#define FLAT_KERNEL_SS FLAT_KERNEL_SS64

#define FLAT_USER_DS64 FLAT_RING3_DS64
#define FLAT_USER_DS32 FLAT_RING3_DS32
#define FLAT_USER_DS FLAT_USER_DS64
#define FLAT_USER_CS64 FLAT_RING3_CS64
#define FLAT_USER_CS32 FLAT_RING3_CS32
#define FLAT_USER_CS FLAT_USER_CS64
#define FLAT_USER_SS64 FLAT_RING3_SS64
#define FLAT_USER_SS32 FLAT_RING3_SS32
#define FLAT_USER_SS FLAT_USER_SS64

/*
 * The hypervisor owns L4 slots 256-271 of every address space; the first
 * 256 GiB of it is the machine-to-phys table, mapped read-only for guests
 * (entry mfn holds the pfn that mfn backs, 8 bytes each).
 */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END 0xFFFF880000000000
#define __MACH2PHYS_VIRT_START 0xFFFF800000000000
#define __MACH2PHYS_VIRT_END 0xFFFF804000000000

#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START xen_mk_ulong(__HYPERVISOR_VIRT_START)
#define HYPERVISOR_VIRT_END xen_mk_ulong(__HYPERVISOR_VIRT_END)
#endif

#define MACH2PHYS_VIRT_START xen_mk_ulong(__MACH2PHYS_VIRT_START)
#define MACH2PHYS_VIRT_END xen_mk_ulong(__MACH2PHYS_VIRT_END)
#define MACH2PHYS_NR_ENTRIES ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> 3)
#ifndef machine_to_phys_mapping
#define machine_to_phys_mapping ((unsigned long *)HYPERVISOR_VIRT_START)
#endif

/*
 * HYPERVISOR_set_segment_base(unsigned int which, unsigned long base):
 * the FS base, the user or kernel GS base, or (GS_USER_SEL) load the user
 * %gs selector given in base[15:0].  Returns 0 on success.
 */
#define SEGBASE_FS 0
#define SEGBASE_GS_USER 1
#define SEGBASE_GS_KERNEL 2
#define SEGBASE_GS_USER_SEL 3

/*
 * HYPERVISOR_iret(void): return from the guest kernel, never returning to
 * the caller.  The guest pushes, above a normal IRET frame, the flags, RCX,
 * R11 and RAX, so the stack holds a struct iret_context.  A CS with RPL 3
 * returns to guest user mode (switching to the user page tables); any other
 * RPL returns to guest kernel mode.  RAX, RIP, RFLAGS and RSP are always
 * restored; with VGCF_in_syscall in flags, R11, RCX, CS and SS are not (the
 * frame came from SYSCALL).  The upcall mask becomes !RFLAGS.IF.
 */
#define _VGCF_in_syscall 8
#define VGCF_in_syscall (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL VGCF_in_syscall

#ifndef __ASSEMBLY__

/* The frame of HYPERVISOR_iret, lowest address (%rsp) first. */
struct iret_context {
    uint64_t rax;    /* IN */
    uint64_t r11;    /* IN */
    uint64_t rcx;    /* IN */
    uint64_t flags;  /* IN: VGCF_in_syscall */
    uint64_t rip;    /* IN */
    uint64_t cs;     /* IN */
    uint64_t rflags; /* IN */
    uint64_t rsp;    /* IN */
    uint64_t ss;     /* IN */
};

/*
 * The general registers of a vCPU.  The hypervisor and the tools see every
 * architectural name of a register (al/ah/ax/eax/rax) through anonymous
 * unions; GNU C sees rax and eax; strict ISO C sees only the 64-bit names.
 */
#if defined(__XEN__) || defined(__XEN_TOOLS__)
#define __DECL_REG_LOHI(which)                                                 \
    union {                                                                    \
        uint64_t r##which##x;                                                  \
        uint32_t e##which##x;                                                  \
        uint16_t which##x;                                                     \
        struct {                                                               \
            uint8_t which##l;                                                  \
            uint8_t which##h;                                                  \
        };                                                                     \
    }
#define __DECL_REG_LO8(name)                                                   \
    union {                                                                    \
        uint64_t r##name;                                                      \
        uint32_t e##name;                                                      \
        uint16_t name;                                                         \
        uint8_t name##l;                                                       \
    }
#define __DECL_REG_LO16(name)                                                  \
    union {                                                                    \
        uint64_t r##name;                                                      \
        uint32_t e##name;                                                      \
        uint16_t name;                                                         \
    }
#define __DECL_REG_HI(num)                                                     \
    union {                                                                    \
        uint64_t r##num;                                                       \
        uint32_t r##num##d;                                                    \
        uint16_t r##num##w;                                                    \
        uint8_t r##num##b;                                                     \
    }
#elif defined(__GNUC__) && !defined(__STRICT_ANSI__)
#define __DECL_REG(name)                                                       \
    union {                                                                    \
        uint64_t r##name, e##name;                                             \
        uint32_t _e##name;                                                     \
    }
#else
#define __DECL_REG(name) uint64_t r##name
#endif

#ifndef __DECL_REG_LOHI
#define __DECL_REG_LOHI(name) __DECL_REG(name##x)
#define __DECL_REG_LO8 __DECL_REG
#define __DECL_REG_LO16 __DECL_REG
#define __DECL_REG_HI(num) uint64_t r##num
#endif

struct cpu_user_regs {
    __DECL_REG_HI(15);         /* IN/OUT: r15 */
    __DECL_REG_HI(14);         /* IN/OUT: r14 */
    __DECL_REG_HI(13);         /* IN/OUT: r13 */
    __DECL_REG_HI(12);         /* IN/OUT: r12 */
    __DECL_REG_LO8(bp);        /* IN/OUT: rbp */
    __DECL_REG_LOHI(b);        /* IN/OUT: rbx */
    __DECL_REG_HI(11);         /* IN/OUT: r11 */
    __DECL_REG_HI(10);         /* IN/OUT: r10 */
    __DECL_REG_HI(9);          /* IN/OUT: r9 */
    __DECL_REG_HI(8);          /* IN/OUT: r8 */
    __DECL_REG_LOHI(a);        /* IN/OUT: rax */
    __DECL_REG_LOHI(c);        /* IN/OUT: rcx */
    __DECL_REG_LOHI(d);        /* IN/OUT: rdx */
    __DECL_REG_LO8(si);        /* IN/OUT: rsi */
    __DECL_REG_LO8(di);        /* IN/OUT: rdi */
    uint32_t error_code;       /* OUT: hypervisor private */
    uint32_t entry_vector;     /* OUT: hypervisor private */
    __DECL_REG_LO16(ip);       /* IN/OUT: rip */
    uint16_t cs;               /* IN/OUT */
    uint16_t _pad0[1];         /* IN/OUT: unused */
    uint8_t saved_upcall_mask; /* IN/OUT: the mask RFLAGS.IF stands for */
    uint8_t _pad1[3];          /* IN/OUT: unused */
    __DECL_REG_LO16(flags);    /* IN/OUT: rflags; IF == !saved_upcall_mask */
    __DECL_REG_LO8(sp);        /* IN/OUT: rsp */
    uint16_t ss;               /* IN/OUT */
    uint16_t _pad2[3];         /* IN/OUT: unused */
    uint16_t es;               /* IN/OUT */
    uint16_t _pad3[3];         /* IN/OUT: unused */
    uint16_t ds;               /* IN/OUT */
    uint16_t _pad4[3];         /* IN/OUT: unused */
    uint16_t fs;               /* IN/OUT */
    uint16_t _pad5[3];         /* IN/OUT: unused */
    uint16_t gs;               /* IN/OUT */
    uint16_t _pad6[3];         /* IN/OUT: unused */
};
typedef struct cpu_user_regs cpu_user_regs_t;
DEFINE_XEN_GUEST_HANDLE(cpu_user_regs_t);

#undef __DECL_REG
#undef __DECL_REG_LOHI
#undef __DECL_REG_LO8
#undef __DECL_REG_LO16
#undef __DECL_REG_HI

/* A page-table base as held in CR3 and ctrlreg[], from a frame and back. */
#define xen_pfn_to_cr3(pfn) ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3) ((unsigned long)(cr3) >> 12)

/* The architecture part of vcpu_info. */
struct arch_vcpu_info {
    uint64_t cr2; /* OUT: faulting address of the last page fault */
    uint64_t pad; /* keeps vcpu_info at 64 bytes */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/* A callback entry point: on x86_64 just its address. */
typedef unsigned long xen_callback_t;

#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
