/*
 * PV domains and vCPUs: creation, their initial state (builder and
 * VCPUOP_initialise), and saving/restoring what a context switch must move:
 * general registers, segment registers and bases, page tables, descriptor tables,
 * FPU state, debug registers.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_time.h>
#include <xen/mm.h>
#include <xen/percpu.h>
#include <xen/sched.h>
#include <asm/cpufeature.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/guest_access.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include <asm/pv/domain.h>
#include <asm/hypercall.h>
#include <public/callback.h>

void __noreturn reset_stack_and_jump(void (*fn)(void));

/* vcpu_info for vCPUs beyond shared_info's 32 slots, until they register one. */
static vcpu_info_t dummy_vcpu_info;

int pv_domain_initialise(struct domain *d, bool privileged)
{
    struct page_info *pg;
    shared_info_t *s;
    int rc;

    d->arch.is_pv = true;
    spin_lock_init(&d->arch.pv.mmu_lock);
    spin_lock_init(&d->arch.e820_lock);
    d->arch.pv.io_privileged = privileged;

    s = alloc_xenheap_page();
    if ( !s )
        return -ENOMEM;
    memset(s, 0, PAGE_SIZE);
    /* Shared with the guest: owned by it, mappable read-write, never freed by it. */
    pg = virt_to_page(s);
    pg->owner = d->domain_id;
    pg->count_info = PGC_xen_heap | PGC_allocated | 1;
    /* Typed writable for good (as Xen's share_xen_page_with_guest): it can
     * never become a page table or descriptor page. */
    pg->type_info = PGT_writable_page | PGT_validated | 1;
    d->arch.pv.shared_info = s;

    rc = pv_perdomain_init(d);
    if ( rc )
    {
        free_xenheap_page(s);
        d->arch.pv.shared_info = NULL;
        return rc;
    }
    update_domain_wallclock_time(d);
    return 0;
}

void pv_domain_destroy(struct domain *d)
{
    xfree(d->arch.e820);
    d->arch.e820 = NULL;
    xfree(d->arch.cpuid);
    d->arch.cpuid = NULL;
    pv_perdomain_destroy(d);
    if ( d->arch.pv.shared_info )
    {
        struct page_info *pg = virt_to_page(d->arch.pv.shared_info);

        pg->count_info = PGC_xen_heap;
        pg->type_info = 0;
        pg->owner = DOMID_XEN;
        free_xenheap_page(d->arch.pv.shared_info);
        d->arch.pv.shared_info = NULL;
    }
}

static void pv_schedule_tail(struct vcpu *v);

/* The XSAVE/FXSAVE image a vCPU starts with: x87 and SSE in their reset state. */
static void init_fpu_area(void *area)
{
    u16 *fcw = area;
    u32 *mxcsr = (u32 *)((char *)area + 24);

    *fcw = 0x37f;
    *mxcsr = 0x1f80;
}

static size_t fpu_area_size(void)
{
    return cpu_has_xsave ? max_t(size_t, boot_cpu_data.xstate_size, 576) : 512;
}

int pv_vcpu_initialise(struct vcpu *v)
{
    struct domain *d = v->domain;
    int rc;

    v->arch.pv.vcpu_info = v->vcpu_id < XEN_LEGACY_MAX_VCPUS
                           ? &d->arch.pv.shared_info->vcpu_info[v->vcpu_id]
                           : &dummy_vcpu_info;
    /* Events stay masked until the guest unmasks them (Xen's start-of-day state). */
    v->arch.pv.vcpu_info->evtchn_upcall_mask = 1;
    v->arch.pv.kernel_mode = true;
    v->arch.pv.ctrlreg[4] = X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    v->arch.schedule_tail = pv_schedule_tail;
    v->arch.pv.fpu_area = xzalloc_bytes(fpu_area_size());
    if ( !v->arch.pv.fpu_area )
        return -ENOMEM;
    init_fpu_area(v->arch.pv.fpu_area);
    rc = pv_vcpu_gdt_init(v);
    if ( rc )
        return rc;
    vcpu_timers_init(v);
    return 0;
}

/*
 * Drop what v holds of its domain's memory: the GDT and LDT frames, the
 * page-table bases, a registered vcpu_info page (v falls back to its
 * shared_info slot first, so nothing writes into a page about to be freed).
 */
