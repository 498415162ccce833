/*
 * Emulation of privileged instructions a PV guest kernel executes (#GP in ring 3):
 * port I/O, MSRs, control registers, HLT, WBINVD, CLTS.
 *
 * Port I/O (../shared/notes/linux-pv-dom0-requirements.md section 3.4): after
 * PHYSDEVOP_set_iopl(1) the guest kernel may do I/O.  Domain 0 reaches the ports
 * of devices it owns directly; the hypervisor's own devices (PIC, PIT, ELCR, the
 * PM timer, the UART of its console, 0xcf9) are refused; PCI configuration (0xcf8
 * and 0xcfc-0xcff) is mediated through a per-domain shadow of 0xcf8; PIT channel 2
 * and its gate in port 0x61 are emulated, so kernels can calibrate against them.
 * A port a domain may not use reads as all-ones and ignores writes: never a #GP.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/acpi.h>
#include <xen/serial.h>
#include <asm/domain.h>
#include <asm/guest_access.h>
#include <asm/insn.h>
#include <asm/io.h>
#include <asm/pci.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/hypercall.h>

#define XEN_MSR_PAT 0x0000050100070406ULL

/* ------------------------------------------------------------- PIT channel 2 */

/*
 * Just enough of PIT channel 2 for calibration loops: a count loaded through port
 * 0x42 counts down at 1.193182 MHz while the gate (0x61 bit 0) is up; OUT2
 * (0x61 bit 5) rises when it reaches zero; reads of 0x42 return the current count.
 */
static struct {
    u16 reload;
    bool lsb_next_write, lsb_next_read;
    u8 latch_msb;
    s_time_t start;
    u8 port61;
} pit2;

static u16 pit2_count(void)
{
    u64 ticks = (u64)(NOW() - pit2.start) * 1193182ULL / 1000000000ULL;

    return ticks >= pit2.reload ? 0 : pit2.reload - ticks;
}

static u32 pit2_read(unsigned int port)
{
    if ( port == 0x61 )
        return (pit2.port61 & 0x0f) | ((pit2.port61 & 1) && !pit2_count() ? 0x20 : 0);
    /* 0x42: LSB then MSB. */
    if ( !pit2.lsb_next_read )
    {
        u16 c = pit2_count();

        pit2.latch_msb = c >> 8;
        pit2.lsb_next_read = true;
        return c & 0xff;
    }
    pit2.lsb_next_read = false;
    return pit2.latch_msb;
}

static void pit2_write(unsigned int port, u32 val)
{
    switch ( port )
    {
    case 0x61:
        if ( (val & 1) && !(pit2.port61 & 1) )
            pit2.start = NOW();
        pit2.port61 = val & 0x0f;
        break;
    case 0x43:
        if ( (val >> 6) == 2 )          /* channel 2: expect LSB then MSB */
        {
            pit2.lsb_next_write = true;
            pit2.lsb_next_read = false;
        }
        break;
    case 0x42:
        if ( pit2.lsb_next_write )
            pit2.reload = (pit2.reload & 0xff00) | (val & 0xff);
        else
        {
            pit2.reload = (pit2.reload & 0x00ff) | ((val & 0xff) << 8);
            pit2.start = NOW();
        }
        pit2.lsb_next_write = !pit2.lsb_next_write;
        break;
    }
}

/* ------------------------------------------------------------- port policy */

/* Ports the hypervisor keeps for itself (Xen's dom0_setup_permissions). */
static bool port_is_hypervisors(unsigned int port)
{
    if ( (port >= 0x20 && port <= 0x21) || (port >= 0xa0 && port <= 0xa1) ||
         (port >= 0x4d0 && port <= 0x4d1) || (port >= 0x40 && port <= 0x43) ||
         port == 0x61 || port == 0x92 || port == 0xf0 || port == 0xcf9 ||
         ns16550_owns_port(port) )
        return true;
    if ( acpi_info.pm_tmr && port >= acpi_info.pm_tmr && port < acpi_info.pm_tmr + 4 )
        return true;
    return false;
}

