/*
 * System time and wall clock from the hypervisor's time records.
 */
#include <pvguest/time.h>

/* Bound on retries while the hypervisor updates a record. */
#define TIME_RETRIES 1000000

static void copy_record(const volatile vcpu_time_info_t *t,
                        vcpu_time_info_t *c)
{
    c->tsc_timestamp = t->tsc_timestamp;
    c->system_time = t->system_time;
    c->tsc_to_system_mul = t->tsc_to_system_mul;
    c->tsc_shift = t->tsc_shift;
    c->flags = t->flags;
}

void time_snapshot(const vcpu_time_info_t *t, vcpu_time_info_t *copy)
{
    const volatile vcpu_time_info_t *vt = t;
    unsigned int i;
    uint32_t v;

    for ( i = 0; i < TIME_RETRIES; i++ )
    {
        v = vt->version;
        rmb();
        copy_record(vt, copy);
        rmb();
        if ( !(v & 1) && v == vt->version )
            break;
    }
    copy->version = v;
}

uint64_t time_from_tsc(const vcpu_time_info_t *t, uint64_t tsc)
{
    int64_t delta = (int64_t)(tsc - t->tsc_timestamp);
    uint64_t d;

    if ( delta < 0 )
        delta = 0;
    d = (uint64_t)delta;
    if ( t->tsc_shift < 0 )
        d >>= -t->tsc_shift;
    else
        d <<= t->tsc_shift;
    return t->system_time +
           (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
}

uint64_t pv_now(void)
{
    const volatile vcpu_time_info_t *vt = &this_vcpu_info()->time;
    vcpu_time_info_t c = { 0 };
    unsigned int i;
    uint64_t tsc = 0;
    uint32_t v;

    for ( i = 0; i < TIME_RETRIES; i++ )
    {
        v = vt->version;
        rmb();
        tsc = rdtsc();
        copy_record(vt, &c);
        rmb();
        if ( !(v & 1) && v == vt->version )
            break;
    }
    return time_from_tsc(&c, tsc);
}

void pv_wallclock(uint64_t *sec, uint32_t *nsec)
{
    const volatile shared_info_t *s = shared_info;
    unsigned int i;
    uint32_t v, lo, hi = 0, ns;

    for ( i = 0; i < TIME_RETRIES; i++ )
    {
        v = s->wc_version;
        rmb();
        lo = s->wc_sec;
        ns = s->wc_nsec;
        hi = s->xen_wc_sec_hi;
        rmb();
        if ( !(v & 1) && v == s->wc_version )
            break;
    }
    *sec = ((uint64_t)hi << 32) | lo;
    *nsec = ns;
}