static void pv_vcpu_put_memory(struct vcpu *v)
{
    struct domain *d = v->domain;

    spin_lock(&d->arch.pv.mmu_lock);
    pv_destroy_gdt_ldt(v);
    if ( v->arch.pv.guest_table )
        put_page_and_type(mfn_to_page(v->arch.pv.guest_table));
    if ( v->arch.pv.guest_table_user )
        put_page_and_type(mfn_to_page(v->arch.pv.guest_table_user));
    v->arch.pv.guest_table = v->arch.pv.guest_table_user = 0;
    if ( v->arch.pv.vcpu_info_mfn )
    {
        unsigned long mfn = v->arch.pv.vcpu_info_mfn;

        v->arch.pv.vcpu_info = v->vcpu_id < XEN_LEGACY_MAX_VCPUS
                               ? &d->arch.pv.shared_info->vcpu_info[v->vcpu_id]
                               : &dummy_vcpu_info;
        v->arch.pv.vcpu_info_mfn = 0;
        smp_mb();
        put_page_and_type(mfn_to_page(mfn));
    }
    spin_unlock(&d->arch.pv.mmu_lock);
}

/* Free a vCPU's PV state (the domain is being freed; shared_info still exists). */
void pv_vcpu_destroy(struct vcpu *v)
{
    kill_timer(&v->singleshot_timer);
    kill_timer(&v->periodic_timer);
    if ( v->poll_timer.function )
        kill_timer(&v->poll_timer);
    pv_vcpu_put_memory(v);
    xfree(v->arch.pv.fpu_area);
    v->arch.pv.fpu_area = NULL;
}

/*
 * Teardown of a vCPU (the domain is dying and paused): its timers stop, and
 * what it holds of the domain's memory goes (pv_vcpu_put_memory).
 */
static void pv_vcpu_relinquish(struct vcpu *v)
{
    stop_timer(&v->singleshot_timer);
    stop_timer(&v->periodic_timer);
    if ( v->poll_timer.function )
        stop_timer(&v->poll_timer);
    pv_vcpu_put_memory(v);
    v->is_initialised = false;
}

/* Under page_alloc_lock: the first page from pg on that we can hold. */
static struct page_info *relmem_grab(struct domain *d, struct page_info *pg)
{
    for ( ; pg; pg = page_list_next(pg) )
        if ( get_page(pg, d) )
            return pg;
    return NULL;                        /* the rest is being freed by others */
}

/*
 * Give back every page of a dying domain: drop its pins (which releases the
 * page-table trees under them) and its allocation reference.  A page still
 * referenced from elsewhere (a foreign mapping, a grant) stays until that
 * goes.  Walks the page list holding a reference on the next page, so the
 * walk survives pages leaving the list; preemptible, the position kept in
 * d->relmem_next across continuations.
 */
static int relinquish_memory(struct domain *d)
{
    struct page_info *pg, *next;
    unsigned int n = 0;

    spin_lock(&d->page_alloc_lock);
    pg = d->relmem_next ? d->relmem_next : relmem_grab(d, page_list_first(&d->page_list));
    d->relmem_next = NULL;
    spin_unlock(&d->page_alloc_lock);

    while ( pg )
    {
        spin_lock(&d->page_alloc_lock);
        next = relmem_grab(d, page_list_next(pg));
        spin_unlock(&d->page_alloc_lock);

        if ( __atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_SEQ_CST) & PGT_pinned )
            put_page_and_type(pg);
        if ( __atomic_fetch_and(&pg->count_info, ~PGC_allocated, __ATOMIC_SEQ_CST) &
             PGC_allocated )
            put_page(pg);
        put_page(pg);                   /* ours: this may free it */

        pg = next;
        if ( pg && !(++n & 127) && hypercall_preempt_check() )
        {
            d->relmem_next = pg;        /* keeps its reference */
            return -ERESTART;
        }
    }
    return 0;
}

/* XEN_DOMCTL_destroydomain's PV part: 0 when done, -ERESTART to continue. */
int pv_domain_relinquish_resources(struct domain *d)
{
    struct vcpu *v;
    int rc;

    switch ( d->relinquish_stage )
    {
    case 0:
        for_each_vcpu ( d, v )
            pv_vcpu_relinquish(v);
        d->relinquish_stage = 1;
        /* fall through */
    case 1:
        rc = relinquish_memory(d);
        if ( rc )
            return rc;
        d->relinquish_stage = 2;
        xfree(d->arch.e820);
        d->arch.e820 = NULL;
        d->arch.nr_e820 = 0;
        /* fall through */
    default:
        break;
    }
    return 0;
}