static u32 io_in(unsigned int port, unsigned int bytes)
{
    switch ( bytes )
    {
    case 1: return inb(port);
    case 2: return inw(port);
    default: return inl(port);
    }
}

static void io_out(unsigned int port, unsigned int bytes, u32 val)
{
    switch ( bytes )
    {
    case 1: outb(val, port); break;
    case 2: outw(val, port); break;
    default: outl(val, port); break;
    }
}

/*
 * A domain other than domain 0 reaches the ports the toolstack gave it
 * (XEN_DOMCTL_ioport_permission), but never the hypervisor's nor PCI
 * configuration space.
 */
static bool domu_port_ok(struct domain *d, unsigned int port, unsigned int bytes)
{
    return rangeset_contains_range(&d->ioport_caps, port, port + bytes - 1) &&
           !port_is_hypervisors(port) && !(port + bytes > 0xcf8 && port <= 0xcff);
}

static u32 guest_io_read(struct domain *d, unsigned int port, unsigned int bytes)
{
    u32 ones = bytes == 4 ? 0xffffffffu : (1u << (bytes * 8)) - 1;

    if ( port == 0x61 || port == 0x42 )
        return pit2_read(port) & ones;
    if ( !d->arch.pv.io_privileged )
        return domu_port_ok(d, port, bytes) ? io_in(port, bytes) & ones : ones;
    /* PCI configuration mechanism 1: the address register is shadowed. */
    if ( port == 0xcf8 && bytes == 4 )
        return d->arch.pv.pci_cf8;
    if ( port >= 0xcfc && port <= 0xcff )
    {
        unsigned long flags;
        u32 v;

        if ( !(d->arch.pv.pci_cf8 & 0x80000000u) )
            return ones;
        flags = pci_conf_lock();        /* the hypervisor programs MSIs too */
        outl(d->arch.pv.pci_cf8 & ~3u, 0xcf8);
        v = io_in(port, bytes);
        pci_conf_unlock(flags);
        return v;
    }
    if ( port_is_hypervisors(port) || (port >= 0xcf8 && port < 0xcfc) )
        return ones;
    return io_in(port, bytes) & ones;
}

static void guest_io_write(struct domain *d, unsigned int port, unsigned int bytes, u32 val)
{
    if ( port == 0x61 || port == 0x42 || port == 0x43 )
    {
        pit2_write(port, val);
        return;
    }
    if ( !d->arch.pv.io_privileged )
    {
        if ( domu_port_ok(d, port, bytes) )
            io_out(port, bytes, val);
        return;
    }
    if ( port == 0xcf8 && bytes == 4 )
    {
        d->arch.pv.pci_cf8 = val;
        return;
    }
    if ( port >= 0xcfc && port <= 0xcff )
    {
        if ( d->arch.pv.pci_cf8 & 0x80000000u )
        {
            unsigned long flags = pci_conf_lock();

            outl(d->arch.pv.pci_cf8 & ~3u, 0xcf8);
            io_out(port, bytes, val);
            pci_conf_unlock(flags);
        }
        return;
    }
    if ( port_is_hypervisors(port) || (port >= 0xcf8 && port < 0xcfc) )
        return;
    io_out(port, bytes, val);
}

/* May the guest do I/O right now?  Kernel mode with a virtual IOPL of at least 1. */
static bool iopl_ok(const struct vcpu *v)
{
    return v->arch.pv.iopl >= (v->arch.pv.kernel_mode ? 1 : 3);
}

/* ------------------------------------------------------------- MSRs */

