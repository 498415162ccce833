/*
 * xendev: from inside domain 0, check the Xen interfaces Linux gives user
 * space, end to end through the hypervisor:
 *  - /proc/xen/capabilities and /sys/hypervisor;
 *  - /dev/xen/privcmd: hypercalls (xen_version, memory_op, grant_table_op)
 *    and foreign mappings (IOCTL_PRIVCMD_MMAPBATCH_V2 over mmu_update);
 *  - /dev/xen/evtchn: a port bound to another port of the same domain;
 *  - /dev/xen/gntalloc and /dev/xen/gntdev: a page granted by domain 0 to
 *    itself and mapped again, writes seen through both mappings, the
 *    grant's GTF_reading/GTF_writing bits, read-only grants and bad refs.
 * Each check prints "PASS: xendev: <name>" or "FAIL: xendev: <name>: <why>".
 * Exit status: 0 if every check passed, 1 otherwise, 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Our ABI headers first: Linux's ioctl headers use domid_t and grant_ref_t. */
#include "xen.h"
#include "grant_table.h"
#include "memory.h"
#include "version.h"
#include "privcmd.h"
#include "xendev.h"

#include <xen/evtchn.h>
#include <xen/gntalloc.h>
#include <xen/gntdev.h>

static int failures;
int privcmd_fd = -1;
static bool opt_pause;

/*
 * --pause: with a grant mapped, say so and wait (at most 60 s) for a line on
 * stdin, so that a test harness can look at the hypervisor's 'g' debug key
 * output meanwhile.
 */
static void pause_for_harness(uint32_t gref)
{
    struct pollfd p = { .fd = 0, .events = POLLIN };
    char line[64];

    if ( !opt_pause )
        return;
    printf("xendev: paused with grant ref %u of d0 mapped\n", gref);
    fflush(stdout);
    if ( poll(&p, 1, 60000) == 1 && read(0, line, sizeof(line)) < 0 )
        perror("xendev: reading stdin");
    printf("xendev: resumed\n");
    fflush(stdout);
}

