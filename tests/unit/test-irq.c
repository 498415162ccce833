/*
 * The IRQ layer and PIRQ tables (arch/x86/irq.c, arch/x86/pirq.c) on the host:
 * what cannot be seen from one dom0 under QEMU.  A line shared by several
 * domains stays masked until the last of them EOIs; sharing is refused when
 * either side will not share, and past 7 guests; the hypervisor's lines cannot
 * be taken; unhandled interrupts are silenced; MSI IRQs and vectors are given
 * back; PIRQs move through free, reserved, mapped and orphaned as in Xen; the EOI
 * bitmap follows the bindings; a domain's destruction gives everything back.
 *
 * The IO-APIC, the local APIC, event channels and PCI are simulated below and
 * record what the code under test asks of them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <asm/io_apic.h>
#include <asm/irq_vectors.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/hypercall.h>
#include <asm/pirq.h>
#include <public/physdev.h>
#include "harness.h"
#include "host_stubs.h"

/* ------------------------------------------------------------ simulated machine */

#define NR_PINS 24

static struct {
    bool masked, level, low;
    unsigned int vector;
} pin[NR_PINS];
static unsigned int apic_acks;

struct event {
    struct domain *d;
    evtchn_port_t port;
};
static struct event events[64];
static unsigned int nr_events;
static evtchn_port_t last_unmasked;

cpumask_t cpu_online_map;
u32 x86_cpu_to_apicid[NR_CPUS];
unsigned long max_page;
unsigned long frametable_chunk_mapped[4];
static struct page_info test_frames[8];
struct page_info *frame_table = test_frames;

int io_apic_program_gsi(unsigned int gsi, unsigned int vector, u32 dest, bool level,
                        bool active_low, bool masked)
{
    if ( gsi >= NR_PINS )
        return -ENODEV;
    pin[gsi] = (typeof(pin[0])){ masked, level, active_low, vector };
    return 0;
}

void io_apic_mask_gsi(unsigned int gsi, bool mask)
{
    if ( gsi < NR_PINS )
        pin[gsi].masked = mask;
}

bool io_apic_gsi_valid(unsigned int gsi)
{
    return gsi < NR_PINS;
}

unsigned int nr_ioapic_gsis(void)
{
    return NR_PINS;
}

/* QEMU's PC: IRQ 0 moved to GSI 2, everything else ISA-default. */
unsigned int isa_irq_to_gsi(unsigned int isa_irq, bool *level, bool *active_low)
{
    *level = *active_low = false;
    return isa_irq ? isa_irq : 2;
}

void gsi_default_mode(unsigned int gsi, bool *level, bool *active_low)
{
    *level = *active_low = gsi >= 16;
}

int io_apic_guest_read(u64 physbase, unsigned int reg, u32 *val)
{
    if ( physbase != 0xfec00000 || reg > 0x10 + 2 * NR_PINS )
        return -EINVAL;
    *val = reg == 1 ? 0x170020 : 0;
    return 0;
}

int io_apic_reg_gsi(u64 physbase, unsigned int reg, unsigned int *gsi)
{
    if ( physbase != 0xfec00000 || reg < 0x10 || reg >= 0x10 + 2 * NR_PINS )
        return -EINVAL;
    *gsi = (reg - 0x10) / 2;
    return 0;
}

void dump_ioapic(void) {}
void ack_APIC_irq(void) { apic_acks++; }
void apic_timer_interrupt(void) {}
void apic_error_interrupt(void) {}
void apic_spurious_interrupt(void) {}
unsigned long apic_timer_irq_count(unsigned int cpu) { return 0; }
void smp_call_function_interrupt(void) {}
void smp_invalidate_interrupt(void) {}
void pv_soft_interrupt(struct cpu_user_regs *regs, unsigned int vector) {}

void evtchn_port_set_pending(struct domain *d, evtchn_port_t port)
{
    if ( nr_events < ARRAY_SIZE(events) )
        events[nr_events++] = (struct event){ d, port };
}

int evtchn_unmask_port(struct domain *d, evtchn_port_t port)
{
    last_unmasked = port;
    return 0;
}

void *xzalloc_bytes(size_t size)
{
    return calloc(1, size);
}

void xfree(void *p)
{
    free(p);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return n < 0 ? 0 : (size_t)n >= size ? (int)size - 1 : n;
}

