/*
 * Unit tests of xenconsoled's pure parts: the console ring protocol
 * (public/io/console.h: 2048-byte output ring, 1024-byte input ring, free-running
 * 32-bit indexes), the bounded output buffer and the log writer.
 * One "PASS: console/<case>" or "FAIL: ..." line per case.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"

static int failures, case_failed;

#define CHECK(cond)                                                     \
    do {                                                                \
        if ( !(cond) )                                                  \
        {                                                               \
            fprintf(stderr, "  %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            case_failed = 1;                                            \
        }                                                               \
    } while ( 0 )

static void run(const char *name, void (*fn)(void))
{
    case_failed = 0;
    fn();
    printf("%s: console/%s\n", case_failed ? "FAIL" : "PASS", name);
    failures += case_failed;
}

/* What a guest does: put bytes into its output ring and publish them. */
static void guest_write(struct xencons_page *p, const char *s, size_t n)
{
    size_t i;

    for ( i = 0; i < n; i++ )
        p->out[(p->out_prod + i) & (sizeof(p->out) - 1)] = s[i];
    p->out_prod += n;
}

static void ring_reads_what_the_guest_wrote(void)
{
    struct xencons_page p = { 0 };
    char buf[4096];
    bool corrupt = true;

    CHECK(ring_read_out(&p, buf, sizeof(buf), &corrupt) == 0);
    CHECK(!corrupt);
    guest_write(&p, "hello", 5);
    CHECK(ring_read_out(&p, buf, sizeof(buf), &corrupt) == 5);
    CHECK(!corrupt && !memcmp(buf, "hello", 5));
    CHECK(p.out_cons == 5 && p.out_prod == 5);
}

static void ring_read_respects_max(void)
{
    struct xencons_page p = { 0 };
    char buf[8];
    bool corrupt;

    guest_write(&p, "0123456789", 10);
    CHECK(ring_read_out(&p, buf, 4, &corrupt) == 4 && !memcmp(buf, "0123", 4));
    CHECK(p.out_cons == 4);
    CHECK(ring_read_out(&p, buf, 8, &corrupt) == 6 && !memcmp(buf, "456789", 6));
}

static void ring_wraps_at_the_index_limit(void)
{
    /* Indexes run freely and wrap at 2^32; the data wraps at the ring size. */
    struct xencons_page p = { 0 };
    char buf[64], want[40];
    bool corrupt;
    int i;

    p.out_cons = p.out_prod = 0xfffffff0u;
    for ( i = 0; i < 40; i++ )
        want[i] = 'a' + i % 26;
    guest_write(&p, want, 40);
    CHECK(p.out_prod == 0x18);
    CHECK(ring_read_out(&p, buf, sizeof(buf), &corrupt) == 40);
    CHECK(!corrupt && !memcmp(buf, want, 40));
    CHECK(p.out_cons == 0x18);
}

static void ring_full_output(void)
{
    struct xencons_page p = { 0 };
    static char data[2048], buf[4096];
    bool corrupt;

    memset(data, 'x', sizeof(data));
    guest_write(&p, data, sizeof(data));
    CHECK(ring_read_out(&p, buf, sizeof(buf), &corrupt) == 2048 && !corrupt);
}

static void ring_corrupt_indexes_take_nothing(void)
{
    /* A hostile guest claims more than the ring holds. */
    struct xencons_page p = { 0 };
    char buf[4096];
    bool corrupt = false;

    p.out_cons = 100;
    p.out_prod = 100 + 2049;
    CHECK(ring_read_out(&p, buf, sizeof(buf), &corrupt) == 0);
    CHECK(corrupt && p.out_cons == 100);
    p.out_prod = 99;                    /* producer behind the consumer */
    CHECK(ring_read_out(&p, buf, sizeof(buf), &corrupt) == 0 && corrupt);
    p.in_cons = 10;
    p.in_prod = 10 + 1025;
    CHECK(ring_in_space(&p) == 0);
    CHECK(ring_write_in(&p, "abc", 3) == 0 && p.in_prod == 10 + 1025);
}

static void ring_input_fills_and_wraps(void)
{
    struct xencons_page p = { 0 };
    static char data[1500];
    size_t i;

    for ( i = 0; i < sizeof(data); i++ )
        data[i] = (char)i;
    CHECK(ring_in_space(&p) == 1024);
    CHECK(ring_write_in(&p, data, sizeof(data)) == 1024);  /* what fits */
    CHECK(ring_in_space(&p) == 0 && p.in_prod == 1024);
    CHECK(ring_write_in(&p, data, 1) == 0);
    p.in_cons = 1000;                   /* the guest read 1000 bytes */
    CHECK(ring_in_space(&p) == 1000);
    CHECK(ring_write_in(&p, "XYZ", 3) == 3);
    /* Index 1024..1026 lands at offsets 0..2. */
    CHECK(p.in[0] == 'X' && p.in[1] == 'Y' && p.in[2] == 'Z');
    CHECK(p.in_prod == 1027);
}