static bool read_msr(struct vcpu *v, u32 msr, u64 *val)
{
    switch ( msr )
    {
    case MSR_FS_BASE:
        *val = rdmsr(MSR_FS_BASE);
        return true;
    case MSR_GS_BASE:
        *val = v->arch.pv.kernel_mode ? rdmsr(MSR_GS_BASE) : rdmsr(MSR_SHADOW_GS_BASE);
        return true;
    case MSR_SHADOW_GS_BASE:
        *val = v->arch.pv.kernel_mode ? rdmsr(MSR_SHADOW_GS_BASE) : rdmsr(MSR_GS_BASE);
        return true;
    case MSR_EFER:
        *val = rdmsr(MSR_EFER) & ~EFER_SVME;
        return true;
    case MSR_IA32_APICBASE:
        *val = APICBASE_ENABLE | 0xfee00000UL | (v->vcpu_id == 0 ? APICBASE_BSP : 0);
        return true;
    case MSR_IA32_CR_PAT:
        *val = XEN_MSR_PAT;
        return true;
    case MSR_IA32_TSC:
        *val = rdtsc();
        return true;
    case MSR_IA32_MISC_ENABLE:
        if ( rdmsr_safe(msr, val) )
            *val = 0;
        /* No performance monitoring, MONITOR/MWAIT; BTS/PEBS unavailable. */
        *val &= ~((1ULL << 7) | (1ULL << 18));
        *val |= (1ULL << 11) | (1ULL << 12);
        return true;
    case MSR_IA32_UCODE_REV:
    case MSR_IA32_PLATFORM_ID:
    case MSR_IA32_MCG_CAP:
    case MSR_IA32_MCG_STATUS:
    case MSR_IA32_FEATURE_CONTROL:
    case 0xce:                          /* PLATFORM_INFO */
    case 0x140:                         /* MISC_FEATURES_ENABLES */
    case 0xc0010015:                    /* AMD HWCR */
    case 0xc001001f:                    /* AMD NB_CFG */
    case 0xc0011029:                    /* AMD DE_CFG */
    case 0xc0010058:                    /* AMD MMIO_CONF_BASE */
        *val = 0;
        return true;
    }
    return false;
}

/*
 * The hypercall-page MSR that CPUID leaf 0x40000002 advertises (EBX): writing
 * frame << 12 | index fills that frame (a PV guest names machine frames) with
 * hypercall stubs.  Only index 0 exists; the frame must be the guest's own and
 * writable.
 */
#define XEN_HYPERCALL_MSR 0x40000000u

static bool write_hypercall_page_msr(struct vcpu *v, u64 val)
{
    unsigned long mfn = val >> PAGE_SHIFT;
    struct page_info *pg;

    if ( (val & ~PAGE_MASK) || !mfn_valid(mfn) )
        return false;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, v->domain) )
        return false;
    if ( get_page_type(pg, PGT_writable_page) )
    {
        put_page(pg);
        return false;
    }
    pv_write_hypercall_page(page_to_virt(pg));
    put_page_and_type(pg);
    return true;
}

static bool write_msr(struct vcpu *v, u32 msr, u64 val)
{
    switch ( msr )
    {
    case MSR_FS_BASE:
        if ( !guest_range_ok(val, 1) && val )
            return false;
        wrmsr(MSR_FS_BASE, val);
        v->arch.pv.fs_base = val;
        return true;
    case MSR_GS_BASE:
        if ( !guest_range_ok(val, 1) && val )
            return false;
        wrmsr(v->arch.pv.kernel_mode ? MSR_GS_BASE : MSR_SHADOW_GS_BASE, val);
        v->arch.pv.gs_base_kernel = val;
        return true;
    case MSR_SHADOW_GS_BASE:
        if ( !guest_range_ok(val, 1) && val )
            return false;
        wrmsr(v->arch.pv.kernel_mode ? MSR_SHADOW_GS_BASE : MSR_GS_BASE, val);
        v->arch.pv.gs_base_user = val;
        return true;
    case MSR_IA32_CR_PAT:
        return val == XEN_MSR_PAT;      /* the PAT is the hypervisor's: #GP otherwise */
    case MSR_IA32_UCODE_REV:
    case MSR_IA32_MISC_ENABLE:
    case MSR_EFER:
    case MSR_IA32_MCG_STATUS:
        return true;                    /* accepted and ignored */
    case XEN_HYPERCALL_MSR:
        return write_hypercall_page_msr(v, val);
    }
    return false;
}