unsigned long raw_copy_from_guest(void *dst, const void *src, unsigned long n)
{
    memcpy(dst, src, n);
    return 0;
}

unsigned long raw_copy_to_guest(void *dst, const void *src, unsigned long n)
{
    memcpy(dst, src, n);
    return 0;
}

static unsigned int page_refs;

int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned long type)
{
    page_refs++;
    return 0;
}

void put_page_and_type(struct page_info *pg)
{
    page_refs--;
}

/* One PCI device, 00:02.0, with MSI-X; msi_* keep the mask bit. */
static struct pci_dev fake_dev = { .bus = 0, .devfn = 0x10, .msix_pos = 0x40 };
static unsigned int msi_live;

void pcidevs_lock(void) {}
void pcidevs_unlock(void) {}

struct pci_dev *pci_get_pdev(u16 seg, u8 bus, u8 devfn)
{
    return !seg && bus == fake_dev.bus && devfn == fake_dev.devfn ? &fake_dev : NULL;
}

int pci_add_device(u16 seg, u8 bus, u8 devfn) { return pci_get_pdev(seg, bus, devfn) ? 0 : -ENODEV; }
int pci_remove_device(u16 seg, u8 bus, u8 devfn) { return -EBUSY; }
void msi_restore(struct pci_dev *dev) {}

int msi_setup(struct pci_dev *dev, bool msix, unsigned int entry_nr, u64 table_base,
              unsigned int irq, unsigned int vector, u32 dest, struct msi_desc **out)
{
    struct msi_desc *m;

    if ( !msix || entry_nr >= 4 )
        return msix ? -EINVAL : -ENODEV;
    m = calloc(1, sizeof(*m));
    m->dev = dev;
    m->msix = true;
    m->entry = entry_nr;
    m->irq = irq;
    m->vector = vector;
    m->masked = true;
    msi_live++;
    *out = m;
    return 0;
}

void msi_free(struct msi_desc *m)
{
    msi_live--;
    free(m);
}

void msi_set_mask(struct msi_desc *m, bool mask)
{
    m->masked = mask;
}

/* Domains: 0 is privileged, 1-8 are not. */
static struct domain doms[9];
static struct vcpu vcpu0;

struct domain *get_domain_by_id(domid_t id)
{
    return id < ARRAY_SIZE(doms) ? &doms[id] : NULL;
}

void put_domain(struct domain *d) {}

static void reset(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(doms); i++ )
    {
        if ( doms[i].arch.pirqs )
            pirq_domain_destroy(&doms[i]);
        memset(&doms[i], 0, sizeof(doms[i]));
        doms[i].domain_id = i;
        doms[i].is_privileged = i == 0;
        spin_lock_init(&doms[i].event_lock);
    }
    vcpu0.domain = &doms[0];
    set_current(&vcpu0);
    nr_events = 0;
    apic_acks = 0;
}

/* An interrupt on the vector of 'irq'. */
static void interrupt(unsigned int irq)
{
    struct cpu_user_regs regs = { .entry_vector = irq_vector(irq), .cs = 0xe008 };

    do_IRQ(&regs);
}

static long physdev(int cmd, void *arg)
{
    return do_physdev_op(cmd, (XEN_GUEST_HANDLE_PARAM(void)){ arg });
}

static int map_gsi(struct domain *d, int gsi, int pirq)
{
    struct physdev_map_pirq m = { .domid = d->domain_id, .type = MAP_PIRQ_TYPE_GSI,
                                  .index = gsi, .pirq = pirq };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    return rc ? (int)rc : m.pirq;
}

/* ------------------------------------------------------------ the IRQ layer */

