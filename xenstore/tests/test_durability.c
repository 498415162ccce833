/*
 * test_durability.c: no committed change is lost when the daemon is killed.
 *
 * Each cycle a writer process commits nodes (plain writes, 5-write
 * transactions, permission changes) as fast as it can and appends each
 * acknowledged change to a log; the daemon is killed with SIGKILL at a
 * random moment; it is restarted on the same journal, and every
 * acknowledged change must be there.  The quota set at the start and a
 * simulated guest's ring connection and watch must survive too.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xenstore.h>

#include "daemon.h"
#include "guest.h"
#include "harness.h"

#define CYCLES 5

static struct daemon d;
static char logpath[400];
static unsigned long total_acked;

static void logline(int fd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void logline(int fd, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if ( write(fd, buf, n) != n )
        _exit(3);
}

/* The writer: commit until the daemon goes away. */
static void writer(int cycle)
{
    struct xs_handle *h = xs_open(0);
    int fd = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0600);
    char path[64], val[64];
    int i;

    if ( !h || fd < 0 )
        _exit(2);
    alarm(20);
    for ( i = 0;; i++ )
    {
        if ( i % 7 == 3 )
        {
            xs_transaction_t t = xs_transaction_start(h);
            int k;

            if ( t == XBT_NULL )
                break;
            for ( k = 0; k < 5; k++ )
            {
                snprintf(path, sizeof(path), "/dur/c%d/t%d-%d", cycle, i, k);
                snprintf(val, sizeof(val), "tx%d.%d", i, k);
                if ( !xs_write(h, t, path, val, strlen(val)) )
                    _exit(0);
            }
            if ( !xs_transaction_end(h, t, false) )
                break;
            for ( k = 0; k < 5; k++ )
                logline(fd, "v /dur/c%d/t%d-%d tx%d.%d\n", cycle, i, k, i, k);
            continue;
        }
        snprintf(path, sizeof(path), "/dur/c%d/n%d", cycle, i);
        snprintf(val, sizeof(val), "value-%d-%d", cycle, i);
        if ( !xs_write(h, XBT_NULL, path, val, strlen(val)) )
            break;
        logline(fd, "v %s %s\n", path, val);
        if ( i % 11 == 5 )
        {
            struct xs_permissions p[2] = { { 0, XS_PERM_NONE },
                                           { 3, XS_PERM_READ } };

            if ( !xs_set_permissions(h, XBT_NULL, path, p, 2) )
                break;
            logline(fd, "p %s\n", path);
        }
    }
    _exit(0);
}

/* Check every acknowledged change of the log against the store. */
static void verify(struct xs_handle *h, unsigned long *acked,
                   unsigned long *lost)
{
    FILE *f = fopen(logpath, "r");
    char kind[4], path[128], val[128];

    *acked = *lost = 0;
    if ( !f )
        return;
    while ( fscanf(f, "%3s %127s", kind, path) == 2 )
    {
        if ( kind[0] == 'v' )
        {
            char *v;

            if ( fscanf(f, "%127s", val) != 1 )
                break;
            v = xs_read(h, XBT_NULL, path, NULL);
            ++*acked;
            if ( !v || strcmp(v, val) )
            {
                if ( *lost < 5 )
                    fprintf(stderr, "  lost: %s = %s\n", path, val);
                ++*lost;
            }
            free(v);
        }
        else
        {
            unsigned int n;
            struct xs_permissions *p = xs_get_permissions(h, XBT_NULL, path,
                                                          &n);

            ++*acked;
            if ( !p || n != 2 || p[1].id != 3 || p[1].perms != XS_PERM_READ )
            {
                if ( *lost < 5 )
                    fprintf(stderr, "  lost permissions of %s\n", path);
                ++*lost;
            }
            free(p);
        }
    }
    fclose(f);
}

static void test_kill9(void)
{
    struct guest g;
    struct xs_handle *h;
    struct xs_permissions gp = { 3, XS_PERM_NONE };
    char buf[512], ev[256];
    int cycle;
    char *r;

    h = xs_open(0);
    CHECK(h != NULL);
    if ( !h )
        return;
    CHECK(!guest_create(&g, d.rings, 3));
    CHECK(xs_write(h, XBT_NULL, "/local/domain/3/data", "", 0));
    CHECK(xs_set_permissions(h, XBT_NULL, "/local/domain/3", &gp, 1));
    CHECK(xs_set_permissions(h, XBT_NULL, "/local/domain/3/data", &gp, 1));
    CHECK(xs_introduce_domain(h, 3, 99, 1));
    CHECK_STR(guest_cmd(&g, XS_WATCH, 0, "data|dw|", buf, sizeof(buf)), "OK|");
    CHECK_STR(guest_wait_event(&g, ev, sizeof(ev), 3000), "data|dw|");
    r = xs_control_command(h, "quota", "set\0nodes\0" "1234", 15);
    free(r);
    xs_close(h);

    for ( cycle = 0; cycle < CYCLES; cycle++ )
    {
        struct timespec ts = { 0, (50 + (rand() % 200)) * 1000 * 1000 };
        unsigned long acked, lost;
        pid_t w = fork();

        if ( !w )
            writer(cycle);
        nanosleep(&ts, NULL);
        daemon_stop(&d, SIGKILL);
        waitpid(w, NULL, 0);
        if ( daemon_start(&d, NULL) || !(h = xs_open(0)) )
        {
            CHECK(!"daemon restarts on its journal");
            return;
        }
        verify(h, &acked, &lost);
        CHECK(acked > 0);
        CHECK_INT(lost, 0);
        total_acked = acked;
        /* The quota and the guest's connection and watch came back. */
        r = xs_control_command(h, "quota", NULL, 0);
        CHECK(r && strstr(r, "nodes            :     1234 "));
        free(r);
        CHECK(xs_is_domain_introduced(h, 3));
        snprintf(buf, sizeof(buf), "/local/domain/3/data/c%d", cycle);
        CHECK(xs_write(h, XBT_NULL, buf, "x", 1));
        snprintf(buf, sizeof(buf), "data/c%d|dw|", cycle);
        CHECK_STR(guest_wait_event(&g, ev, sizeof(ev), 3000), buf);
        CHECK_STR(guest_cmd(&g, XS_READ, 0, "data|", ev, sizeof(ev)), "");
        xs_close(h);
    }
    guest_destroy(&g);
}

int main(void)
{
    h_suite = "xenstore/durability";
    srand(time(NULL));
    if ( daemon_prepare(&d) || daemon_start(&d, NULL) )
    {
        printf("FAIL: xenstore/durability/start-daemon\n");
        daemon_cleanup(&d);
        return 1;
    }
    snprintf(logpath, sizeof(logpath), "%s/acked.log", d.dir);
    RUN(test_kill9);
    fprintf(stderr, "  %lu acknowledged changes checked after %d kills\n",
            total_acked, CYCLES);
    daemon_stop(&d, SIGTERM);
    daemon_cleanup(&d);
    return h_total_failed ? 1 : 0;
}