/* ------------------------------------------------------------- control registers */

/* What the guest sees in CR4: its own choices of a few bits, over the host's. */
static unsigned long guest_cr4(const struct vcpu *v)
{
    unsigned long host = read_cr4() & (X86_CR4_PAE | X86_CR4_MCE | X86_CR4_OSFXSR |
                                       X86_CR4_OSXMMEXCPT);

    return host | (v->arch.pv.ctrlreg[4] & (X86_CR4_TSD | X86_CR4_DE));
}

static bool read_cr(struct vcpu *v, unsigned int cr, unsigned long *val)
{
    switch ( cr )
    {
    case 0:
        *val = (read_cr0() & ~X86_CR0_TS) | (v->arch.pv.ctrlreg[0] & X86_CR0_TS);
        return true;
    case 2:
        *val = pv_vcpu_info(v)->arch.cr2;
        return true;
    case 3:
        *val = xen_pfn_to_cr3(v->arch.pv.kernel_mode ? v->arch.pv.guest_table
                                                     : v->arch.pv.guest_table_user);
        return true;
    case 4:
        *val = guest_cr4(v);
        return true;
    }
    return false;
}


static bool write_cr(struct vcpu *v, unsigned int cr, unsigned long val)
{
    struct domain *d = v->domain;
    bool ok;

    switch ( cr )
    {
    case 0:
        /* Only TS may change (Xen refuses other CR0 bits). */
        if ( (val ^ read_cr0()) & ~X86_CR0_TS )
            return false;
        do_fpu_taskswitch(!!(val & X86_CR0_TS));
        return true;
    case 2:
        pv_vcpu_info(v)->arch.cr2 = val;
        return true;
    case 3:
        spin_lock(&d->arch.pv.mmu_lock);
        ok = !new_guest_cr3(v, xen_cr3_to_pfn(val));
        spin_unlock(&d->arch.pv.mmu_lock);
        return ok;
    case 4:
        /* Never fault: keep what the guest may choose, ignore the rest. */
        v->arch.pv.ctrlreg[4] = val;
        return true;
    }
    return false;
}

/* ------------------------------------------------------------- the emulator */

static unsigned int io_port(const struct x86_insn *in, const struct cpu_user_regs *regs)
{
    return (in->opcode == 0xe4 || in->opcode == 0xe5 || in->opcode == 0xe6 ||
            in->opcode == 0xe7) ? (unsigned int)in->imm : (u16)regs->rdx;
}

static bool emulate_string_io(struct vcpu *v, const struct x86_insn *in,
                              struct cpu_user_regs *regs)
{
    struct domain *d = v->domain;
    unsigned int bytes = in->op_bytes == 8 ? 4 : in->op_bytes;
    unsigned long count = in->rep ? regs->rcx : 1, done;
    long step = (regs->rflags & X86_EFLAGS_DF) ? -(long)bytes : (long)bytes;
    bool out = in->opcode == 0x6e || in->opcode == 0x6f;

    /* Bounded per trap: a long REP is resumed by re-executing the instruction. */
    for ( done = 0; done < count && done < 4096; done++ )
    {
        u32 val = 0;

        if ( out )
        {
            if ( raw_copy_from_guest(&val, (void *)regs->rsi, bytes) )
            {
                pv_inject_trap(v, X86_EXC_PF, true, 0);
                pv_vcpu_info(v)->arch.cr2 = regs->rsi;
                return true;
            }
            guest_io_write(d, (u16)regs->rdx, bytes, val);
            regs->rsi += step;
        }
        else
        {
            val = guest_io_read(d, (u16)regs->rdx, bytes);
            if ( raw_copy_to_guest((void *)regs->rdi, &val, bytes) )
            {
                pv_inject_trap(v, X86_EXC_PF, true, 2);
                pv_vcpu_info(v)->arch.cr2 = regs->rdi;
                return true;
            }
            regs->rdi += step;
        }
    }
    if ( in->rep )
        regs->rcx -= done;
    if ( !in->rep || !regs->rcx )
        regs->rip += in->len;
    return true;
}