/* Print one check's result line. */
void report(bool ok, const char *name, const char *fmt, ...)
{
    va_list ap;

    if ( ok )
    {
        printf("PASS: xendev: %s\n", name);
        fflush(stdout);
        return;
    }
    failures++;
    printf("FAIL: xendev: %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}

/* Read a small text file into buf without its trailing newline; false on error. */
static bool read_text(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "r");
    size_t n;

    if ( !f )
        return false;
    n = fread(buf, 1, len - 1, f);
    fclose(f);
    buf[n] = '\0';
    while ( n && (buf[n - 1] == '\n' || buf[n - 1] == ' ') )
        buf[--n] = '\0';
    return true;
}

/* A hypercall through privcmd: its return value, or -errno. */
long hypercall(unsigned int op, uint64_t a0, uint64_t a1, uint64_t a2)
{
    struct privcmd_hypercall hc = { .op = op, .arg = { a0, a1, a2 } };
    long rc = ioctl(privcmd_fd, IOCTL_PRIVCMD_HYPERCALL, &hc);

    return rc < 0 ? -errno : rc;
}

/*
 * Map n frames of domain dom through privcmd.  Returns the mapping (to
 * munmap, n pages) with err[] filled, or MAP_FAILED with *ioctl_errno set.
 */
void *foreign_map(uint16_t dom, const uint64_t *mfns, unsigned int n, int *err,
                         int *ioctl_errno)
{
    struct privcmd_mmapbatch_v2 m;
    void *p = mmap(NULL, n * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, privcmd_fd, 0);

    *ioctl_errno = 0;
    if ( p == MAP_FAILED )
    {
        *ioctl_errno = errno;
        return MAP_FAILED;
    }
    m = (struct privcmd_mmapbatch_v2){ .num = n, .dom = dom, .addr = (uintptr_t)p,
                                       .arr = mfns, .err = err };
    if ( ioctl(privcmd_fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &m) < 0 )
        *ioctl_errno = errno;
    return p;
}

/* ------------------------------------------------------------ files */

static void check_capabilities(void)
{
    char buf[256];

    if ( !read_text("/proc/xen/capabilities", buf, sizeof(buf)) )
        report(false, "proc-xen-capabilities", "cannot read /proc/xen/capabilities: %s",
               strerror(errno));
    else
        report(strstr(buf, "control_d") != NULL, "proc-xen-capabilities",
               "\"%s\" does not say control_d", buf);
}

static unsigned long sys_major, sys_minor;

static void check_sys_hypervisor(void)
{
    char type[64], major[32], minor[32], extra[64];

    if ( !read_text("/sys/hypervisor/type", type, sizeof(type)) ||
         !read_text("/sys/hypervisor/version/major", major, sizeof(major)) ||
         !read_text("/sys/hypervisor/version/minor", minor, sizeof(minor)) ||
         !read_text("/sys/hypervisor/version/extra", extra, sizeof(extra)) )
    {
        report(false, "sys-hypervisor-version", "cannot read /sys/hypervisor: %s",
               strerror(errno));
        return;
    }
    sys_major = strtoul(major, NULL, 10);
    sys_minor = strtoul(minor, NULL, 10);
    printf("xendev: hypervisor %s %s.%s%s\n", type, major, minor, extra);
    report(!strcmp(type, "xen") && sys_major == 4 && sys_minor == 17, "sys-hypervisor-version",
           "type \"%s\", version %s.%s (expected xen 4.17)", type, major, minor);
}

/* ------------------------------------------------------------ privcmd */

static void check_privcmd_version(void)
{
    long v = hypercall(__HYPERVISOR_xen_version, XENVER_version, 0, 0);

    report(v >= 0 && (unsigned long)v == ((sys_major << 16) | sys_minor),
           "privcmd-xen-version", "XENVER_version gave %#lx, sysfs says %lu.%lu", v, sys_major,
           sys_minor);
}

static void check_privcmd_memory_op(void)
{
    static domid_t self = DOMID_SELF, none = 0x7000;
    long cur = hypercall(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                         (uintptr_t)&self, 0);
    long top = hypercall(__HYPERVISOR_memory_op, XENMEM_maximum_ram_page, 0, 0);
    long bad = hypercall(__HYPERVISOR_memory_op, XENMEM_current_reservation,
                         (uintptr_t)&none, 0);

    printf("xendev: dom0 has %ld pages, highest machine page %#lx\n", cur, top);
    report(cur > 0 && top > cur && bad == -ESRCH, "privcmd-memory-op",
           "current_reservation %ld, maximum_ram_page %ld, current_reservation of no "
           "domain %ld (expected -ESRCH)", cur, top, bad);
}

static void check_privcmd_grant_query(void)
{
    static struct gnttab_query_size q;
    long rc;

    q = (struct gnttab_query_size){ .dom = DOMID_SELF };
    rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, (uintptr_t)&q, 1);
    report(rc == 0 && q.status == GNTST_okay && q.nr_frames >= 1 &&
           q.max_nr_frames >= q.nr_frames, "privcmd-grant-query-size",
           "rc %ld status %d, %u frames of %u", rc, q.status, q.nr_frames, q.max_nr_frames);

    q = (struct gnttab_query_size){ .dom = 0x7000 };
    rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, (uintptr_t)&q, 1);
    report(rc == 0 && q.status == GNTST_bad_domain, "privcmd-grant-query-bad-domain",
           "rc %ld status %d (expected GNTST_bad_domain)", rc, q.status);
}

/* ------------------------------------------------------------ evtchn */

/* Wait up to 5 s for a port on the evtchn fd; returns it, or -1. */
static long evtchn_wait(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    unsigned int port;

    if ( poll(&p, 1, 5000) != 1 || read(fd, &port, sizeof(port)) != sizeof(port) )
        return -1;
    /* The driver masks a port it reports; writing it back unmasks it. */
    if ( write(fd, &port, sizeof(port)) != sizeof(port) )
        return -1;
    return port;
}

static void check_evtchn_loopback(void)
{
    struct ioctl_evtchn_bind_unbound_port ub = { .remote_domain = 0 };
    struct ioctl_evtchn_bind_interdomain id = { .remote_domain = 0 };
    struct ioctl_evtchn_notify nt;
    struct ioctl_evtchn_unbind un;
    int fd = open("/dev/xen/evtchn", O_RDWR);
    int a, b;
    long got0, got1 = -1, got2 = -1;

    if ( fd < 0 )
    {
        report(false, "evtchn-loopback", "open /dev/xen/evtchn: %s", strerror(errno));
        return;
    }
    a = ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &ub);
    if ( a < 0 )
    {
        report(false, "evtchn-loopback", "IOCTL_EVTCHN_BIND_UNBOUND_PORT: %s", strerror(errno));
        goto out;
    }
    id.remote_port = a;
    b = ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &id);
    if ( b < 0 )
    {
        report(false, "evtchn-loopback", "IOCTL_EVTCHN_BIND_INTERDOMAIN to port %d: %s", a,
               strerror(errno));
        goto unbind_a;
    }
    /* Binding raises an event on the new local port, as in Xen. */
    got0 = evtchn_wait(fd);
    nt.port = b;
    if ( ioctl(fd, IOCTL_EVTCHN_NOTIFY, &nt) == 0 )
        got1 = evtchn_wait(fd);
    nt.port = a;
    if ( ioctl(fd, IOCTL_EVTCHN_NOTIFY, &nt) == 0 )
        got2 = evtchn_wait(fd);
    report(got0 == b && got1 == a && got2 == b, "evtchn-loopback",
           "ports %d<->%d: binding raised %ld, notify %d delivered %ld, notify %d "
           "delivered %ld", a, b, got0, b, got1, a, got2);
    un.port = b;
    ioctl(fd, IOCTL_EVTCHN_UNBIND, &un);
 unbind_a:
    un.port = a;
    ioctl(fd, IOCTL_EVTCHN_UNBIND, &un);
 out:
    close(fd);
}

