/*
 * xs_bench.c: xenstore throughput and latency over the Unix socket, with a
 * minimal raw-protocol client so that the daemon dominates the figures.
 *
 *   xs_bench SOCKET [PHASE [SCALE]]
 *   xs_bench SOCKET fill|grown NODES
 *
 * Prints one line per figure: "<name> <value> <unit>".  Phases: writes,
 * reads, directory listings, 5-write transactions, watched writes (event
 * latency), concurrent clients, and write/read throughput as the store
 * grows to 100 000 nodes.  Every loop is bounded by its count.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "xen/io/xs_wire.h"

static const char *sock_path;
static int scale = 1;

struct cl
{
    int fd;
    uint32_t req;
    char rbuf[65536];           /* received, not yet parsed */
    size_t rlen, roff;
    char body[XENSTORE_PAYLOAD_MAX + 1];
    struct xsd_sockmsg hdr;
};

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
    fprintf(stderr, "xs_bench: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void cl_open(struct cl *c)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };

    c->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if ( c->fd < 0 || strlen(sock_path) >= sizeof(a.sun_path) )
        die("socket");
    memcpy(a.sun_path, sock_path, strlen(sock_path) + 1);
    if ( connect(c->fd, (struct sockaddr *)&a, sizeof(a)) )
        die("connect");
    c->req = 0;
    c->rlen = c->roff = 0;
}

static void full(int fd, const void *p, size_t len)
{
    const char *b = p;

    while ( len )
    {
        ssize_t n = write(fd, b, len);

        if ( n <= 0 )
        {
            if ( n < 0 && errno == EINTR )
                continue;
            die("write");
        }
        b += n;
        len -= n;
    }
}

static void cl_send(struct cl *c, uint32_t type, uint32_t tx, const char *a,
                    size_t alen, const char *b, size_t blen)
{
    char buf[16 + XENSTORE_PAYLOAD_MAX];
    struct xsd_sockmsg h = { type, ++c->req, tx, alen + blen };

    memcpy(buf, &h, 16);
    memcpy(buf + 16, a, alen);
    memcpy(buf + 16 + alen, b, blen);
    full(c->fd, buf, 16 + alen + blen);
}

/* Make at least want bytes available in c->rbuf, one read() when possible. */
static void fill(struct cl *c, size_t want)
{
    if ( c->rlen - c->roff >= want )
        return;
    memmove(c->rbuf, c->rbuf + c->roff, c->rlen - c->roff);
    c->rlen -= c->roff;
    c->roff = 0;
    while ( c->rlen < want )
    {
        ssize_t n = read(c->fd, c->rbuf + c->rlen, sizeof(c->rbuf) - c->rlen);

        if ( n <= 0 )
        {
            if ( n < 0 && errno == EINTR )
                continue;
            die("read");
        }
        c->rlen += n;
    }
}

/* Read one message into c->hdr / c->body. */
static void cl_recv(struct cl *c)
{
    fill(c, sizeof(c->hdr));
    memcpy(&c->hdr, c->rbuf + c->roff, sizeof(c->hdr));
    if ( c->hdr.len > XENSTORE_PAYLOAD_MAX )
        die("reply too long");
    fill(c, sizeof(c->hdr) + c->hdr.len);
    memcpy(c->body, c->rbuf + c->roff + sizeof(c->hdr), c->hdr.len);
    c->roff += sizeof(c->hdr) + c->hdr.len;
    c->body[c->hdr.len] = '\0';
}

/* A request and its reply (events in between are skipped). */
static void cl_call(struct cl *c, uint32_t type, uint32_t tx, const char *a,
                    size_t alen, const char *b, size_t blen)
{
    cl_send(c, type, tx, a, alen, b, blen);
    do
        cl_recv(c);
    while ( c->hdr.type == XS_WATCH_EVENT );
    if ( c->hdr.type == XS_ERROR && type != XS_TRANSACTION_END )
    {
        fprintf(stderr, "xs_bench: request %u failed: %s\n", type, c->body);
        exit(1);
    }
}

static void wr(struct cl *c, uint32_t tx, const char *path, const char *val)
{
    cl_call(c, XS_WRITE, tx, path, strlen(path) + 1, val, strlen(val));
}

static void report(const char *name, double value, const char *unit)
{
    printf("%s %.1f %s\n", name, value, unit);
    fflush(stdout);
}