/*
 * Set a vCPU's whole context (VCPUOP_initialise, and the domain builder), as Xen's
 * arch_set_info_guest does for a 64-bit PV guest: registers, trap table, GDT,
 * LDT, callbacks, kernel stack, page tables, segment bases.
 */
int arch_set_info_guest(struct vcpu *v, const vcpu_guest_context_t *c)
{
    struct domain *d = v->domain;
    unsigned long cr3 = xen_cr3_to_pfn(c->ctrlreg[3]);
    unsigned long ucr3 = xen_cr3_to_pfn(c->ctrlreg[1]);
    unsigned int i, nr_gdt = DIV_ROUND_UP(c->gdt_ents, 512);
    int rc;

    if ( !(c->flags & VGCF_in_kernel) )
        return -EINVAL;
    if ( c->gdt_ents > FIRST_RESERVED_GDT_ENTRY || c->ldt_ents > 8192 ||
         (c->ldt_base & ~PAGE_MASK) )
        return -EINVAL;
    /*
     * Every address the hypervisor will load into a register or jump the guest
     * to must be canonical (Xen checks the same set): a bad segment base would
     * fault in WRMSR at the next context switch, inside the hypervisor.
     */
    if ( !is_canonical_address(c->user_regs.rip) ||
         !is_canonical_address(c->user_regs.rsp) ||
         !is_canonical_address(c->fs_base) ||
         !is_canonical_address(c->gs_base_kernel) ||
         !is_canonical_address(c->gs_base_user) ||
         !is_canonical_address(c->ldt_base) ||
         !is_canonical_address(c->kernel_sp) ||
         !is_canonical_address(c->event_callback_eip) ||
         !is_canonical_address(c->failsafe_callback_eip) ||
         !is_canonical_address(c->syscall_callback_eip) )
        return -EINVAL;
    for ( i = 0; i < 256; i++ )
        if ( !is_canonical_address(c->trap_ctxt[i].address) )
            return -EINVAL;
    if ( !mfn_valid(cr3) || (ucr3 && !mfn_valid(ucr3)) )
        return -EINVAL;

    /*
     * A vCPU that has a context already (XEN_DOMCTL_setvcpucontext again) may
     * change its registers but not its page tables or descriptor tables, as in
     * Xen: anything else there is -EOPNOTSUPP.
     */
    if ( v->is_initialised )
    {
        bool fail = cr3 != v->arch.pv.guest_table || ucr3 != v->arch.pv.guest_table_user ||
                    c->gdt_ents != v->arch.pv.gdt_ents || c->ldt_base != v->arch.pv.ldt_base ||
                    c->ldt_ents != v->arch.pv.ldt_ents;

        for ( i = 0; i < nr_gdt; i++ )
            fail |= c->gdt_frames[i] != v->arch.pv.gdt_frames[i];
        if ( fail )
            return -EOPNOTSUPP;
        goto registers;
    }

    spin_lock(&d->arch.pv.mmu_lock);
    rc = new_guest_cr3(v, cr3);
    if ( !rc && ucr3 )
    {
        rc = get_page_and_type(mfn_to_page(ucr3), d, PGT_l4_page_table);
        if ( !rc )
            v->arch.pv.guest_table_user = ucr3;
    }
    for ( i = 0; !rc && i < nr_gdt; i++ )
    {
        if ( !mfn_valid(c->gdt_frames[i]) ||
             get_page_and_type(mfn_to_page(c->gdt_frames[i]), d, PGT_seg_desc_page) )
        {
            while ( i-- > 0 )
                put_page_and_type(mfn_to_page(c->gdt_frames[i]));
            rc = -EINVAL;
        }
    }
    if ( rc )
    {
        spin_unlock(&d->arch.pv.mmu_lock);
        return rc;
    }
    memcpy(v->arch.pv.gdt_frames, c->gdt_frames, nr_gdt * sizeof(c->gdt_frames[0]));
    v->arch.pv.gdt_ents = c->gdt_ents;
    spin_unlock(&d->arch.pv.mmu_lock);
    pv_vcpu_gdt_init(v);

 registers:
    memcpy(&v->arch.user_regs, &c->user_regs, sizeof(v->arch.user_regs));
    /*
     * The IOPL field of the context's RFLAGS is the vCPU's virtual I/O privilege
     * (as PHYSDEVOP_set_iopl sets it): Linux brings secondary vCPUs up with
     * IOPL 1 this way (cpu_initialize_context).  The real IOPL stays 0.
     */
    v->arch.pv.iopl = (c->user_regs.rflags & X86_EFLAGS_IOPL) >> 12;
    v->arch.user_regs.cs |= 3;
    v->arch.user_regs.ss |= 3;
    v->arch.user_regs.rflags = (v->arch.user_regs.rflags & ~(X86_EFLAGS_IOPL | X86_EFLAGS_VM)) |
                               X86_EFLAGS_IF | X86_EFLAGS_MBS;
    v->arch.user_regs.entry_vector = 0;
    memcpy(v->arch.pv.trap_ctxt, c->trap_ctxt, sizeof(v->arch.pv.trap_ctxt));
    v->arch.pv.kernel_ss = c->kernel_ss;
    v->arch.pv.kernel_sp = c->kernel_sp;
    v->arch.pv.event_callback_eip = c->event_callback_eip;
    v->arch.pv.failsafe_callback_eip = c->failsafe_callback_eip;
    v->arch.pv.syscall_callback_eip = c->syscall_callback_eip;
    v->arch.pv.callback_mask_events = (1u << CALLBACKTYPE_event);
    if ( c->flags & VGCF_syscall_disables_events )
        v->arch.pv.callback_mask_events |= 1u << CALLBACKTYPE_syscall;
    if ( c->flags & VGCF_failsafe_disables_events )
        v->arch.pv.callback_mask_events |= 1u << CALLBACKTYPE_failsafe;
    v->arch.pv.fs_base = c->fs_base;
    v->arch.pv.gs_base_kernel = c->gs_base_kernel;
    v->arch.pv.gs_base_user = c->gs_base_user;
    v->arch.pv.kernel_mode = true;
    v->arch.pv.ctrlreg[0] = c->ctrlreg[0] & X86_CR0_TS;
    for ( i = 0; i < 8; i++ )
        if ( i != 4 && i != 5 && c->debugreg[i] )
            set_debugreg(v, i, c->debugreg[i]);
    if ( c->ldt_ents && !v->is_initialised )
    {
        spin_lock(&d->arch.pv.mmu_lock);
        rc = pv_set_ldt(v, c->ldt_base, c->ldt_ents);
        spin_unlock(&d->arch.pv.mmu_lock);
        if ( rc )
            return rc;
    }
    v->is_initialised = true;
    return 0;
}

