/*
 * HYPERVISOR_multicall(call_list, nr_calls) (Xen's public xen.h): each
 * multicall_entry {op, result, args[6]} is run in order as if issued
 * alone, and its result stored in the entry; an entry that fails does not
 * stop the batch; the call returns 0 once the list was processed, or a
 * negative errno if the list itself cannot be read.
 */
#include <pvguest/test.h>

const char test_title[] = "multicall";

#define N_BIG 300

static multicall_entry_t calls[N_BIG];

static void set_call(multicall_entry_t *c, unsigned long op, unsigned long a0,
                     unsigned long a1, unsigned long a2, unsigned long a3)
{
    memset(c, 0, sizeof(*c));
    c->op = op;
    c->result = 0x5a5a5a5a;
    c->args[0] = a0;
    c->args[1] = a1;
    c->args[2] = a2;
    c->args[3] = a3;
}

static void test_batch_of_same(void)
{
    long version = HYPERVISOR_xen_version(XENVER_version, NULL), rc;
    unsigned int i, good = 0;

    for ( i = 0; i < N_BIG; i++ )
        set_call(&calls[i], __HYPERVISOR_xen_version, XENVER_version, 0, 0, 0);
    rc = HYPERVISOR_multicall(calls, N_BIG);
    check_eq(rc, 0, "multicall of 300 xen_version calls");
    for ( i = 0; i < N_BIG; i++ )
        good += (long)calls[i].result == version;
    check_eq(good, N_BIG, "every entry's result is the version");
}

static volatile unsigned int ipi_count;

static void ipi_handler(evtchn_port_t port, void *arg)
{
    ipi_count++;
}

static void test_mixed(void)
{
    evtchn_port_t port;
    unsigned long va = (unsigned long)scratch_va(0);
    uint64_t *page = alloc_pool_page();
    unsigned int ipi_before;
    long rc;

    page[0] = 0x6d756c7469;
    if ( evtchn_bind_ipi(0, &port) )
        test_abort("bind_ipi");
    evtchn_set_handler(port, ipi_handler, NULL);
    evtchn_unmask(port);
    ipi_before = ipi_count;
    {
        struct evtchn_send send = { .port = port };
        struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };

        set_call(&calls[0], __HYPERVISOR_update_va_mapping, va,
                 ((uint64_t)virt_to_mfn(page) << PAGE_SHIFT) | PTE_RO, 0, 0);
        set_call(&calls[1], __HYPERVISOR_mmuext_op, (unsigned long)&flush, 1,
                 0, DOMID_SELF);
        set_call(&calls[2], 63, 0, 0, 0, 0);
        set_call(&calls[3], __HYPERVISOR_event_channel_op, EVTCHNOP_send,
                 (unsigned long)&send, 0, 0);
        set_call(&calls[4], __HYPERVISOR_update_va_mapping, va,
                 ((uint64_t)current_l4_mfn() << PAGE_SHIFT) | PTE_RW,
                 UVMF_INVLPG, 0);
        set_call(&calls[5], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0,
                 0);
        rc = HYPERVISOR_multicall(calls, 6);
    }
    check_eq(rc, 0, "mixed multicall");
    check_eq((long)calls[0].result, 0, "update_va_mapping entry");
    check_eqx(*(volatile uint64_t *)va, page[0], "its mapping is in place");
    check_eq((long)calls[1].result, 0, "mmuext_op entry");
    check_eq((long)calls[2].result, -ENOSYS, "entry with an unused number");
    check_eq((long)calls[3].result, 0, "event channel send entry");
    check_eq((long)calls[4].result, -EBUSY,
             "failing update_va_mapping entry (writable L4)");
    check_eq((long)calls[5].result, PAGE_SIZE, "entry after the failures ran");
    check_eqx(*(volatile uint64_t *)va, page[0], "failed entry changed nothing");
    check_eq(ipi_count, ipi_before + 1, "the event sent inside the batch");
    evtchn_close(port);
    scratch_restore(0);
    free_pool_page(page);
}

static void test_nesting_and_errors(void)
{
    multicall_entry_t inner[1];
    long rc;

    set_call(&inner[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0, 0);
    set_call(&calls[0], __HYPERVISOR_multicall, (unsigned long)inner, 1, 0, 0);
    set_call(&calls[1], __HYPERVISOR_xen_version, XENVER_pagesize, 0, 0, 0);
    rc = HYPERVISOR_multicall(calls, 2);
    check_eq(rc, 0, "multicall containing a multicall");
    check_eq((long)calls[0].result, -EINVAL, "a nested multicall is refused");
    check_eq((long)inner[0].result, 0x5a5a5a5a, "and its entries not run");
    check_eq((long)calls[1].result, PAGE_SIZE, "the outer batch went on");

    rc = HYPERVISOR_multicall(calls, 0);
    check_eq(rc, 0, "multicall of 0 entries");
    rc = HYPERVISOR_multicall((void *)0x1000, 1);
    check_eq(rc, -EFAULT, "multicall from an unmapped list");
}

void test_main(void)
{
    test_batch_of_same();
    test_mixed();
    test_nesting_and_errors();
    test_success();
}