/* ------------------------------------------------------------ grants */

/* Grant a fresh page of ours to domain 0 (ourselves); false on error. */
bool gntalloc_get(struct gntalloc_page *g, bool writable)
{
    struct ioctl_gntalloc_alloc_gref a = { .domid = 0, .count = 1 };
    void *p;

    a.flags = writable ? GNTALLOC_FLAG_WRITABLE : 0;
    g->fd = open("/dev/xen/gntalloc", O_RDWR);
    if ( g->fd < 0 || ioctl(g->fd, IOCTL_GNTALLOC_ALLOC_GREF, &a) < 0 )
        return false;
    g->gref = a.gref_ids[0];
    g->index = a.index;
    p = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, g->fd, a.index);
    if ( p == MAP_FAILED )
        return false;
    g->va = p;
    return true;
}

void gntalloc_put(struct gntalloc_page *g)
{
    struct ioctl_gntalloc_dealloc_gref d = { .index = g->index, .count = 1 };

    if ( g->va )
        munmap((void *)g->va, PAGE_SIZE);
    if ( g->fd >= 0 )
    {
        ioctl(g->fd, IOCTL_GNTALLOC_DEALLOC_GREF, &d);
        close(g->fd);
    }
    g->va = NULL;
    g->fd = -1;
}

/* Map grant <dom, ref> through gntdev with prot; MAP_FAILED on error (errno set). */
static void *gntdev_map(int fd, uint32_t dom, uint32_t ref, int prot, uint64_t *index)
{
    struct ioctl_gntdev_map_grant_ref m = { .count = 1 };
    void *p;
    int e;

    m.refs[0].domid = dom;
    m.refs[0].ref = ref;
    if ( ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) < 0 )
        return MAP_FAILED;
    *index = m.index;
    p = mmap(NULL, PAGE_SIZE, prot, MAP_SHARED, fd, m.index);
    if ( p == MAP_FAILED )
    {
        struct ioctl_gntdev_unmap_grant_ref u = { .index = m.index, .count = 1 };

        e = errno;
        ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
        errno = e;
    }
    return p;
}

static void gntdev_unmap(int fd, void *p, uint64_t index)
{
    struct ioctl_gntdev_unmap_grant_ref u = { .index = index, .count = 1 };

    munmap(p, PAGE_SIZE);
    ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
}

/*
 * Our grant table, mapped through privcmd: setup_table gives the MFNs of its
 * frames, a foreign mapping of DOMID_SELF maps them.  NULL if that fails;
 * *nframes receives the number of frames mapped.
 */
static volatile grant_entry_v1_t *map_own_grant_table(unsigned int *nframes)
{
    static uint64_t frames[64];
    static struct gnttab_query_size q;
    static struct gnttab_setup_table st;
    int err[64] = { 0 }, ierr = 0;
    unsigned int i;
    void *p = MAP_FAILED;
    long rc;

    q = (struct gnttab_query_size){ .dom = DOMID_SELF };
    rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_query_size, (uintptr_t)&q, 1);
    *nframes = q.nr_frames < 64 ? q.nr_frames : 64;
    st = (struct gnttab_setup_table){ .dom = DOMID_SELF, .nr_frames = *nframes };
    set_xen_guest_handle(st.frame_list, (xen_pfn_t *)frames);
    if ( !rc )
        rc = hypercall(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, (uintptr_t)&st, 1);
    if ( !rc && st.status == GNTST_okay )
        p = foreign_map(DOMID_SELF, frames, *nframes, err, &ierr);
    for ( i = 0; i < *nframes && !err[0]; i++ )
        err[0] = err[i];
    report(!rc && st.status == GNTST_okay && p != MAP_FAILED && !ierr && !err[0],
           "privcmd-map-grant-table", "setup_table rc %ld status %d; mapping %u frames: "
           "errno %d, frame error %d", rc, st.status, *nframes, ierr, err[0]);
    if ( rc || st.status != GNTST_okay || p == MAP_FAILED || ierr || err[0] )
    {
        if ( p != MAP_FAILED )
            munmap(p, *nframes * PAGE_SIZE);
        return NULL;
    }
    return p;
}