TEST(level_line_shared_until_last_eoi)
{
    reset();
    CHECK_EQ(irq_setup_gsi(20, true, true), 0);
    CHECK_EQ(irq_guest_bind(20, &doms[1], 20, 5, true), 0);
    CHECK(!pin[20].masked && pin[20].level && pin[20].low && pin[20].vector);
    CHECK_EQ(irq_guest_bind(20, &doms[2], 33, 7, true), 0);
    CHECK(irq_is_shared(20) && irq_needs_eoi(20));

    interrupt(20);
    CHECK_EQ(nr_events, 2);
    CHECK(events[0].d == &doms[1] && events[0].port == 5);
    CHECK(events[1].d == &doms[2] && events[1].port == 7);
    CHECK(pin[20].masked);
    CHECK_EQ(apic_acks, 1);
    CHECK(irq_guest_in_flight(20, &doms[1], 20) && irq_guest_in_flight(20, &doms[2], 33));

    irq_guest_eoi(20, &doms[1], 20);
    CHECK(pin[20].masked);                      /* domain 2 has not EOI'd yet */
    irq_guest_eoi(20, &doms[1], 20);            /* a second EOI counts for nothing */
    CHECK(pin[20].masked);
    irq_guest_eoi(20, &doms[2], 33);
    CHECK(!pin[20].masked);
    CHECK(!irq_guest_in_flight(20, &doms[1], 20));

    irq_guest_unbind(20, &doms[1], 20);
    irq_guest_unbind(20, &doms[2], 33);
    CHECK(pin[20].masked);
}

TEST(unbind_while_in_flight)
{
    reset();
    CHECK_EQ(irq_guest_bind(21, &doms[1], 21, 3, true), 0);
    CHECK_EQ(irq_guest_bind(21, &doms[2], 21, 4, true), 0);
    interrupt(21);
    irq_guest_eoi(21, &doms[2], 21);
    CHECK(pin[21].masked);
    irq_guest_unbind(21, &doms[1], 21);         /* the one still owing an EOI leaves */
    CHECK(!pin[21].masked);
    CHECK(!irq_is_shared(21));
    irq_guest_unbind(21, &doms[2], 21);
    CHECK(pin[21].masked);
}

TEST(sharing_refused)
{
    unsigned int i;

    reset();
    CHECK_EQ(irq_guest_bind(22, &doms[1], 22, 1, false), 0);
    CHECK_EQ(irq_guest_bind(22, &doms[2], 22, 1, true), -EBUSY);   /* first won't share */
    irq_guest_unbind(22, &doms[1], 22);
    CHECK_EQ(irq_guest_bind(22, &doms[1], 22, 1, true), 0);
    CHECK_EQ(irq_guest_bind(22, &doms[2], 22, 1, false), -EBUSY);  /* second won't */
    for ( i = 2; i <= IRQ_MAX_GUESTS; i++ )
        CHECK_EQ(irq_guest_bind(22, &doms[i], 22, 1, true), 0);
    CHECK_EQ(irq_guest_bind(22, &doms[8], 22, 1, true), -EBUSY);   /* an eighth */
    for ( i = 1; i <= IRQ_MAX_GUESTS; i++ )
        irq_guest_unbind(22, &doms[i], 22);
    CHECK(pin[22].masked);
}

static unsigned int uart_irqs;

static void uart_handler(unsigned int irq, void *dev, struct cpu_user_regs *regs)
{
    uart_irqs++;
}

TEST(hypervisors_lines)
{
    reset();
    CHECK_EQ(request_isa_irq(4, uart_handler, NULL, "com1"), 0);
    CHECK(!pin[4].masked && !pin[4].level);
    CHECK(irq_is_hypervisors(4) && irq_is_hypervisors(2));
    CHECK(!irq_is_hypervisors(1));
    CHECK_EQ(irq_guest_bind(4, &doms[0], 4, 9, true), -EBUSY);
    CHECK_EQ(irq_guest_bind(2, &doms[0], 2, 9, true), -EBUSY);      /* the PIT */
    CHECK_EQ(irq_setup_gsi(4, true, true), -EEXIST);
    CHECK(!pin[4].level);
    interrupt(4);
    CHECK_EQ(uart_irqs, 1);
    CHECK_EQ(nr_events, 0);
    CHECK_EQ(apic_acks, 1);
    /* A guest's line cannot become the hypervisor's either. */
    CHECK_EQ(irq_guest_bind(3, &doms[0], 3, 9, false), 0);
    CHECK_EQ(request_isa_irq(3, uart_handler, NULL, "com2"), -EBUSY);
    irq_guest_unbind(3, &doms[0], 3);
}

TEST(edge_line_needs_no_eoi)
{
    reset();
    CHECK_EQ(irq_guest_bind(1, &doms[0], 1, 11, false), 0);
    CHECK(!irq_needs_eoi(1));
    interrupt(1);
    interrupt(1);
    CHECK_EQ(nr_events, 2);
    CHECK(!pin[1].masked);
    CHECK(!irq_guest_in_flight(1, &doms[0], 1));
    irq_guest_unbind(1, &doms[0], 1);
}