static void phase_write(struct cl *c)
{
    int n = 10000 * scale, i;
    char path[64];
    double t = now();

    for ( i = 0; i < n; i++ )
    {
        snprintf(path, sizeof(path), "/bench/w/%d/%d", i / 100, i % 100);
        wr(c, 0, path, "some-value-of-moderate-length");
    }
    report("write", n / (now() - t), "ops/s");
}

static void phase_read(struct cl *c)
{
    int n = 10000 * scale, i;
    char path[64];
    double t = now();

    for ( i = 0; i < n; i++ )
    {
        snprintf(path, sizeof(path), "/bench/w/%d/%d", i / 100, i % 100);
        cl_call(c, XS_READ, 0, path, strlen(path) + 1, NULL, 0);
    }
    report("read", n / (now() - t), "ops/s");
}

/*
 * Requests sent in batches of 64 before their replies are read: the
 * daemon's own cost per request, without a round trip each.
 */
static void phase_pipelined(struct cl *c)
{
    int n = 20000 * scale, i, k, op;
    char path[64];

    for ( op = 0; op < 2; op++ )
    {
        double t = now();

        for ( i = 0; i < n; i += 64 )
        {
            for ( k = 0; k < 64; k++ )
            {
                snprintf(path, sizeof(path), "/bench/p/%d/%d", (i + k) / 100,
                         (i + k) % 100);
                if ( op == 0 )
                    cl_send(c, XS_WRITE, 0, path, strlen(path) + 1, "value", 5);
                else
                    cl_send(c, XS_READ, 0, path, strlen(path) + 1, NULL, 0);
            }
            for ( k = 0; k < 64; k++ )
            {
                cl_recv(c);
                if ( c->hdr.type == XS_ERROR )
                    die("pipelined request failed");
            }
        }
        report(op ? "read-pipelined" : "write-pipelined", n / (now() - t),
               "ops/s");
    }
}

/* Many children in one directory (Xen keeps them as one string). */
static void phase_flat(struct cl *c)
{
    int n = 3000 * scale, i;
    char path[64];
    double t = now();

    for ( i = 0; i < n; i++ )
    {
        snprintf(path, sizeof(path), "/bench/flat/%d", i);
        wr(c, 0, path, "x");
    }
    report("write-3000-children-one-dir", n / (now() - t), "ops/s");
    cl_call(c, XS_RM, 0, "/bench/flat", 12, NULL, 0);
}

static void phase_directory(struct cl *c)
{
    int n = 5000 * scale, i;
    char path[64];
    double t;

    for ( i = 0; i < 100; i++ )
    {
        snprintf(path, sizeof(path), "/bench/dir/entry%d", i);
        wr(c, 0, path, "x");
    }
    t = now();
    for ( i = 0; i < n; i++ )
        cl_call(c, XS_DIRECTORY, 0, "/bench/dir", 11, NULL, 0);
    report("directory-100", n / (now() - t), "ops/s");
}

static void phase_transactions(struct cl *c)
{
    int n = 2000 * scale, i, k, retries = 0;
    char path[64];
    double t = now();

    for ( i = 0; i < n; i++ )
    {
        uint32_t tx;

        cl_call(c, XS_TRANSACTION_START, 0, "", 1, NULL, 0);
        tx = strtoul(c->body, NULL, 10);
        for ( k = 0; k < 5; k++ )
        {
            snprintf(path, sizeof(path), "/bench/tx/%d/%d", i % 50, k);
            wr(c, tx, path, "v");
        }
        cl_call(c, XS_TRANSACTION_END, tx, "T", 2, NULL, 0);
        retries += c->hdr.type == XS_ERROR;
    }
    report("transaction-5-writes", n / (now() - t), "txn/s");
    if ( retries )
        fprintf(stderr, "xs_bench: %d transactions failed\n", retries);
}

static void phase_watch(void)
{
    struct cl w, c;
    int n = 3000 * scale, i;
    double t, lat = 0;
    char path[64];

    cl_open(&w);
    cl_open(&c);
    cl_call(&w, XS_WATCH, 0, "/bench/watched\0tok", 19, NULL, 0);
    cl_recv(&w);                        /* the initial event */
    t = now();
    for ( i = 0; i < n; i++ )
    {
        double t0 = now();

        snprintf(path, sizeof(path), "/bench/watched/%d", i % 100);
        wr(&c, 0, path, "1");
        cl_recv(&w);
        if ( w.hdr.type != XS_WATCH_EVENT )
            die("expected a watch event");
        lat += now() - t0;
    }
    report("watched-write", n / (now() - t), "ops/s");
    report("watch-event-latency", lat / n * 1e6, "us");
    close(w.fd);
    close(c.fd);
}