/* Wait (at most 2 s) until the entry's GTF_reading|GTF_writing equal want. */
static uint16_t wait_status(volatile grant_entry_v1_t *e, uint16_t want)
{
    struct timespec ts = { 0, 20 * 1000 * 1000 };
    uint16_t f = 0;
    int i;

    for ( i = 0; i < 100; i++ )
    {
        f = e->flags & (GTF_reading | GTF_writing);
        if ( f == want )
            break;
        nanosleep(&ts, NULL);
    }
    return f;
}

static void check_grants(volatile grant_entry_v1_t *gt, unsigned int nents)
{
    struct gntalloc_page g = { .fd = -1 }, ro = { .fd = -1 };
    volatile grant_entry_v1_t *e = NULL;
    int dev = open("/dev/xen/gntdev", O_RDWR);
    volatile uint64_t *b;
    uint64_t index, frame = 0, mfn[1];
    int err, ierr;
    void *p;

    if ( dev < 0 || !gntalloc_get(&g, true) )
    {
        report(false, "gntalloc-gntdev-rw", "gntdev/gntalloc: %s", strerror(errno));
        goto out;
    }
    g.va[0] = 0x786e646576ULL;
    g.va[511] = 0x1234;

    /* The entry gntalloc wrote: permit_access for domain 0, the page's frame. */
    if ( gt && g.gref < nents )
    {
        e = &gt[g.gref];
        frame = e->frame;
        report((e->flags & GTF_type_mask) == GTF_permit_access && e->domid == 0 &&
               !(e->flags & (GTF_readonly | GTF_reading | GTF_writing)), "grant-entry-v1",
               "ref %u: flags %#x domid %u", g.gref, e->flags, e->domid);
    }

    b = gntdev_map(dev, 0, g.gref, PROT_READ | PROT_WRITE, &index);
    if ( b == MAP_FAILED )
        report(false, "gntalloc-gntdev-rw", "gntdev map of ref %u: %s", g.gref,
               strerror(errno));
    else
    {
        bool seen = b[0] == 0x786e646576ULL && b[511] == 0x1234;

        b[1] = 0xfeedf00d;
        report(seen && g.va[1] == 0xfeedf00d, "gntalloc-gntdev-rw",
               "through gntdev read %#lx/%#lx, wrote 0xfeedf00d, gntalloc sees %#lx",
               (unsigned long)b[0], (unsigned long)b[511], (unsigned long)g.va[1]);
        if ( e )
        {
            uint16_t f = wait_status(e, GTF_reading | GTF_writing);

            report(f == (GTF_reading | GTF_writing), "grant-status-while-mapped",
                   "flags %#x while mapped writable", e->flags);
        }
        pause_for_harness(g.gref);
        gntdev_unmap(dev, (void *)b, index);
        if ( e )
        {
            uint16_t f = wait_status(e, 0);

            report(f == 0, "grant-status-after-unmap", "flags %#x after unmap", e->flags);
        }
    }

    /* A process that dies with the grant mapped: its exit unmaps it. */
    if ( e )
    {
        pid_t pid = fork();
        int status = -1;

        if ( pid == 0 )
        {
            int fd = open("/dev/xen/gntdev", O_RDWR);
            uint64_t idx;
            volatile uint64_t *c = fd < 0 ? MAP_FAILED
                                          : gntdev_map(fd, 0, g.gref, PROT_READ | PROT_WRITE,
                                                       &idx);

            if ( c == MAP_FAILED )
                _exit(3);
            c[2] = 0xdeadbeef;
            _exit(0);                                   /* no munmap, no close */
        }
        if ( pid > 0 )
            waitpid(pid, &status, 0);
        report(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 && g.va[2] == 0xdeadbeef &&
               wait_status(e, 0) == 0, "gntdev-unmap-on-exit",
               "child status %#x, page word %#lx, entry flags %#x after the child exited", status,
               (unsigned long)g.va[2], e->flags);
    }

    /* The same frame through a foreign mapping of ourselves (DOMID_SELF). */
    if ( frame )
    {
        mfn[0] = frame;
        err = 0;
        p = foreign_map(DOMID_SELF, mfn, 1, &err, &ierr);
        report(p != MAP_FAILED && !ierr && !err &&
               ((volatile uint64_t *)p)[0] == 0x786e646576ULL,
               "privcmd-mmapbatch-self", "frame %#lx: errno %d, frame error %d",
               (unsigned long)frame, ierr, err);
        if ( p != MAP_FAILED )
            munmap(p, PAGE_SIZE);
        /* Xen refuses a domain naming itself by id as the foreign domain. */
        err = 0;
        p = foreign_map(0, mfn, 1, &err, &ierr);
        report(err == -ESRCH, "privcmd-mmapbatch-own-id", "frame error %d, errno %d "
               "(expected -ESRCH)", err, ierr);
        if ( p != MAP_FAILED )
            munmap(p, PAGE_SIZE);
        err = 0;
        p = foreign_map(0x7000, mfn, 1, &err, &ierr);
        report(err == -ESRCH, "privcmd-mmapbatch-no-domain", "frame error %d, errno %d "
               "(expected -ESRCH)", err, ierr);
        if ( p != MAP_FAILED )
            munmap(p, PAGE_SIZE);
    }

    /* A read-only grant maps read-only, and never writable. */
    if ( !gntalloc_get(&ro, false) )
        report(false, "gntdev-readonly-grant", "gntalloc read-only: %s", strerror(errno));
    else
    {
        bool rw_refused, ro_ok = false;

        ro.va[0] = 0x726f;
        b = gntdev_map(dev, 0, ro.gref, PROT_READ | PROT_WRITE, &index);
        rw_refused = b == MAP_FAILED;
        if ( !rw_refused )
            gntdev_unmap(dev, (void *)b, index);
        b = gntdev_map(dev, 0, ro.gref, PROT_READ, &index);
        if ( b != MAP_FAILED )
        {
            ro_ok = b[0] == 0x726f;
            gntdev_unmap(dev, (void *)b, index);
        }
        report(rw_refused && ro_ok, "gntdev-readonly-grant",
               "writable map %s, read-only map %s", rw_refused ? "refused" : "allowed",
               ro_ok ? "reads the page" : "failed");
    }

    /* A reference beyond the table cannot be mapped. */
    b = gntdev_map(dev, 0, 1u << 30, PROT_READ, &index);
    report(b == MAP_FAILED, "gntdev-bad-ref", "mapping ref 2^30 succeeded");
    if ( b != MAP_FAILED )
        gntdev_unmap(dev, (void *)b, index);

 out:
    gntalloc_put(&ro);
    gntalloc_put(&g);
    if ( dev >= 0 )
        close(dev);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: xendev [--pause] [--help]\n"
               "Run in domain 0: checks /proc/xen, /sys/hypervisor, /dev/xen/privcmd,\n"
               "/dev/xen/evtchn, /dev/xen/gntalloc and /dev/xen/gntdev against the\n"
               "hypervisor, one PASS:/FAIL: line per check.\n"
               "  --pause  with a grant mapped, wait for a line on stdin (at most 60 s)\n");
}

