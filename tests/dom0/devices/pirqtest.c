/*
 * pirqtest: physdev_op and EVTCHNOP_bind_pirq from domain 0's user space, through
 * /dev/xen/privcmd, checking what the hypervisor answers to good and bad requests.
 *
 * usage: pirqtest [--uart-gsi N] [--pit-gsi N] [--free-gsi N] [--nr-gsis N]
 *                 [--ioapic BASE] [--fuzz COUNT]
 *
 * Prints one line per check, "pirqtest: NAME got=X want=Y ok" (or "BAD"), and
 * exits with the number of bad checks.  --fuzz then makes COUNT more calls with
 * random arguments (and some bad pointers), leaving out only what would take
 * dom0's own devices away from it (unmapping, closing its ports, removing PCI
 * devices, its I/O privilege); the hypervisor must answer every one.  The expected answers are Xen 4.17's, so
 * the same binary runs unchanged on Debian's Xen as a reference.  The GSI
 * numbers default to QEMU's PC: the console UART (COM1) on 4, the PIT on 2 (the
 * MADT moves IRQ 0 there), GSI 21 unused, 24 GSIs on one IO-APIC at 0xfec00000.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "xen.h"
#include "event_channel.h"
#include "physdev.h"

struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))

static int privcmd = -1;
static int bad;

/* A hypercall's result: >= 0, or -errno. */
static long hypercall2(unsigned int op, unsigned long a1, unsigned long a2)
{
    struct privcmd_hypercall h = { op, { a1, a2, 0, 0, 0 } };
    long r = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return r < 0 ? -errno : r;
}

static long physdev(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg);
}

static long evtchn(int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_event_channel_op, cmd, (unsigned long)arg);
}

static void expect(const char *name, long got, long want)
{
    printf("pirqtest: %s got=%ld want=%ld %s\n", name, got, want, got == want ? "ok" : "BAD");
    if ( got != want )
        bad++;
}

static long map_gsi(int gsi, int pirq, int *out)
{
    struct physdev_map_pirq m = { .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_GSI,
                                  .index = gsi, .pirq = pirq };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    if ( out )
        *out = m.pirq;
    return rc;
}

static long setup_gsi(int gsi, int level, int low)
{
    struct physdev_setup_gsi s = { .gsi = gsi, .triggering = level, .polarity = low };

    return physdev(PHYSDEVOP_setup_gsi, &s);
}

static long bind_pirq(int pirq, evtchn_port_t *port)
{
    struct evtchn_bind_pirq b = { .pirq = pirq, .flags = 0 };
    long rc = evtchn(EVTCHNOP_bind_pirq, &b);

    if ( port )
        *port = b.port;
    return rc;
}

static void evtchn_close_port(evtchn_port_t port)
{
    struct evtchn_close c = { .port = port };

    evtchn(EVTCHNOP_close, &c);
}

/* Lines the hypervisor keeps for itself: mapping works, taking them does not. */
static void hypervisors_lines(int uart_gsi, int pit_gsi)
{
    char name[64];
    int pirq = -1;
    long rc;

    rc = map_gsi(uart_gsi, uart_gsi, &pirq);
    expect("uart-gsi-map", rc, 0);
    expect("uart-gsi-map-pirq", pirq, uart_gsi);
    expect("uart-gsi-setup", setup_gsi(uart_gsi, 0, 0), -EEXIST);
    expect("uart-gsi-bind", bind_pirq(uart_gsi, NULL), -EBUSY);

    if ( pit_gsi >= 0 )
    {
        rc = map_gsi(pit_gsi, pit_gsi, &pirq);
        snprintf(name, sizeof(name), "pit-gsi%d-map", pit_gsi);
        expect(name, rc, 0);
        snprintf(name, sizeof(name), "pit-gsi%d-bind", pit_gsi);
        expect(name, bind_pirq(pit_gsi, NULL), -EBUSY);
    }
}