struct worker_arg
{
    int id;
    int n;
};

static void *worker(void *p)
{
    struct worker_arg *a = p;
    struct cl c;
    char path[64];
    int i;

    cl_open(&c);
    for ( i = 0; i < a->n; i++ )
    {
        snprintf(path, sizeof(path), "/bench/conc/%d/%d", a->id, i % 200);
        wr(&c, 0, path, "value");
        cl_call(&c, XS_READ, 0, path, strlen(path) + 1, NULL, 0);
    }
    close(c.fd);
    return NULL;
}

static void phase_concurrent(void)
{
    enum { CLIENTS = 32 };
    pthread_t t[CLIENTS];
    struct worker_arg a[CLIENTS];
    double t0 = now();
    int i, per = 500 * scale;

    for ( i = 0; i < CLIENTS; i++ )
    {
        a[i].id = i;
        a[i].n = per;
        pthread_create(&t[i], NULL, worker, &a[i]);
    }
    for ( i = 0; i < CLIENTS; i++ )
        pthread_join(t[i], NULL);
    report("concurrent-32-clients", 2.0 * CLIENTS * per / (now() - t0),
           "ops/s");
}

/* Fill the store up to `total` nodes under /bench/grow (directories of
 * 100); already present nodes are only rewritten. */
static void phase_fill(struct cl *c, int total)
{
    char path[64];
    int i;

    for ( i = 0; i < total; i++ )
    {
        snprintf(path, sizeof(path), "/bench/grow/%d/%d", i / 100, i % 100);
        wr(c, 0, path, "grown");
    }
}

/* Write and read throughput over a store filled to `total` nodes. */
static void phase_grown(struct cl *c, int total)
{
    int n = 3000, i;
    char path[64], name[64];
    double t = now();

    for ( i = 0; i < n; i++ )
    {
        snprintf(path, sizeof(path), "/bench/grow/%d/%d",
                 (i * 7919) % (total / 100), i % 100);
        wr(c, 0, path, "again");
    }
    snprintf(name, sizeof(name), "write-at-%dk-nodes", total / 1000);
    report(name, n / (now() - t), "ops/s");
    t = now();
    for ( i = 0; i < n; i++ )
    {
        snprintf(path, sizeof(path), "/bench/grow/%d/%d",
                 (i * 7919) % (total / 100), i % 100);
        cl_call(c, XS_READ, 0, path, strlen(path) + 1, NULL, 0);
    }
    snprintf(name, sizeof(name), "read-at-%dk-nodes", total / 1000);
    report(name, n / (now() - t), "ops/s");
}

int main(int argc, char **argv)
{
    struct cl c;

    if ( argc < 2 || !strcmp(argv[1], "--help") )
    {
        printf("Usage: xs_bench SOCKET [PHASE [SCALE]]\n"
               "Measure a xenstored over its Unix socket.  PHASE: all, write,\n"
               "read, directory, transaction, watch, concurrent, pipelined, flat;\n"
               "or \"fill N\" (store of N nodes) then \"grown N\".\n");
        return argc < 2;
    }
    sock_path = argv[1];
    if ( argc > 3 && strcmp(argv[2], "fill") && strcmp(argv[2], "grown") )
        scale = atoi(argv[3]) > 0 ? atoi(argv[3]) : 1;
    cl_open(&c);
    {
        const char *ph = argc > 2 ? argv[2] : "all";
        bool all = !strcmp(ph, "all");

        if ( all || !strcmp(ph, "write") )
            phase_write(&c);
        if ( all || !strcmp(ph, "read") )
            phase_read(&c);
        if ( all || !strcmp(ph, "directory") )
            phase_directory(&c);
        if ( all || !strcmp(ph, "transaction") )
            phase_transactions(&c);
        if ( all || !strcmp(ph, "watch") )
            phase_watch();
        if ( all || !strcmp(ph, "concurrent") )
            phase_concurrent();
        if ( all || !strcmp(ph, "pipelined") )
            phase_pipelined(&c);
        if ( all || !strcmp(ph, "flat") )
            phase_flat(&c);
        if ( !strcmp(ph, "fill") && argc > 3 )
            phase_fill(&c, atoi(argv[3]));
        if ( !strcmp(ph, "grown") && argc > 3 && atoi(argv[3]) >= 100 )
            phase_grown(&c, atoi(argv[3]));
    }
    close(c.fd);
    return 0;
}