/*
 * The context of a vCPU that is not running (XEN_DOMCTL_getvcpucontext), as
 * Xen's arch_get_info_guest gives it for a 64-bit PV guest: what
 * arch_set_info_guest took, with the virtual IOPL merged back into RFLAGS and
 * VGCF_online / VGCF_in_kernel describing its state.
 */
void arch_get_info_guest(struct vcpu *v, vcpu_guest_context_t *c)
{
    const struct pv_vcpu *pv = &v->arch.pv;
    unsigned int i;

    memset(c, 0, sizeof(*c));
    memcpy(&c->fpu_ctxt, pv->fpu_area, sizeof(c->fpu_ctxt));
    c->flags = VGCF_i387_valid;
    if ( pv->callback_mask_events & (1u << CALLBACKTYPE_syscall) )
        c->flags |= VGCF_syscall_disables_events;
    if ( pv->callback_mask_events & (1u << CALLBACKTYPE_failsafe) )
        c->flags |= VGCF_failsafe_disables_events;
    if ( !test_bit(_VPF_down, &v->pause_flags) )
        c->flags |= VGCF_online;
    if ( pv->kernel_mode )
        c->flags |= VGCF_in_kernel;
    memcpy(&c->user_regs, &v->arch.user_regs, sizeof(c->user_regs));
    c->user_regs.rflags = (c->user_regs.rflags & ~X86_EFLAGS_IOPL) |
                          ((unsigned long)pv->iopl << 12);
    c->user_regs.ds = pv->ds;
    c->user_regs.es = pv->es;
    c->user_regs.fs = pv->fs;
    c->user_regs.gs = pv->gs;
    memcpy(c->trap_ctxt, pv->trap_ctxt, sizeof(c->trap_ctxt));
    c->ldt_base = pv->ldt_base;
    c->ldt_ents = pv->ldt_ents;
    for ( i = 0; i < FIRST_RESERVED_GDT_PAGE && i < ARRAY_SIZE(c->gdt_frames); i++ )
        c->gdt_frames[i] = pv->gdt_frames[i];
    c->gdt_ents = pv->gdt_ents;
    c->kernel_ss = pv->kernel_ss;
    c->kernel_sp = pv->kernel_sp;
    for ( i = 0; i < 8; i++ )
        c->ctrlreg[i] = pv->ctrlreg[i];
    c->ctrlreg[3] = xen_pfn_to_cr3(pv->guest_table);
    c->ctrlreg[1] = xen_pfn_to_cr3(pv->guest_table_user);
    for ( i = 0; i < 8; i++ )
        c->debugreg[i] = pv->debugreg[i];
    c->event_callback_eip = pv->event_callback_eip;
    c->failsafe_callback_eip = pv->failsafe_callback_eip;
    c->syscall_callback_eip = pv->syscall_callback_eip;
    c->vm_assist = v->domain->arch.pv.vm_assist;
    c->fs_base = pv->fs_base;
    c->gs_base_kernel = pv->gs_base_kernel;
    c->gs_base_user = pv->gs_base_user;
}