int main(int argc, char **argv)
{
    int i;

    for ( i = 1; i < argc; i++ )
    {
        bool help = !strcmp(argv[i], "--help") || !strcmp(argv[i], "-h");

        if ( !strcmp(argv[i], "--pause") )
        {
            opt_pause = true;
            continue;
        }
        if ( !help )
            fprintf(stderr, "xendev: unknown argument \"%s\"\n", argv[i]);
        usage(help ? stdout : stderr);
        return help ? 0 : 2;
    }

    check_capabilities();
    check_sys_hypervisor();
    privcmd_fd = open("/dev/xen/privcmd", O_RDWR);
    if ( privcmd_fd < 0 )
        report(false, "privcmd-open", "open /dev/xen/privcmd: %s", strerror(errno));
    else
    {
        check_privcmd_version();
        check_privcmd_memory_op();
        check_privcmd_grant_query();
    }
    check_evtchn_loopback();
    if ( privcmd_fd >= 0 )
    {
        unsigned int nframes = 0;
        volatile grant_entry_v1_t *gt = map_own_grant_table(&nframes);
        unsigned int nents = gt ? nframes * (PAGE_SIZE / sizeof(*gt)) : 0;

        check_grants(gt, nents);
        check_grant_ops(gt, nents);
        if ( gt )
            munmap((void *)gt, nframes * PAGE_SIZE);
    }
    printf("xendev: %d failure(s)\n", failures);
    return failures ? 1 : 0;
}