/* Out-of-range and malformed requests. */
static void refusals(int nr_gsis, int free_gsi, int mapped_gsi)
{
    struct physdev_map_pirq m;
    struct physdev_unmap_pirq u = { .domid = DOMID_SELF, .pirq = 100 };
    struct physdev_eoi eoi = { .irq = 100 };
    struct physdev_irq_status_query q = { .irq = 100000 };
    struct physdev_apic a = { .apic_physbase = 0xdead0000, .reg = 1 };
    struct physdev_setup_gsi sg = { .gsi = nr_gsis };

    expect("gsi-past-end-map", map_gsi(nr_gsis, -1, NULL), -EINVAL);
    expect("gsi-huge-map", map_gsi(100000, -1, NULL), -EINVAL);
    expect("gsi-negative-map", map_gsi(-5, -1, NULL), -EINVAL);
    expect("gsi-past-end-setup", physdev(PHYSDEVOP_setup_gsi, &sg), -EINVAL);
    /* On a line nobody mapped yet (a mapped one answers -EEXIST first, as Xen). */
    expect("pirq-past-end-map", map_gsi(free_gsi, 100000, NULL), -EINVAL);
    expect("mapped-gsi-other-pirq-map", map_gsi(mapped_gsi, 100000, NULL), -EEXIST);

    memset(&m, 0, sizeof(m));
    m.domid = DOMID_SELF;
    m.type = 7;
    m.index = 5;
    m.pirq = -1;
    expect("bad-type-map", physdev(PHYSDEVOP_map_pirq, &m), -EINVAL);

    /* MSI for a device nobody reported (bus 0x7f is empty on QEMU's PC). */
    memset(&m, 0, sizeof(m));
    m.domid = DOMID_SELF;
    m.type = MAP_PIRQ_TYPE_MSI_SEG;
    m.index = -1;
    m.pirq = -1;
    m.bus = 0x7f;
    m.devfn = 0;
    expect("msi-no-device-map", physdev(PHYSDEVOP_map_pirq, &m), -ENODEV);

    expect("unmapped-unmap", physdev(PHYSDEVOP_unmap_pirq, &u), -EINVAL);
    expect("unmapped-eoi", physdev(PHYSDEVOP_eoi, &eoi), -EINVAL);
    expect("pirq-past-end-status", physdev(PHYSDEVOP_irq_status_query, &q), -EINVAL);
    expect("unmapped-bind-msi-range", bind_pirq(100, NULL), -EPERM);
    expect("pirq-past-end-bind", bind_pirq(100000, NULL), -EINVAL);
    expect("apic-read-no-ioapic", physdev(PHYSDEVOP_apic_read, &a), -EINVAL);
    expect("map-bad-pointer", physdev(PHYSDEVOP_map_pirq, (void *)16), -EFAULT);
    expect("eoi-bad-pointer", physdev(PHYSDEVOP_eoi, (void *)16), -EFAULT);
}