TEST(unhandled_interrupts_silenced)
{
    reset();
    CHECK_EQ(irq_guest_bind(23, &doms[1], 23, 2, false), 0);
    irq_guest_unbind(23, &doms[1], 23);
    pin[23].masked = false;                     /* as if the line were left open */
    printk_reset();
    interrupt(23);
    CHECK(pin[23].masked);
    CHECK_EQ(apic_acks, 1);
    CHECK_EQ(nr_events, 0);
    CHECK(strstr(printk_buf, "IRQ 23") && strstr(printk_buf, "unhandled interrupt"));
}

TEST(bad_arguments)
{
    reset();
    CHECK_EQ(irq_guest_bind(NR_IRQS, &doms[0], 1, 1, false), -EINVAL);
    CHECK_EQ(irq_guest_bind(~0u, &doms[0], 1, 1, false), -EINVAL);
    CHECK_EQ(irq_setup_gsi(NR_PINS, false, false), -EINVAL);
    CHECK_EQ(irq_setup_gsi(~0u, false, false), -EINVAL);
    irq_guest_unbind(NR_IRQS + 5, &doms[0], 1);
    irq_guest_eoi(~0u, &doms[0], 1);
    CHECK(!irq_guest_in_flight(NR_IRQS, &doms[0], 1));
    /* An MSI IRQ nobody attached a message to cannot be bound. */
    {
        int irq = create_msi_irq();

        CHECK(irq >= NR_PINS);
        CHECK_EQ(irq_guest_bind(irq, &doms[0], 200, 1, false), -EINVAL);
        destroy_msi_irq(irq);
    }
}

TEST(msi_irqs_and_vectors_come_back)
{
    int irqs[NR_IRQS], n = 0, again = 0, i;
    unsigned char seen[NR_VECTORS] = { 0 };

    reset();
    while ( n < NR_IRQS && (irqs[n] = create_msi_irq()) >= 0 )
    {
        CHECK(!seen[irq_vector(irqs[n])]);
        seen[irq_vector(irqs[n])] = 1;
        CHECK(irq_vector(irqs[n]) >= FIRST_DYNAMIC_VECTOR &&
              irq_vector(irqs[n]) <= LAST_DYNAMIC_VECTOR &&
              irq_vector(irqs[n]) != LEGACY_SYSCALL_VECTOR);
        n++;
    }
    CHECK(n > 100);
    CHECK_EQ(create_msi_irq(), -ENOSPC);
    for ( i = 0; i < n; i++ )
        destroy_msi_irq(irqs[i]);
    while ( again < n && (irqs[again] = create_msi_irq()) >= 0 )
        again++;
    CHECK_EQ(again, n);
    for ( i = 0; i < again; i++ )
        destroy_msi_irq(irqs[i]);
}

/* ------------------------------------------------------------ PIRQ tables */

TEST(pirq_mapping_rules)
{
    struct physdev_get_free_pirq g = { .type = MAP_PIRQ_TYPE_MSI };

    reset();
    CHECK_EQ(map_gsi(&doms[0], 5, 5), 5);
    CHECK_EQ(map_gsi(&doms[0], 5, 5), 5);            /* again: same answer */
    CHECK_EQ(map_gsi(&doms[0], 5, -1), 5);
    CHECK_EQ(map_gsi(&doms[0], 5, 6), -EEXIST);      /* the line has another PIRQ */
    CHECK_EQ(map_gsi(&doms[0], 6, 5), -EEXIST);      /* the PIRQ has another line */
    CHECK_EQ(map_gsi(&doms[0], 7, -1), 16);          /* GSIs: lowest free from 16 */
    CHECK_EQ(map_gsi(&doms[0], NR_PINS, -1), -EINVAL);
    CHECK_EQ(map_gsi(&doms[0], -1, -1), -EINVAL);
    CHECK_EQ(map_gsi(&doms[0], 8, NR_IRQS), -EINVAL);
    CHECK_EQ(physdev(PHYSDEVOP_get_free_pirq, &g), 0);
    CHECK_EQ(g.pirq, NR_IRQS - 1);                   /* MSIs: highest free */
    CHECK_EQ(physdev(PHYSDEVOP_get_free_pirq, &g), 0);
    CHECK_EQ(g.pirq, NR_IRQS - 2);
    CHECK_EQ(map_gsi(&doms[0], 9, NR_IRQS - 1), NR_IRQS - 1);   /* a reserved one */

    /* Not the hardware domain: nothing to map, set up or bind. */
    set_current(&(struct vcpu){ .domain = &doms[1] });
    CHECK_EQ(map_gsi(&doms[1], 10, 10), -EPERM);
    {
        struct physdev_setup_gsi s = { .gsi = 10 };

        CHECK_EQ(physdev(PHYSDEVOP_setup_gsi, &s), -EPERM);
    }
    CHECK_EQ(pirq_guest_bind(&doms[1], 10, 3, false), -EPERM);
    set_current(&vcpu0);
    /* Dom0 binding an unmapped GSI PIRQ: -EINVAL; outside its GSIs: -EPERM (Xen). */
    CHECK_EQ(pirq_guest_bind(&doms[0], 11, 3, false), -EINVAL);
    CHECK_EQ(pirq_guest_bind(&doms[0], 100, 3, false), -EPERM);
    CHECK_EQ(pirq_guest_bind(&doms[0], NR_IRQS, 3, false), -EINVAL);
}

