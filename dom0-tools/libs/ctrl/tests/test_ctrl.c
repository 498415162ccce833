/*
 * test_ctrl.c: libxc on the host, over fake_xen.  Each case checks the
 * bytes a call hands the hypervisor against Xen 4.17's layout (ref_xen.c,
 * from Debian's headers), how the answer is read back, argument checks
 * that stop a call before the hypervisor, error messages, and that no
 * hypercall buffer is left allocated.  Prints PASS:/FAIL: ctrl/<case>.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fake_xen.h"
#include "ref_xen.h"

static int failures;
static const char *current;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if ( !(cond) )                                                        \
        {                                                                     \
            printf("FAIL: ctrl/%s: %s:%d: %s\n", current, __FILE__,           \
                   __LINE__, #cond);                                          \
            failures++;                                                       \
            return;                                                           \
        }                                                                     \
    } while ( 0 )

static uint64_t get(const void *buf, size_t off, size_t len)
{
    uint64_t v = 0;

    memcpy(&v, (const unsigned char *)buf + off, len);
    return v;
}

static void put(void *buf, size_t off, size_t len, uint64_t v)
{
    memcpy((unsigned char *)buf + off, &v, len);
}

/* ---- answers ---------------------------------------------------------- */

/* createdomain gives domain 5; everything else succeeds. */
static long answer_create(struct fake_xen *f, unsigned int op, void *buf)
{
    (void)f;
    if ( op == ref_xen.hc_domctl &&
         get(buf, ref_xen.off_cmd, 4) == ref_xen.domctl_createdomain )
        put(buf, ref_xen.off_domain, 2, 5);
    return 0;
}

/* As answer_create, but max_vcpus fails with -ENOMEM. */
static long answer_create_novcpus(struct fake_xen *f, unsigned int op,
                                  void *buf)
{
    if ( op == ref_xen.hc_domctl &&
         get(buf, ref_xen.off_cmd, 4) == ref_xen.domctl_max_vcpus )
        return -ENOMEM;
    return answer_create(f, op, buf);
}

/* getdomaininfo of the domain asked for (or of opaque's id when set). */
static long answer_info(struct fake_xen *f, unsigned int op, void *buf)
{
    uint64_t dom = get(buf, ref_xen.off_domain, 2);

    if ( op != ref_xen.hc_domctl )
        return -ENOSYS;
    if ( f->opaque )
        dom = *(const uint16_t *)f->opaque;
    put(buf, ref_xen.off_gdi_domain, 2, dom);
    put(buf, ref_xen.off_gdi_flags, 4,
        ref_xen.dominf_dying | ref_xen.dominf_shutdown |
        (3u << ref_xen.dominf_shutdownshift));
    put(buf, ref_xen.off_gdi_tot_pages, 8, 32768);
    put(buf, ref_xen.off_gdi_nr_online, 4, 2);
    return 0;
}

/* -EAGAIN the first three times (a dying domain still freeing memory). */
static long answer_eagain(struct fake_xen *f, unsigned int op, void *buf)
{
    (void)op;
    (void)buf;
    return f->ncalls <= 3 ? -EAGAIN : 0;
}

/* Scheduler ops: weight 512, cap 50 on getinfo. */
static long answer_sched(struct fake_xen *f, unsigned int op, void *buf)
{
    (void)f;
    if ( op == ref_xen.hc_sysctl )
    {
        put(buf, ref_xen.off_sys_sched_id, 4, ref_xen.sched_credit2);
        return 0;
    }
    if ( get(buf, ref_xen.off_so_cmd, 4) == ref_xen.schedop_getinfo )
    {
        put(buf, ref_xen.off_so_weight, 2, 512);
        put(buf, ref_xen.off_so_cap, 2, 50);
    }
    return 0;
}

/* alloc_unbound gives port 7; claims succeed; max_mem fails -ENOMEM. */
static long answer_misc(struct fake_xen *f, unsigned int op, void *buf)
{
    (void)f;
    if ( op == ref_xen.hc_event_channel_op )
        put(buf, ref_xen.off_eau_port, 4, 7);
    if ( op == ref_xen.hc_domctl )
        return -ENOMEM;
    return 0;
}

/* ---- cases ------------------------------------------------------------ */