/* A full round trip on an unused line: map, query, bind, status, close. */
static void round_trip(int free_gsi, unsigned long ioapic)
{
    struct physdev_irq_status_query q;
    struct physdev_apic a = { .apic_physbase = ioapic, .reg = 1 };
    struct evtchn_status st;
    evtchn_port_t port = 0;
    int pirq = -1;
    long rc;

    rc = physdev(PHYSDEVOP_apic_read, &a);
    expect("apic-read-version", rc, 0);
    /* The version register: version in bits 7:0, highest pin in 23:16. */
    expect("apic-read-version-nonzero", rc == 0 && a.value != 0 && a.value != ~0u, 1);

    rc = map_gsi(free_gsi, free_gsi, &pirq);
    expect("free-gsi-map", rc, 0);
    expect("free-gsi-map-pirq", pirq, free_gsi);
    expect("free-gsi-map-again", map_gsi(free_gsi, free_gsi, NULL), 0);
    expect("free-gsi-setup", setup_gsi(free_gsi, 1, 1), 0);
    q.irq = pirq;
    q.flags = 0;
    expect("free-gsi-status", physdev(PHYSDEVOP_irq_status_query, &q), 0);
    expect("free-gsi-status-needs-eoi", q.flags & XENIRQSTAT_needs_eoi, XENIRQSTAT_needs_eoi);
    rc = bind_pirq(pirq, &port);
    expect("free-gsi-bind", rc, 0);
    if ( rc == 0 )
    {
        expect("free-gsi-bind-twice", bind_pirq(pirq, NULL), -EEXIST);
        /* Bound, the line is live: its mode stays (Xen: -EEXIST). */
        expect("free-gsi-setup-bound", setup_gsi(free_gsi, 1, 1), -EEXIST);
        memset(&st, 0, sizeof(st));
        st.dom = DOMID_SELF;
        st.port = port;
        expect("free-gsi-evtchn-status", evtchn(EVTCHNOP_status, &st), 0);
        expect("free-gsi-evtchn-status-pirq", st.status, EVTCHNSTAT_pirq);
        expect("free-gsi-evtchn-status-which", st.u.pirq, pirq);
        evtchn_close_port(port);
        rc = bind_pirq(pirq, &port);
        expect("free-gsi-rebind-after-close", rc, 0);
        if ( rc == 0 )
            evtchn_close_port(port);
    }
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    /* xorshift64 */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* An integer a guest might plausibly or implausibly pass. */
static uint32_t rnd_int(void)
{
    switch ( rnd() % 6 )
    {
    case 0: return rnd() % 32;
    case 1: return rnd() % 300;
    case 2: return (uint32_t)-1 - rnd() % 4;
    case 3: return 0x7fffffff;
    default: return rnd();
    }
}

static void fuzz(unsigned long count)
{
    static const int cmds[] = {
        PHYSDEVOP_eoi, PHYSDEVOP_irq_status_query, PHYSDEVOP_apic_read,
        PHYSDEVOP_apic_write, PHYSDEVOP_alloc_irq_vector, PHYSDEVOP_map_pirq,
        PHYSDEVOP_manage_pci_add, PHYSDEVOP_restore_msi, PHYSDEVOP_manage_pci_add_ext,
        PHYSDEVOP_setup_gsi, PHYSDEVOP_get_free_pirq, PHYSDEVOP_pci_mmcfg_reserved,
        PHYSDEVOP_pci_device_add, PHYSDEVOP_restore_msi_ext, PHYSDEVOP_prepare_msix,
        PHYSDEVOP_release_msix, PHYSDEVOP_pirq_eoi_gmfn_v1, PHYSDEVOP_pirq_eoi_gmfn_v2,
        PHYSDEVOP_IRQ_UNMASK_NOTIFY, PHYSDEVOP_dbgp_op, 22, 40, -1,
    };
    static const unsigned long bad_ptrs[] = {
        0, 16, 0xffff800000000000ul, 0xffff82d040000000ul, 0x7ffffffff000ul, 0xfffffffffffffff0ul,
    };
    uint32_t buf[16];
    unsigned long i, answered = 0;
    unsigned int j;

    for ( i = 0; i < count; i++ )
    {
        int cmd = cmds[rnd() % (sizeof(cmds) / sizeof(cmds[0]))];
        void *arg = buf;
        long rc;

        for ( j = 0; j < 16; j++ )
            buf[j] = rnd_int();
        if ( cmd == PHYSDEVOP_map_pirq || cmd == PHYSDEVOP_apic_read ||
             cmd == PHYSDEVOP_apic_write )
            buf[0] = rnd() % 2 ? DOMID_SELF : rnd_int();  /* domid, or the low half of an address */
        if ( cmd == PHYSDEVOP_apic_read || cmd == PHYSDEVOP_apic_write )
        {
            uint64_t base = rnd() % 2 ? 0xfec00000 : rnd_int();

            memcpy(buf, &base, sizeof(base));
        }
        if ( rnd() % 8 == 0 )
            arg = (void *)bad_ptrs[rnd() % (sizeof(bad_ptrs) / sizeof(bad_ptrs[0]))];
        rc = physdev(cmd, arg);
        if ( rc <= 0 && rc > -4096 )
            answered++;
        if ( rnd() % 4 == 0 )
        {
            evtchn_port_t port = 0;

            /* Bind a random PIRQ; a port that comes back is closed again. */
            if ( bind_pirq(rnd_int(), &port) == 0 )
                evtchn_close_port(port);
        }
    }
    printf("pirqtest: fuzz %lu calls, %lu answered 0 or -errno\n", count, answered);
    expect("fuzz-all-answered", answered, count);
}

int main(int argc, char **argv)
{
    unsigned long fuzz_count = 0;
    int uart_gsi = 4, pit_gsi = 2, free_gsi = 21, nr_gsis = 24, i;
    unsigned long ioapic = 0xfec00000;

    for ( i = 1; i + 1 < argc; i += 2 )
    {
        if ( !strcmp(argv[i], "--uart-gsi") )
            uart_gsi = atoi(argv[i + 1]);
        else if ( !strcmp(argv[i], "--pit-gsi") )
            pit_gsi = atoi(argv[i + 1]);
        else if ( !strcmp(argv[i], "--free-gsi") )
            free_gsi = atoi(argv[i + 1]);
        else if ( !strcmp(argv[i], "--nr-gsis") )
            nr_gsis = atoi(argv[i + 1]);
        else if ( !strcmp(argv[i], "--ioapic") )
            ioapic = strtoul(argv[i + 1], NULL, 0);
        else if ( !strcmp(argv[i], "--fuzz") )
            fuzz_count = strtoul(argv[i + 1], NULL, 0);
        else
            break;
    }
    if ( i < argc )
    {
        fprintf(stderr, "usage: %s [--uart-gsi N] [--pit-gsi N|-1] [--free-gsi N] "
                "[--nr-gsis N] [--ioapic BASE] [--fuzz COUNT]\n", argv[0]);
        return 2;
    }
    privcmd = open("/dev/xen/privcmd", O_RDWR);
    if ( privcmd < 0 )
    {
        perror("pirqtest: /dev/xen/privcmd");
        return 2;
    }
    hypervisors_lines(uart_gsi, pit_gsi);
    refusals(nr_gsis, free_gsi, uart_gsi);
    round_trip(free_gsi, ioapic);
    if ( fuzz_count )
        fuzz(fuzz_count);
    printf("pirqtest: %d bad\n", bad);
    return bad;
}