static void buffer_keep_refuses_over_the_limit(void)
{
    struct buffer b;

    buffer_init(&b, 10, false);
    CHECK(buffer_room(&b) == 10);
    CHECK(buffer_append(&b, "12345678", 8) == 0);
    CHECK(buffer_room(&b) == 2);
    CHECK(buffer_append(&b, "abc", 3) == -ENOSPC);
    CHECK(b.len == 8 && !memcmp(b.data, "12345678", 8));   /* nothing lost */
    buffer_consume(&b, 3);
    CHECK(b.len == 5 && !memcmp(b.data, "45678", 5));
    CHECK(buffer_append(&b, "abc", 3) == 0);
    CHECK(b.len == 8 && !memcmp(b.data, "45678abc", 8));
    buffer_consume(&b, 100);
    CHECK(b.len == 0);
    buffer_free(&b);
}

static void buffer_discard_drops_the_oldest(void)
{
    struct buffer b;

    buffer_init(&b, 8, true);
    CHECK(buffer_append(&b, "abcdef", 6) == 0);
    CHECK(buffer_append(&b, "ghij", 4) == 0);
    CHECK(b.len == 8 && !memcmp(b.data, "cdefghij", 8));
    CHECK(b.dropped == 2);
    /* More than the limit at once: only the newest 8 bytes stay. */
    CHECK(buffer_append(&b, "0123456789AB", 12) == 0);
    CHECK(b.len == 8 && !memcmp(b.data, "456789AB", 8));
    CHECK(b.dropped == 2 + 4 + 8);
    CHECK(b.cap <= 8);                  /* never grows past its limit */
    buffer_free(&b);
}

static void buffer_grows_to_large_limits(void)
{
    struct buffer b;
    static char chunk[3000];
    int i;

    buffer_init(&b, 1 << 20, false);
    memset(chunk, 'q', sizeof(chunk));
    for ( i = 0; i < 100; i++ )
        CHECK(buffer_append(&b, chunk, sizeof(chunk)) == 0);
    CHECK(b.len == 300000 && b.cap >= b.len && b.cap <= (1u << 20));
    CHECK(b.data[0] == 'q' && b.data[b.len - 1] == 'q');
    buffer_free(&b);
}

static char tmpdir[64];

static char *slurp(const char *path)
{
    static char buf[8192];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

    if ( fd >= 0 )
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static void log_stamps_each_line(void)
{
    char path[128];
    bool bol = true;
    regex_t rx;
    int fd = log_open(tmpdir, "guest-x.log");

    CHECK(fd >= 0);
    if ( fd < 0 )
        return;
    /* A line split across writes gets one stamp; the next line its own. */
    log_write(fd, "first ", 6, true, &bol);
    log_write(fd, "line\nsecond line\nthi", 20, true, &bol);
    log_write(fd, "rd\n", 3, true, &bol);
    close(fd);
    snprintf(path, sizeof(path), "%s/guest-x.log", tmpdir);
    CHECK(!regcomp(&rx, "^\\[[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\] first line\n"
                        "\\[[^]]*\\] second line\n"
                        "\\[[^]]*\\] third\n$", REG_EXTENDED));
    CHECK(!regexec(&rx, slurp(path), 0, NULL, 0));
    regfree(&rx);
}

static void log_without_stamps_is_verbatim(void)
{
    char path[128];
    bool bol = true;
    int fd = log_open(tmpdir, "hypervisor.log");

    CHECK(fd >= 0);
    if ( fd < 0 )
        return;
    log_write(fd, "a\nb", 3, false, &bol);
    log_write(fd, "c\n", 2, false, &bol);
    close(fd);
    /* Appends: a second open adds to the end. */
    fd = log_open(tmpdir, "hypervisor.log");
    log_write(fd, "d\n", 2, false, &bol);
    close(fd);
    snprintf(path, sizeof(path), "%s/hypervisor.log", tmpdir);
    CHECK(!strcmp(slurp(path), "a\nbc\nd\n"));
}

static void log_open_refuses_what_it_cannot(void)
{
    static char longname[600];
    bool bol = true;

    memset(longname, 'n', sizeof(longname) - 1);
    CHECK(log_open(tmpdir, longname) == -1);
    CHECK(log_open("/proc/no/such/dir", "x.log") == -1);
    log_write(-1, "ignored", 7, true, &bol);        /* no log: nothing happens */
}

int main(void)
{
    char cmd[128];

    snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_console.XXXXXX");
    if ( !mkdtemp(tmpdir) )
    {
        perror("mkdtemp");
        return 1;
    }
    run("ring-reads-what-the-guest-wrote", ring_reads_what_the_guest_wrote);
    run("ring-read-respects-max", ring_read_respects_max);
    run("ring-wraps-at-the-index-limit", ring_wraps_at_the_index_limit);
    run("ring-full-output", ring_full_output);
    run("ring-corrupt-indexes-take-nothing", ring_corrupt_indexes_take_nothing);
    run("ring-input-fills-and-wraps", ring_input_fills_and_wraps);
    run("buffer-keep-refuses-over-the-limit", buffer_keep_refuses_over_the_limit);
    run("buffer-discard-drops-the-oldest", buffer_discard_drops_the_oldest);
    run("buffer-grows-to-large-limits", buffer_grows_to_large_limits);
    run("log-stamps-each-line", log_stamps_each_line);
    run("log-without-stamps-is-verbatim", log_without_stamps_is_verbatim);
    run("log-open-refuses-what-it-cannot", log_open_refuses_what_it_cannot);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
    if ( system(cmd) )
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return failures ? 1 : 0;
}