static void createdomain_bytes(void)
{
    struct fake_xen f = { .answer = answer_create };
    xc_interface *xch = fake_xen_open(&f);
    struct xc_domain_config cfg = { .max_vcpus = 2, .max_evtchn_port = 1023,
                                    .max_grant_frames = -1,
                                    .max_maptrack_frames = -1,
                                    .max_grant_version = 1 };
    uint32_t domid = 0;

    CHECK(xch);
    CHECK(xc_domain_create(xch, &domid, &cfg) == 0);
    CHECK(domid == 5);
    CHECK(f.ncalls == 2);
    CHECK(f.calls[0].op == ref_xen.hc_domctl);
    CHECK(get(f.calls[0].buf, ref_xen.off_cmd, 4) ==
          ref_xen.domctl_createdomain);
    CHECK(get(f.calls[0].buf, ref_xen.off_version, 4) ==
          ref_xen.domctl_version);
    CHECK(get(f.calls[0].buf, ref_xen.off_domain, 2) == 0);
    CHECK(get(f.calls[0].buf, ref_xen.off_cd_flags, 4) == 0);
    CHECK(get(f.calls[0].buf, ref_xen.off_cd_max_vcpus, 4) == 2);
    CHECK(get(f.calls[0].buf, ref_xen.off_cd_max_evtchn, 4) == 1023);
    /* Grant table version 1 in the low bits of grant_opts. */
    CHECK((get(f.calls[0].buf, ref_xen.off_cd_grant_opts, 4) & 0xf) == 1);
    CHECK(get(f.calls[1].buf, ref_xen.off_cmd, 4) == ref_xen.domctl_max_vcpus);
    CHECK(get(f.calls[1].buf, ref_xen.off_domain, 2) == 5);
    CHECK(get(f.calls[1].buf, ref_xen.off_max_vcpus, 4) == 2);
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

static void createdomain_undo(void)
{
    struct fake_xen f = { .answer = answer_create_novcpus };
    xc_interface *xch = fake_xen_open(&f);
    struct xc_domain_config cfg = { .max_vcpus = 4, .max_grant_frames = -1,
                                    .max_maptrack_frames = -1,
                                    .max_grant_version = 1 };
    uint32_t domid = 0;

    CHECK(xch);
    CHECK(xc_domain_create(xch, &domid, &cfg) == -ENOMEM);
    /* The half-made domain is destroyed, and the error is max_vcpus'. */
    CHECK(f.ncalls == 3);
    CHECK(get(f.calls[2].buf, ref_xen.off_cmd, 4) ==
          ref_xen.domctl_destroydomain);
    CHECK(get(f.calls[2].buf, ref_xen.off_domain, 2) == 5);
    CHECK(strstr(xc_error(xch), "XEN_DOMCTL_max_vcpus (domain 5)"));
    CHECK(strstr(xc_error(xch), "(-ENOMEM)"));
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

static void refuses_bad_arguments(void)
{
    struct fake_xen f = { .answer = answer_create };
    xc_interface *xch = fake_xen_open(&f);
    struct xc_domain_config cfg = { .max_vcpus = 0, .max_grant_frames = -1,
                                    .max_maptrack_frames = -1,
                                    .max_grant_version = 1 };
    struct xc_sched_credit sc = { .weight = 0, .cap = 0 };
    uint32_t domid = 0;
    xc_dominfo_t info;

    CHECK(xch);
    CHECK(xc_domain_create(xch, &domid, &cfg) == -EINVAL);
    CHECK(strstr(xc_error(xch), "xc_domain_create: 0 vCPUs"));
    cfg.max_vcpus = 1;
    cfg.max_grant_version = 3;
    CHECK(xc_domain_create(xch, &domid, &cfg) == -EINVAL);
    CHECK(xc_domain_getinfo(xch, 0x7FF0, &info) == -EINVAL);
    CHECK(strstr(xc_error(xch), "domain id 32752"));
    CHECK(xc_domain_setmaxmem(xch, 0x7FF4, 1024) == -EINVAL);
    CHECK(xc_sched_credit2_domain_set(xch, 1, &sc) == -EINVAL);
    CHECK(strstr(xc_error(xch), "weight 0"));
    /* None of these reached the hypervisor. */
    CHECK(f.ncalls == 0);
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

static void getdomaininfo_decoded(void)
{
    struct fake_xen f = { .answer = answer_info };
    xc_interface *xch = fake_xen_open(&f);
    uint16_t other = 9;
    xc_dominfo_t info;

    CHECK(xch);
    CHECK(xc_domain_getinfo(xch, 3, &info) == 0);
    CHECK(get(f.calls[0].buf, ref_xen.off_cmd, 4) ==
          ref_xen.domctl_getdomaininfo);
    CHECK(info.domid == 3 && info.dying && info.shutdown && !info.paused);
    CHECK(info.shutdown_reason == 3);
    CHECK(info.tot_pages == 32768 && info.nr_online_vcpus == 2);
    /* Xen answers with the next domain when the one asked for is gone. */
    f.opaque = &other;
    CHECK(xc_domain_getinfo(xch, 3, &info) == -ESRCH);
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

static void destroy_retries_eagain(void)
{
    struct fake_xen f = { .answer = answer_eagain };
    xc_interface *xch = fake_xen_open(&f);

    CHECK(xch);
    CHECK(xc_domain_destroy(xch, 4) == 0);
    CHECK(f.ncalls == 4);
    CHECK(get(f.calls[3].buf, ref_xen.off_cmd, 4) ==
          ref_xen.domctl_destroydomain);
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

static void sched_credit2(void)
{
    struct fake_xen f = { .answer = answer_sched };
    xc_interface *xch = fake_xen_open(&f);
    struct xc_sched_credit sc = { .weight = 1000, .cap = 25 };
    unsigned int id = 0;

    CHECK(xch);
    CHECK(xc_sched_id(xch, &id) == 0 && id == ref_xen.sched_credit2);
    CHECK(xc_sched_credit2_domain_set(xch, 2, &sc) == 0);
    CHECK(get(f.calls[1].buf, ref_xen.off_cmd, 4) ==
          ref_xen.domctl_scheduler_op);
    CHECK(get(f.calls[1].buf, ref_xen.off_so_sched_id, 4) ==
          ref_xen.sched_credit2);
    CHECK(get(f.calls[1].buf, ref_xen.off_so_cmd, 4) ==
          ref_xen.schedop_putinfo);
    CHECK(get(f.calls[1].buf, ref_xen.off_so_weight, 2) == 1000);
    CHECK(get(f.calls[1].buf, ref_xen.off_so_cap, 2) == 25);
    CHECK(xc_sched_credit2_domain_get(xch, 2, &sc) == 0);
    CHECK(get(f.calls[2].buf, ref_xen.off_so_cmd, 4) ==
          ref_xen.schedop_getinfo);
    CHECK(sc.weight == 512 && sc.cap == 50);
    /* credit asks for its own scheduler id. */
    CHECK(xc_sched_credit_domain_get(xch, 2, &sc) == 0);
    CHECK(get(f.calls[3].buf, ref_xen.off_so_sched_id, 4) ==
          ref_xen.sched_credit);
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

static void memory_evtchn_errors(void)
{
    struct fake_xen f = { .answer = answer_misc };
    xc_interface *xch = fake_xen_open(&f);
    uint32_t port = 0;

    CHECK(xch);
    CHECK(xc_domain_claim_pages(xch, 6, 32768) == 0);
    CHECK(f.calls[0].op == ref_xen.hc_memory_op);
    CHECK(f.calls[0].args[0] == ref_xen.xenmem_claim_pages);
    CHECK(get(f.calls[0].buf, ref_xen.off_res_nr_extents, 8) == 32768);
    CHECK(get(f.calls[0].buf, ref_xen.off_res_domid, 2) == 6);
    CHECK(xc_evtchn_alloc_unbound(xch, 6, 0, &port) == 0);
    CHECK(f.calls[1].op == ref_xen.hc_event_channel_op);
    CHECK(f.calls[1].args[0] == ref_xen.evtchnop_alloc_unbound);
    CHECK(get(f.calls[1].buf, ref_xen.off_eau_dom, 2) == 6);
    CHECK(get(f.calls[1].buf, ref_xen.off_eau_remote, 2) == 0);
    CHECK(port == 7);
    /* A failure names the operation, the domain and the errno. */
    CHECK(xc_domain_setmaxmem(xch, 3, 1024) == -ENOMEM);
    CHECK(get(f.calls[2].buf, ref_xen.off_cmd, 4) == ref_xen.domctl_max_mem);
    CHECK(get(f.calls[2].buf, ref_xen.off_max_mem, 8) == 1024);
    CHECK(!strcmp(xc_error(xch), "XEN_DOMCTL_max_mem (domain 3): "
                  "Cannot allocate memory (-ENOMEM)"));
    CHECK(f.bufs_live == 0);
    xc_interface_close(xch);
}

/* The sysctl envelope: its own interface version. */
static void sysctl_version(void)
{
    struct fake_xen f = { .answer = answer_sched };
    xc_interface *xch = fake_xen_open(&f);
    unsigned int id;

    CHECK(xch);
    CHECK(xc_sched_id(xch, &id) == 0);
    CHECK(f.calls[0].op == ref_xen.hc_sysctl);
    CHECK(get(f.calls[0].buf, ref_xen.off_version, 4) ==
          ref_xen.sysctl_version);
    CHECK(get(f.calls[0].buf, ref_xen.off_cmd, 4) == ref_xen.sysctl_sched_id);
    xc_interface_close(xch);
}

int main(void)
{
    static const struct { const char *name; void (*fn)(void); } cases[] = {
        { "createdomain-bytes", createdomain_bytes },
        { "createdomain-undo", createdomain_undo },
        { "refuses-bad-arguments", refuses_bad_arguments },
        { "getdomaininfo-decoded", getdomaininfo_decoded },
        { "destroy-retries-eagain", destroy_retries_eagain },
        { "sched-credit2", sched_credit2 },
        { "memory-evtchn-errors", memory_evtchn_errors },
        { "sysctl-version", sysctl_version },
    };
    unsigned int i;
    int before;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        current = cases[i].name;
        before = failures;
        cases[i].fn();
        if ( failures == before )
            printf("PASS: ctrl/%s\n", current);
    }
    return failures ? 1 : 0;
}