TEST(pirq_orphaned_until_port_closes)
{
    struct physdev_unmap_pirq u = { .domid = DOMID_SELF, .pirq = 12 };

    reset();
    CHECK_EQ(map_gsi(&doms[0], 12, 12), 12);
    CHECK_EQ(pirq_guest_bind(&doms[0], 12, 40, false), 0);
    CHECK_EQ(pirq_to_evtchn(&doms[0], 12), 40);
    CHECK_EQ(pirq_guest_bind(&doms[0], 12, 41, false), -EEXIST);
    CHECK(!pin[12].masked);
    CHECK_EQ(physdev(PHYSDEVOP_unmap_pirq, &u), 0);
    CHECK(pin[12].masked);                           /* the IRQ is gone from it */
    CHECK_EQ(physdev(PHYSDEVOP_unmap_pirq, &u), -EINVAL);
    CHECK_EQ(map_gsi(&doms[0], 12, 12), -EBUSY);     /* its port still names it */
    pirq_guest_unbind(&doms[0], 12);                 /* EVTCHNOP_close */
    CHECK_EQ(pirq_to_evtchn(&doms[0], 12), 0);
    CHECK_EQ(map_gsi(&doms[0], 12, 12), 12);
}

TEST(eoi_bitmap_and_status)
{
    static unsigned long map_page[PAGE_SIZE / sizeof(unsigned long)] __attribute__((aligned(4096)));
    struct physdev_pirq_eoi_gmfn g = { .gmfn = 1 };
    struct physdev_irq_status_query q = { .irq = 17 };
    struct physdev_eoi eoi = { .irq = 17 };

    reset();
    host_directmap = (char *)map_page - PAGE_SIZE;   /* frame 1 is map_page */
    max_page = ARRAY_SIZE(test_frames);
    frametable_chunk_mapped[0] = 1;
    memset(map_page, 0xff, sizeof(map_page));
    CHECK_EQ(physdev(PHYSDEVOP_pirq_eoi_gmfn_v1, &g), 0);
    CHECK_EQ(physdev(PHYSDEVOP_pirq_eoi_gmfn_v2, &g), -EBUSY);
    CHECK_EQ(page_refs, 1);
    CHECK(!test_bit(17, map_page));                  /* nothing bound yet */

    CHECK_EQ(map_gsi(&doms[0], 17, 17), 17);
    CHECK_EQ(pirq_guest_bind(&doms[0], 17, 30, true), 0);
    CHECK(test_bit(17, map_page));                   /* level: needs EOI */
    CHECK_EQ(map_gsi(&doms[0], 1, 1), 1);
    CHECK_EQ(pirq_guest_bind(&doms[0], 1, 31, false), 0);
    CHECK(!test_bit(1, map_page));                   /* edge: does not */

    CHECK_EQ(physdev(PHYSDEVOP_irq_status_query, &q), 0);
    CHECK_EQ(q.flags, XENIRQSTAT_needs_eoi);
    CHECK_EQ(irq_guest_bind(17, &doms[1], 17, 3, true), 0);
    CHECK_EQ(physdev(PHYSDEVOP_irq_status_query, &q), 0);
    CHECK_EQ(q.flags, XENIRQSTAT_needs_eoi | XENIRQSTAT_shared);
    irq_guest_unbind(17, &doms[1], 17);
    q.irq = NR_IRQS;
    CHECK_EQ(physdev(PHYSDEVOP_irq_status_query, &q), -EINVAL);

    interrupt(17);
    CHECK(pin[17].masked);
    last_unmasked = 0;
    CHECK_EQ(physdev(PHYSDEVOP_eoi, &eoi), 0);
    CHECK(!pin[17].masked);
    CHECK_EQ(last_unmasked, 30);                     /* v1: the port is unmasked too */
    eoi.irq = 99;
    CHECK_EQ(physdev(PHYSDEVOP_eoi, &eoi), -EINVAL);

    pirq_guest_unbind(&doms[0], 17);
    CHECK(!test_bit(17, map_page));
    pirq_domain_destroy(&doms[0]);
    CHECK_EQ(page_refs, 0);
    max_page = 0;
}