/*
 * XEN_DOMCTL_setvcpucontext with no context: the vCPU goes back to its state at
 * creation (down, no context, nothing of the domain's memory held).
 */
int pv_vcpu_reset(struct vcpu *v)
{
    set_bit(_VPF_down, &v->pause_flags);
    pv_vcpu_relinquish(v);
    memset(&v->arch.user_regs, 0, sizeof(v->arch.user_regs));
    memset(v->arch.pv.trap_ctxt, 0, sizeof(v->arch.pv.trap_ctxt));
    v->arch.pv.event_callback_eip = v->arch.pv.failsafe_callback_eip = 0;
    v->arch.pv.syscall_callback_eip = 0;
    v->arch.pv.kernel_ss = v->arch.pv.kernel_sp = 0;
    v->arch.pv.kernel_mode = true;
    v->arch.pv.iopl = 0;
    init_fpu_area(v->arch.pv.fpu_area);
    return 0;
}

/* ------------------------------------------------------------------ context switch */

static void fpu_save(struct vcpu *v)
{
    void *a = v->arch.pv.fpu_area;

    __asm__ __volatile__ ( "clts" );
    if ( cpu_has_xsave )
        __asm__ __volatile__ ( "xsave64 %0" : "=m" (*(char (*)[4096])a)
                               : "a" (~0u), "d" (~0u) : "memory" );
    else
        __asm__ __volatile__ ( "fxsave64 %0" : "=m" (*(char (*)[512])a) :: "memory" );
}

static void fpu_restore(struct vcpu *v)
{
    void *a = v->arch.pv.fpu_area;

    __asm__ __volatile__ ( "clts" );
    if ( cpu_has_xsave )
        __asm__ __volatile__ ( "xrstor64 %0" :: "m" (*(char (*)[4096])a),
                               "a" (~0u), "d" (~0u) : "memory" );
    else
        __asm__ __volatile__ ( "fxrstor64 %0" :: "m" (*(char (*)[512])a) : "memory" );
    /* The guest's virtual CR0.TS is the real one while it runs. */
    if ( v->arch.pv.ctrlreg[0] & X86_CR0_TS )
        write_cr0(read_cr0() | X86_CR0_TS);
}

static u16 read_sreg(int which)
{
    u16 sel = 0;

    switch ( which )
    {
    case 0: __asm__ __volatile__ ( "mov %%ds, %0" : "=r" (sel) ); break;
    case 1: __asm__ __volatile__ ( "mov %%es, %0" : "=r" (sel) ); break;
    case 2: __asm__ __volatile__ ( "mov %%fs, %0" : "=r" (sel) ); break;
    case 3: __asm__ __volatile__ ( "mov %%gs, %0" : "=r" (sel) ); break;
    }
    return sel;
}

