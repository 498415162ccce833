/*
 * Hypercall handlers, one per __HYPERVISOR_* number (public/xen.h).  Each copies
 * and checks its arguments, then acts; each returns 0 or a negative errno unless
 * the ABI says otherwise.
 */
#ifndef ASM_HYPERCALL_H
#define ASM_HYPERCALL_H

#include <xen/types.h>
#include <public/xen.h>
#include <public/arch-x86/xen.h>
#include <public/physdev.h>
#include <public/platform.h>
#include <public/arch-x86/xen-mca.h>

/* Size of the hypercall table: numbers at or above are -ENOSYS. */
#define NR_hypercalls 64

long do_set_trap_table(XEN_GUEST_HANDLE_PARAM(const_trap_info_t) traps);
long do_mmu_update(XEN_GUEST_HANDLE_PARAM(mmu_update_t) ureqs, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom);
long do_set_gdt(XEN_GUEST_HANDLE_PARAM(xen_ulong_t) frame_list, unsigned int entries);
long do_stack_switch(unsigned long ss, unsigned long esp);
long do_set_callbacks(unsigned long event, unsigned long failsafe, unsigned long syscall);
long do_fpu_taskswitch(int set);
long do_platform_op(XEN_GUEST_HANDLE_PARAM(xen_platform_op_t) u_op);
long do_set_debugreg(int reg, unsigned long value);
unsigned long do_get_debugreg(int reg);
long do_update_descriptor(u64 maddr, u64 desc);
long do_memory_op(unsigned long cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_multicall(XEN_GUEST_HANDLE_PARAM(multicall_entry_t) call_list, unsigned int nr_calls);
long do_update_va_mapping(unsigned long va, u64 val, unsigned long flags);
long do_set_timer_op(s_time_t timeout);
long do_xen_version(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_console_io(unsigned int cmd, unsigned int count, XEN_GUEST_HANDLE_PARAM(char) buffer);
long do_grant_table_op(unsigned int cmd, XEN_GUEST_HANDLE_PARAM(void) uop, unsigned int count);
long do_vm_assist(unsigned int cmd, unsigned int type);
long do_update_va_mapping_otherdomain(unsigned long va, u64 val, unsigned long flags,
                                      domid_t domid);
long do_iret(void);
long do_vcpu_op(int cmd, unsigned int vcpuid, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_set_segment_base(unsigned int which, unsigned long base);
long do_mmuext_op(XEN_GUEST_HANDLE_PARAM(mmuext_op_t) uops, unsigned int count,
                  XEN_GUEST_HANDLE_PARAM(uint) pdone, unsigned int foreigndom);
long do_sched_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_callback_op(int cmd, XEN_GUEST_HANDLE_PARAM(const_void) arg);
long do_event_channel_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_physdev_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_sysctl(XEN_GUEST_HANDLE_PARAM(void) u_sysctl);
long do_domctl(XEN_GUEST_HANDLE_PARAM(void) u_domctl);
long do_mca(XEN_GUEST_HANDLE_PARAM(xen_mc_t) u_xen_mc);

/* memory_op: the sub-op in the low bits of cmd, the extent to resume at above. */
#define MEMOP_EXTENT_SHIFT  6
#define MEMOP_CMD_MASK      ((1UL << MEMOP_EXTENT_SHIFT) - 1)

/*
 * Make the guest re-issue hypercall 'op' with the arguments given (format
 * characters: 'i' int, 'l' long, 'h' guest handle), from where it stopped.  Returns
 * the value the interrupted handler should return.
 */
long hypercall_create_continuation(unsigned int op, const char *fmt, ...);
bool hypercall_preempt_check(void);

/* Write the 64-bit PV hypercall page (XEN_ELFNOTE_HYPERCALL_PAGE) into 'page'. */
void pv_write_hypercall_page(void *page);

#endif /* ASM_HYPERCALL_H */