TEST(msi_pirqs_and_domain_destruction)
{
    struct physdev_map_pirq m = { .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_MSI_SEG,
                                  .index = -1, .pirq = -1, .bus = 0, .devfn = 0x10,
                                  .entry_nr = 1, .table_base = 0xfe000000 };
    int lowest = create_msi_irq(), pirq;

    reset();
    destroy_msi_irq(lowest);                        /* the IRQ the mapping will get */
    CHECK_EQ(physdev(PHYSDEVOP_map_pirq, &m), 0);
    pirq = m.pirq;
    CHECK_EQ(pirq, NR_IRQS - 1);                     /* MSIs: highest free PIRQ */
    CHECK_EQ(msi_live, 1);
    CHECK_EQ(pirq_guest_bind(&doms[0], pirq, 50, false), 0);
    CHECK(!fake_dev.msi_list || !fake_dev.msi_list->masked);
    interrupt(lowest);
    CHECK_EQ(nr_events, 1);
    CHECK(events[0].d == &doms[0] && events[0].port == 50);
    CHECK(!irq_needs_eoi(lowest));

    m.pirq = -1;
    m.entry_nr = 9;                                  /* past the table */
    CHECK_EQ(physdev(PHYSDEVOP_map_pirq, &m), -EINVAL);
    m.entry_nr = 1;
    m.devfn = 0x18;                                  /* a device nobody reported */
    CHECK_EQ(physdev(PHYSDEVOP_map_pirq, &m), -ENODEV);
    m.devfn = 0x1000;
    CHECK_EQ(physdev(PHYSDEVOP_map_pirq, &m), -EINVAL);
    m.devfn = 0x10;
    m.type = MAP_PIRQ_TYPE_MULTI_MSI;
    CHECK_EQ(physdev(PHYSDEVOP_map_pirq, &m), -EOPNOTSUPP);
    m.type = 7;
    CHECK_EQ(physdev(PHYSDEVOP_map_pirq, &m), -EINVAL);
    CHECK_EQ(msi_live, 1);                           /* the failures left nothing */

    /* Destroying the domain (its ports closed first) gives the MSI back. */
    pirq_guest_unbind(&doms[0], pirq);
    pirq_domain_destroy(&doms[0]);
    CHECK_EQ(msi_live, 0);
    CHECK(doms[0].arch.pirqs == NULL);
    CHECK_EQ(create_msi_irq(), lowest);
    destroy_msi_irq(lowest);
}

int main(void)
{
    test_suite = "irq";
    cpumask_set_cpu(0, &cpu_online_map);
    init_irq_data();
    init_irq_gsis();
    RUN(level_line_shared_until_last_eoi);
    RUN(unbind_while_in_flight);
    RUN(sharing_refused);
    RUN(hypervisors_lines);
    RUN(edge_line_needs_no_eoi);
    RUN(unhandled_interrupts_silenced);
    RUN(bad_arguments);
    RUN(msi_irqs_and_vectors_come_back);
    RUN(pirq_mapping_rules);
    RUN(pirq_orphaned_until_port_closes);
    RUN(eoi_bitmap_and_status);
    RUN(msi_pirqs_and_domain_destruction);
    reset();
    return test_summary();
}
