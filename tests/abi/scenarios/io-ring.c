/*
 * abi-header: io/ring.h
 *
 * A frontend and a backend exchange requests and responses over one ring,
 * starting just below the 2^32 wrap of the indexes, with event hold-off;
 * then the overflow checks, and a flex byte ring.  Every step prints the
 * ring's state, so any difference in the macros' behaviour shows.
 */
#ifndef xen_mb
#define xen_mb() __sync_synchronize()
#define xen_rmb() __sync_synchronize()
#define xen_wmb() __sync_synchronize()
#endif
/* What the oldest interface revisions map xen_mb() and friends to. */
#define mb() __sync_synchronize()
#define rmb() __sync_synchronize()
#define wmb() __sync_synchronize()

struct abi_req
{
    uint32_t id;
    uint32_t data[3];
};
struct abi_rsp
{
    uint32_t id;
    int32_t status;
};
DEFINE_RING_TYPES(abi, struct abi_req, struct abi_rsp);

DEFINE_XEN_FLEX_RING_AND_INTF(abiflex);
DEFINE_XEN_FLEX_RING(abibytes);

static union
{
    abi_sring_t sring;
    unsigned char page[4096];
} abi_page;

static void abi_ring_state(const char *step, abi_front_ring_t *front,
                           abi_back_ring_t *back)
{
    SAY(step,
        "req_prod %u req_event %u rsp_prod %u rsp_event %u | "
        "front pvt %u cons %u free %u full %d unconsumed %u | "
        "back pvt %u cons %u unconsumed %u",
        front->sring->req_prod, front->sring->req_event, front->sring->rsp_prod,
        front->sring->rsp_event, front->req_prod_pvt, front->rsp_cons,
        (unsigned)RING_FREE_REQUESTS(front), (int)RING_FULL(front),
        (unsigned)XEN_RING_NR_UNCONSUMED_RESPONSES(front), back->rsp_prod_pvt,
        back->req_cons, (unsigned)XEN_RING_NR_UNCONSUMED_REQUESTS(back));
}

/* The frontend queues @n requests; returns whether it must notify. */
static int abi_front_send(abi_front_ring_t *front, unsigned int n)
{
    int notify;

    while ( n-- && !RING_FULL(front) )
    {
        struct abi_req *req = RING_GET_REQUEST(front, front->req_prod_pvt);

        req->id = front->req_prod_pvt;
        req->data[0] = req->id * 3;
        front->req_prod_pvt++;
    }
    RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(front, notify);
    return notify;
}

/* The backend answers up to @n requests; returns whether it must notify. */
static int abi_back_serve(abi_back_ring_t *back, unsigned int n)
{
    int notify, more;

    while ( n-- && RING_HAS_UNCONSUMED_REQUESTS(back) )
    {
        struct abi_req req;
        struct abi_rsp *rsp;

        if ( RING_REQUEST_CONS_OVERFLOW(back, back->req_cons) )
            break;
        RING_COPY_REQUEST(back, back->req_cons, &req);
        back->req_cons++;
        rsp = RING_GET_RESPONSE(back, back->rsp_prod_pvt);
        rsp->id = req.id;
        rsp->status = (int32_t)(req.data[0] - req.id);
        back->rsp_prod_pvt++;
    }
    RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(back, notify);
    RING_FINAL_CHECK_FOR_REQUESTS(back, more);
    return notify * 2 + !!more;
}

/* The frontend takes every response; returns their checksum. */
static unsigned int abi_front_collect(abi_front_ring_t *front)
{
    unsigned int sum = 0;
    int more;

    do
    {
        xen_rmb();
        while ( RING_HAS_UNCONSUMED_RESPONSES(front) )
        {
            struct abi_rsp rsp;

            RING_COPY_RESPONSE(front, front->rsp_cons, &rsp);
            sum = sum * 31 + rsp.id + (unsigned)rsp.status;
            front->rsp_cons++;
        }
        RING_FINAL_CHECK_FOR_RESPONSES(front, more);
    } while ( more );
    return sum;
}

static void abi_flex(void)
{
    static struct abiflex_data_intf intf;
    static unsigned char buf[XEN_FLEX_RING_SIZE(0)];
    static const char text[] = "the quick brown fox jumps over the lazy dog";
    char out[sizeof(text)];
    RING_IDX size = XEN_FLEX_RING_SIZE(0), prod, cons, i;

    SAY("XEN_FLEX_RING_SIZE", "%lu %lu", XEN_FLEX_RING_SIZE(0),
        XEN_FLEX_RING_SIZE(3));
    SAY("flex intf", "%zu %zu %zu", sizeof(intf),
        offsetof(struct abiflex_data_intf, out_cons),
        offsetof(struct abiflex_data_intf, ref));
    for ( i = 0; i < 3; i++ )
    {
        prod = cons = size - 10 + i * 7;
        abiflex_write_packet(buf, text, sizeof(text), &prod,
                             abiflex_mask(cons, size), size);
        SAY("flex write", "%u prod %u queued %u", i, prod,
            abiflex_queued(prod, abiflex_mask(cons, size), size));
        cons = abiflex_mask(cons, size);
        abibytes_read_packet(out, buf, sizeof(text), prod, &cons, size);
        SAY("flex read", "%u %s cons %u ptr %td", i, out, cons,
            abibytes_get_ring_ptr(buf, cons + size, size) - buf);
    }
    SAY("flex queued", "%u %u %u", abiflex_queued(5, 5, size),
        abiflex_queued(size + 5, 5, size), abiflex_queued(3, size - 3, size));
    SAY("flex data", "%zu", sizeof(struct abiflex_data));
}