/* Load a selector of the guest's; a bad one (for its GDT) becomes null. */
#define LOAD_SREG(reg, sel)                                                 \
    __asm__ __volatile__ ( "1: mov %k0, %%" #reg "\n"                       \
                           "2:\n"                                           \
                           "  .pushsection .fixup, \"ax\"\n"                \
                           "3: xor %k0, %k0\n"                              \
                           "  mov %k0, %%" #reg "\n"                        \
                           "  jmp 2b\n"                                     \
                           "  .popsection\n"                                \
                           _ASM_EXTABLE(1b, 3b)                             \
                           :: "r" ((unsigned int)(sel)) )

void pv_save_state(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    memcpy(&v->arch.user_regs, guest_cpu_user_regs(), sizeof(v->arch.user_regs));
    update_runstate_area(v);            /* the state schedule() just gave it */
    pv->ds = read_sreg(0);
    pv->es = read_sreg(1);
    pv->fs = read_sreg(2);
    pv->gs = read_sreg(3);
    pv->fs_base = rdmsr(MSR_FS_BASE);
    if ( pv->kernel_mode )
    {
        pv->gs_base_kernel = rdmsr(MSR_GS_BASE);
        pv->gs_base_user = rdmsr(MSR_SHADOW_GS_BASE);
    }
    else
    {
        pv->gs_base_user = rdmsr(MSR_GS_BASE);
        pv->gs_base_kernel = rdmsr(MSR_SHADOW_GS_BASE);
    }
    fpu_save(v);
    if ( pv->debugreg[7] & 0xff )
        __asm__ __volatile__ ( "mov %0, %%db7" :: "r" (0UL) );
}

static void pv_restore_state(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;
    unsigned int cpu = smp_processor_id();

    write_ptbase(v);
    pv_load_gdt_ldt(v, this_cpu_gdt_page());
    LOAD_SREG(ds, pv->ds);
    LOAD_SREG(es, pv->es);
    LOAD_SREG(fs, pv->fs);
    LOAD_SREG(gs, pv->gs);
    wrmsr(MSR_FS_BASE, pv->fs_base);
    wrmsr(MSR_GS_BASE, pv->kernel_mode ? pv->gs_base_kernel : pv->gs_base_user);
    wrmsr(MSR_SHADOW_GS_BASE, pv->kernel_mode ? pv->gs_base_user : pv->gs_base_kernel);
    fpu_restore(v);
    if ( pv->debugreg[7] & 0xff )
    {
        unsigned int i;

        for ( i = 0; i < 8; i++ )
            if ( i != 4 && i != 5 )
                set_debugreg(v, i, pv->debugreg[i]);
    }
    cpumask_set_cpu(cpu, &v->domain->arch.pv.dirty_cpumask);
    if ( v->singleshot_timer.cpu != cpu )
    {
        migrate_timer(&v->singleshot_timer, cpu);
        migrate_timer(&v->periodic_timer, cpu);
    }
}

void pv_reload_gdt_ldt(struct vcpu *v)
{
    if ( v == current )
        pv_load_gdt_ldt(v, this_cpu_gdt_page());
}

void __noreturn ret_to_guest(void);

/* Runs on a fresh stack when the scheduler switches to a PV vCPU. */
static void pv_schedule_tail(struct vcpu *v)
{
    memcpy(guest_cpu_user_regs(), &v->arch.user_regs, sizeof(v->arch.user_regs));
    pv_restore_state(v);
    local_irq_enable();                 /* off since schedule(): see context_switch() */
    update_vcpu_system_time(v);
    if ( v->arch.pv.kernel_mode )
        update_runstate_area(v);
    reset_stack_and_jump(ret_to_guest);
}

/* The machine frame behind a guest-kernel virtual address (walks v's kernel L4). */
unsigned long guest_va_to_mfn(struct vcpu *v, unsigned long va)
{
    const u64 *t;
    unsigned int level;

    if ( !v->arch.pv.guest_table || !guest_range_ok(va, 1) )
        return 0;
    t = mfn_to_virt(v->arch.pv.guest_table);
    for ( level = 4; level >= 1; level-- )
    {
        u64 e = t[(va >> (PAGE_SHIFT + 9 * (level - 1))) & 511];
        unsigned long mfn = (e & PTE_ADDR_MASK) >> PAGE_SHIFT;

        if ( !(e & _PAGE_PRESENT) || !mfn_valid(mfn) )
            return 0;
        if ( level == 1 )
            return mfn;
        t = mfn_to_virt(mfn);
    }
    return 0;
}
