/*
 * Structure sizes and offsets for assembly code: compiled to assembly, and the
 * "->NAME value" markers turned into include/asm/asm-offsets.h by the Makefile.
 */
#include <xen/types.h>
#include <asm/current.h>

#define DEFINE(sym, val) \
    __asm__ __volatile__ ( "\n.ascii \"->" #sym " %0\"" :: "i" (val) )
#define OFFSET(sym, str, mem) DEFINE(sym, offsetof(struct str, mem))

void __dummy__(void);
void __dummy__(void)
{
    DEFINE(CPUINFO_sizeof, sizeof(struct cpu_info));
    OFFSET(CPUINFO_guest_cpu_user_regs, cpu_info, guest_cpu_user_regs);
    OFFSET(CPUINFO_processor_id, cpu_info, processor_id);
    OFFSET(CPUINFO_current_vcpu, cpu_info, current_vcpu);
    OFFSET(CPUINFO_per_cpu_offset, cpu_info, per_cpu_offset);
    OFFSET(UREGS_r15, cpu_user_regs, r15);
    OFFSET(UREGS_rax, cpu_user_regs, rax);
    OFFSET(UREGS_error_code, cpu_user_regs, error_code);
    OFFSET(UREGS_entry_vector, cpu_user_regs, entry_vector);
    OFFSET(UREGS_rip, cpu_user_regs, rip);
    OFFSET(UREGS_cs, cpu_user_regs, cs);
    OFFSET(UREGS_rflags, cpu_user_regs, rflags);
    OFFSET(UREGS_rsp, cpu_user_regs, rsp);
    OFFSET(UREGS_ss, cpu_user_regs, ss);
    DEFINE(UREGS_kernel_sizeof, offsetof(struct cpu_user_regs, es));
}