static void scenario_io_ring(void)
{
    abi_front_ring_t front;
    abi_back_ring_t back;
    unsigned int round, v;
    int r;

    for ( v = 0; v < 40; v += 7 )
        SAY("__RD32", "%u -> %u, %u -> %u", v, (unsigned)__RD32(v),
            v * 1000003u, (unsigned)__RD32(v * 1000003u));
    SAY("__RD", "%u %u %u %u", (unsigned)__RD2(3), (unsigned)__RD4(13),
        (unsigned)__RD8(200), (unsigned)__RD16(40000));
    SAY("__CONST_RING_SIZE", "%lu %lu %lu",
        (unsigned long)__CONST_RING_SIZE(abi, 4096),
        (unsigned long)__CONST_RING_SIZE(abi, 8192),
        (unsigned long)__CONST_RING_SIZE(abi, 200));

    memset(&abi_page, 0xa5, sizeof(abi_page));
    XEN_FRONT_RING_INIT(&front, &abi_page.sring, sizeof(abi_page));
    front.nr_ents = 0;
    FRONT_RING_INIT(&front, &abi_page.sring, sizeof(abi_page));
    BACK_RING_INIT(&back, &abi_page.sring, sizeof(abi_page));
    SAY("RING_SIZE", "%u %lu", RING_SIZE(&front),
        (unsigned long)__RING_SIZE(&abi_page.sring, sizeof(abi_page)));
    abi_ring_state("init", &front, &back);

    /* Start again just below the wrap of the 32-bit indexes. */
    SHARED_RING_INIT(&abi_page.sring);
    abi_page.sring.req_prod = abi_page.sring.rsp_prod = 0xfffffff0u;
    abi_page.sring.req_event = abi_page.sring.rsp_event = 0xfffffff1u;
    FRONT_RING_ATTACH(&front, &abi_page.sring, 0xfffffff0u, sizeof(abi_page));
    BACK_RING_ATTACH(&back, &abi_page.sring, 0xfffffff0u, sizeof(abi_page));
    abi_ring_state("attach", &front, &back);

    for ( round = 0; round < 12; round++ )
    {
        r = abi_front_send(&front, (round * 13) % 40);
        abi_ring_state("send", &front, &back);
        SAY("send notify", "%u %d", round, r);
        r = abi_back_serve(&back, (round * 7) % 25 + 1);
        abi_ring_state("serve", &front, &back);
        SAY("serve notify", "%u %d", round, r);
        SAY("collect", "%u %#x", round, abi_front_collect(&front));
        abi_ring_state("collect", &front, &back);
    }

    /* Where the other side's event threshold sits decides notification. */
    for ( v = 0; v < 6; v++ )
    {
        int nreq, nrsp;
        RING_IDX old = abi_page.sring.req_prod;

        abi_page.sring.req_event = old + v - 1;
        abi_page.sring.rsp_event = abi_page.sring.rsp_prod + v - 1;
        front.req_prod_pvt += 3;
        back.req_cons += 3;
        back.rsp_prod_pvt += 3;
        front.rsp_cons += 3;
        RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(&front, nreq);
        RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(&back, nrsp);
        SAY("notify threshold", "%u: %d %d", v, nreq, nrsp);
    }

    /* Plain pushes, and the overflow checks on hostile indexes. */
    RING_PUSH_REQUESTS(&front);
    RING_PUSH_RESPONSES(&back);
    for ( v = 0; v < 4; v++ )
    {
        RING_IDX prod = back.rsp_prod_pvt + RING_SIZE(&back) - 1 + v;

        SAY("overflow", "%u req_prod %d rsp_prod %d cons %d", v,
            (int)RING_REQUEST_PROD_OVERFLOW(&back, prod),
            (int)RING_RESPONSE_PROD_OVERFLOW(&front, front.rsp_cons + 31 + v),
            (int)RING_REQUEST_CONS_OVERFLOW(&back, back.req_cons + v));
    }
    {
        struct abi_req copy;

        RING_COPY_(REQUEST, &back, 3, &copy);
        SAY("RING_COPY_", "%u %u", copy.id, copy.data[0]);
    }
    SAY("pvt", "%u %u %u", abi_page.sring.pvt.netif.smartpoll_active,
        abi_page.sring.pvt.tapif_user.msg, abi_page.sring.__pad[43]);
    abi_flex();
    xen_wmb();
    xen_mb();
}
