/*
 * xs_transcript.c: replay a script of raw xenstore requests over several
 * socket connections and print what comes back, normalised (transaction ids
 * and generations replaced) so that two daemons' transcripts can be diffed.
 * The reference test runs the same script against Xen 4.17's daemon and
 * ours.
 *
 * Script lines: "CONN TYPE TX PAYLOAD", CONN a digit, TYPE a message name or
 * number, TX "-" (none) or "t" (the last transaction id CONN got), PAYLOAD
 * the rest of the line with '|' standing for NUL; "#" starts a comment.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "xen/io/xs_wire.h"

#define CONNS 4

static const char *const names[] = {
    "CONTROL", "DIRECTORY", "READ", "GET_PERMS", "WATCH", "UNWATCH",
    "TRANSACTION_START", "TRANSACTION_END", "INTRODUCE", "RELEASE",
    "GET_DOMAIN_PATH", "WRITE", "MKDIR", "RM", "SET_PERMS", "WATCH_EVENT",
    "ERROR", "IS_DOMAIN_INTRODUCED", "RESUME", "SET_TARGET", "RESTRICT",
    "RESET_WATCHES", "DIRECTORY_PART",
};

static int fds[CONNS] = { -1, -1, -1, -1 };
static uint32_t lasttx[CONNS];
static const char *sock;

static int conn(int i)
{
    struct sockaddr_un a = { .sun_family = AF_UNIX };

    if ( fds[i] >= 0 )
        return fds[i];
    fds[i] = socket(AF_UNIX, SOCK_STREAM, 0);
    memcpy(a.sun_path, sock, strlen(sock) + 1);
    if ( connect(fds[i], (struct sockaddr *)&a, sizeof(a)) )
    {
        perror("connect");
        exit(2);
    }
    return fds[i];
}

static int get(int fd, void *p, size_t len, int timeout)
{
    char *b = p;

    while ( len )
    {
        struct pollfd pf = { fd, POLLIN, 0 };
        ssize_t n;

        if ( poll(&pf, 1, timeout) != 1 )
            return -1;
        n = read(fd, b, len);
        if ( n <= 0 )
            return -1;
        b += n;
        len -= n;
        timeout = 5000;
    }
    return 0;
}

static void show(const char *prefix, uint32_t type, const char *body,
                 uint32_t len)
{
    uint32_t i, start = 0;

    printf("%s ", prefix);
    if ( type == XS_ERROR )
        printf("ERROR ");
    else if ( type == XS_DIRECTORY_PART )
    {
        printf("<gen>|");
        start = strnlen(body, len) + 1;
    }
    for ( i = start; i < len; i++ )
        putchar(body[i] ? (body[i] >= ' ' && body[i] <= '~' ? body[i] : '?')
                        : '|');
    putchar('\n');
}

/* Print every event that arrives on any connection within wait ms. */
static void drain_events(int wait)
{
    int i;

    for ( i = 0; i < CONNS; i++ )
    {
        struct xsd_sockmsg h;
        char body[XENSTORE_PAYLOAD_MAX + 1];
        char prefix[16];

        if ( fds[i] < 0 )
            continue;
        while ( !get(fds[i], &h, sizeof(h), wait) )
        {
            if ( h.len > XENSTORE_PAYLOAD_MAX ||
                 get(fds[i], body, h.len, 5000) )
                exit(3);
            snprintf(prefix, sizeof(prefix), "%d EVENT", i);
            show(prefix, h.type, body, h.len);
        }
    }
}

int main(int argc, char **argv)
{
    char line[8192];
    int lineno = 0, watching = 0;

    if ( argc != 2 )
    {
        fprintf(stderr, "Usage: xs_transcript SOCKET < script\n");
        return 2;
    }
    sock = argv[1];
    signal(SIGPIPE, SIG_IGN);
    while ( fgets(line, sizeof(line), stdin) )
    {
        char type[32], tx[8], body[XENSTORE_PAYLOAD_MAX + 1], prefix[64];
        struct xsd_sockmsg h = { 0 };
        const char *p;
        int c, n = 0, i;
        size_t len;

        lineno++;
        line[strcspn(line, "\n")] = '\0';
        if ( !line[0] || line[0] == '#' )
            continue;
        if ( sscanf(line, "%d %31s %7s %n", &c, type, tx, &n) < 3 ||
             c < 0 || c >= CONNS )
        {
            fprintf(stderr, "line %d: bad line\n", lineno);
            return 2;
        }
        p = n ? line + n : "";
        h.type = XS_INVALID;
        for ( i = 0; i < (int)(sizeof(names) / sizeof(names[0])); i++ )
            if ( !strcmp(type, names[i]) )
                h.type = i;
        if ( h.type == XS_INVALID )
            h.type = atoi(type);
        len = strlen(p);
        for ( i = 0; i < (int)len; i++ )
            body[i] = p[i] == '|' ? '\0' : p[i];
        h.req_id = lineno;
        h.tx_id = tx[0] == 't' ? lasttx[c] : 0;
        h.len = len;
        if ( h.type == XS_WATCH )
            watching = 1;
        if ( write(conn(c), &h, sizeof(h)) != sizeof(h) ||
             write(conn(c), body, len) != (ssize_t)len )
        {
            /* The daemon may hang up while the body is still going out. */
            printf("%d %s -> (connection closed)\n", c, type);
            close(fds[c]);
            fds[c] = -1;
            continue;
        }
        /* Events may come before the reply; the reply ends the wait. */
        for ( ;; )
        {
            if ( get(fds[c], &h, sizeof(h), 5000) ||
                 h.len > XENSTORE_PAYLOAD_MAX ||
                 get(fds[c], body, h.len, 5000) )
            {
                printf("%d %s -> (connection closed)\n", c, type);
                close(fds[c]);
                fds[c] = -1;
                break;
            }
            body[h.len] = '\0';
            if ( h.type == XS_WATCH_EVENT )
            {
                snprintf(prefix, sizeof(prefix), "%d EVENT", c);
                show(prefix, h.type, body, h.len);
                continue;
            }
            if ( h.type == XS_TRANSACTION_START )
            {
                lasttx[c] = strtoul(body, NULL, 10);
                printf("%d %s -> <txid>\n", c, type);
                break;
            }
            snprintf(prefix, sizeof(prefix), "%d %s ->", c, type);
            show(prefix, h.type, body, h.len);
            break;
        }
        if ( watching )
            drain_events(30);
    }
    return 0;
}