bool pv_emulate_privileged_op(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    struct domain *d = v->domain;
    u8 bytes[X86_MAX_INSN_LEN];
    unsigned int avail = X86_MAX_INSN_LEN;
    struct x86_insn in;
    unsigned long val;
    u64 msrval;

    /* Copy what is readable of the instruction (it may end near a page end). */
    while ( avail && raw_copy_from_guest(bytes, (void *)regs->rip, avail) )
        avail--;
    if ( !avail || x86_decode(bytes, avail, regs, &in) )
        return false;

    if ( in.map == 0 )
    {
        switch ( in.opcode )
        {
        case 0xe4: case 0xe5: case 0xec: case 0xed:        /* IN */
            if ( !iopl_ok(v) )
                return false;
            val = guest_io_read(d, io_port(&in, regs), in.op_bytes == 8 ? 4 : in.op_bytes);
            x86_write_reg(&in, regs, 0, in.op_bytes == 8 ? 4 : in.op_bytes, val);
            regs->rip += in.len;
            return true;
        case 0xe6: case 0xe7: case 0xee: case 0xef:        /* OUT */
            if ( !iopl_ok(v) )
                return false;
            guest_io_write(d, io_port(&in, regs), in.op_bytes == 8 ? 4 : in.op_bytes,
                           regs->rax);
            regs->rip += in.len;
            return true;
        case 0x6c: case 0x6d: case 0x6e: case 0x6f:        /* INS, OUTS */
            if ( !iopl_ok(v) )
                return false;
            return emulate_string_io(v, &in, regs);
        case 0xfa: case 0xfb:                               /* CLI, STI */
            /*
             * With I/O privilege these are no-ops, as in Xen: a guest's interrupt
             * flag is its event mask, which POPF could not restore behind us.
             * Linux's unpatched early code (cmpxchg16b emulation) executes CLI.
             */
            if ( !iopl_ok(v) )
                return false;
            regs->rip += in.len;
            return true;
        /*
         * HLT (0xf4) is not emulated: Xen 4.17 gives a PV kernel #GP(0) for it
         * (PV kernels idle with SCHEDOP_block), so it falls through to the #GP.
         */
        }
        return false;
    }

    if ( !v->arch.pv.kernel_mode )
        return false;

    switch ( in.opcode )
    {
    case 0x06:                                              /* CLTS */
        do_fpu_taskswitch(0);
        break;
    case 0x08: case 0x09:                                   /* INVD, WBINVD */
        if ( d->arch.pv.io_privileged )
            wbinvd();
        break;
    case 0x20:                                              /* MOV from CR */
        if ( !read_cr(v, in.reg, &val) )
            return false;
        x86_write_reg(&in, regs, in.rm, 8, val);
        break;
    case 0x22:                                              /* MOV to CR */
        if ( !write_cr(v, in.reg, x86_read_reg(&in, regs, in.rm, 8)) )
            return false;
        break;
    case 0x32:                                              /* RDMSR */
        if ( !read_msr(v, regs->rcx, &msrval) )
        {
            /* Before the guest has a #GP handler, reads are faked as 0, like Xen. */
            if ( v->arch.pv.trap_ctxt[X86_EXC_GP].address )
                return false;
            msrval = 0;
        }
        regs->rax = (u32)msrval;
        regs->rdx = msrval >> 32;
        break;
    case 0x30:                                              /* WRMSR */
        if ( !write_msr(v, regs->rcx, ((u64)regs->rdx << 32) | (u32)regs->rax) &&
             v->arch.pv.trap_ctxt[X86_EXC_GP].address )
            return false;
        break;
    case 0xa2:                                              /* CPUID (faulting) */
        pv_cpuid(v, regs->rax, regs->rcx, regs);
        break;
    default:
        return false;
    }
    regs->rip += in.len;
    return true;
}
