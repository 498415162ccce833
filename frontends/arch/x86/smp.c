/*
 * Secondary vCPUs.  VCPUOP_initialise takes a full vcpu_guest_context
 * (Xen's public arch-x86/xen.h): for a 64-bit PV vCPU in kernel mode that
 * is the registers, the flat selectors, the trap table, the callbacks, the
 * kernel L4 in ctrlreg[3] (as xen_pfn_to_cr3(mfn), mfn << 12) and the
 * segment bases.  The vCPU then waits, down, until VCPUOP_up.
 */
#include <pvguest/events.h>
#include <pvguest/hypercall.h>
#include <pvguest/mm.h>
#include <pvguest/smp.h>
#include <pvguest/test.h>

#define SECONDARY_STACK_SIZE (4 * PAGE_SIZE)

void secondary_entry(void);

static uint8_t secondary_stacks[MAX_VCPUS][SECONDARY_STACK_SIZE] __page_aligned;
static vcpu_guest_context_t init_ctxt;
static bool vcpu_initialised[MAX_VCPUS];

void vcpu_fill_context(vcpu_guest_context_t *c, unsigned int vcpu,
                       unsigned long rip, unsigned long sp, unsigned long rdi)
{
    static const struct {
        uint8_t vector;
        void (*entry)(void);
    } vecs[] = {
        { X86_EXC_DE, entry_DE }, { X86_EXC_DB, entry_DB },
        { X86_EXC_BP, entry_BP }, { X86_EXC_OF, entry_OF },
        { X86_EXC_BR, entry_BR }, { X86_EXC_UD, entry_UD },
        { X86_EXC_NM, entry_NM }, { X86_EXC_TS, entry_TS },
        { X86_EXC_NP, entry_NP }, { X86_EXC_SS, entry_SS },
        { X86_EXC_GP, entry_GP }, { X86_EXC_PF, entry_PF },
        { X86_EXC_MF, entry_MF }, { X86_EXC_AC, entry_AC },
        { X86_EXC_XM, entry_XM },
    };
    unsigned int i;

    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel;
    c->user_regs.rip = rip;
    c->user_regs.rsp = sp;
    c->user_regs.rdi = rdi;
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->user_regs.rflags = X86_EFLAGS_IF | 0x2;
    for ( i = 0; i < ARRAY_SIZE(vecs); i++ )
    {
        struct trap_info *t = &c->trap_ctxt[vecs[i].vector];

        t->vector = vecs[i].vector;
        t->flags = (vecs[i].vector == X86_EXC_BP ? 3 : 0) | 4;
        t->cs = FLAT_KERNEL_CS;
        t->address = (unsigned long)vecs[i].entry;
    }
    c->kernel_ss = FLAT_KERNEL_SS;
    c->kernel_sp = sp;
    c->ctrlreg[3] = (unsigned long)current_l4_mfn() << PAGE_SHIFT;
    c->event_callback_eip = (unsigned long)hypervisor_callback;
    c->failsafe_callback_eip = (unsigned long)failsafe_callback;
    c->syscall_callback_eip = (unsigned long)syscall_callback;
    c->gs_base_kernel = (unsigned long)&pv_cpus[vcpu];
}

long smp_init_vcpu(unsigned int vcpu)
{
    struct pv_cpu *cpu;
    long rc;

    if ( vcpu == 0 || vcpu >= MAX_VCPUS )
        return -EINVAL;
    if ( vcpu_initialised[vcpu] )
        return 0;
    cpu = &pv_cpus[vcpu];
    cpu->self = cpu;
    cpu->vcpu_id = vcpu;
    cpu->vcpu_info = &shared_info->vcpu_info[vcpu];
    cpu->stack_top = secondary_stacks[vcpu] + SECONDARY_STACK_SIZE;
    vcpu_fill_context(&init_ctxt, vcpu, (unsigned long)secondary_entry,
                      (unsigned long)cpu->stack_top, (unsigned long)cpu);
    rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, vcpu, &init_ctxt);
    if ( !rc )
    {
        vcpu_initialised[vcpu] = true;
        if ( vcpu + 1 > nr_vcpus )
            nr_vcpus = vcpu + 1;
    }
    return rc;
}

/* The secondary's life: run the work it is given, go down, repeat. */
void secondary_start(struct pv_cpu *cpu)
{
    events_init_cpu();
    local_events_enable();
    for ( ;; )
    {
        void (*fn)(void *) = READ_ONCE(cpu->work);

        if ( fn )
        {
            fn(cpu->work_arg);
            cpu->work = NULL;
            wmb();
            WRITE_ONCE(cpu->work_done, true);
        }
        HYPERVISOR_vcpu_op(VCPUOP_down, cpu->vcpu_id, NULL);
    }
}

long smp_start_on(unsigned int vcpu, void (*fn)(void *), void *arg)
{
    struct pv_cpu *cpu;
    long rc = smp_init_vcpu(vcpu);

    if ( rc )
        return rc;
    cpu = &pv_cpus[vcpu];
    cpu->work_arg = arg;
    cpu->work_done = false;
    wmb();
    cpu->work = fn;
    return HYPERVISOR_vcpu_op(VCPUOP_up, vcpu, NULL);
}

/*
 * Done: the work returned and the vCPU is off the CPU.  VCPUOP_is_up turns
 * 0 as soon as VCPUOP_down is issued; the runstate shows when the vCPU has
 * actually stopped running.
 */
static bool vcpu_finished(void *arg)
{
    unsigned int vcpu = (unsigned int)(unsigned long)arg;
    vcpu_runstate_info_t rs;

    return READ_ONCE(pv_cpus[vcpu].work_done) &&
           HYPERVISOR_vcpu_op(VCPUOP_is_up, vcpu, NULL) == 0 &&
           HYPERVISOR_vcpu_op(VCPUOP_get_runstate_info, vcpu, &rs) == 0 &&
           rs.state == RUNSTATE_offline;
}

long smp_wait(unsigned int vcpu, uint64_t timeout_ns)
{
    return wait_until(vcpu_finished, (void *)(unsigned long)vcpu, timeout_ns)
           ? 0 : -ETIMEDOUT;
}

long smp_run_on(unsigned int vcpu, void (*fn)(void *), void *arg,
                uint64_t timeout_ns)
{
    long rc = smp_start_on(vcpu, fn, arg);

    return rc ? rc : smp_wait(vcpu, timeout_ns);
}

unsigned int smp_count_vcpus(void)
{
    unsigned int n;

    for ( n = 0; n < 8192; n++ )
        if ( HYPERVISOR_vcpu_op(VCPUOP_is_up, n, NULL) < 0 )
            break;
    return n;
}
