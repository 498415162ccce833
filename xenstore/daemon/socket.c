/*
 * socket.c: the Unix-socket transport for dom0's tools.  Every socket client
 * is dom0 (privileged), as with Xen's daemon; access is controlled by the
 * socket file's mode (0600, root).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemon.h"

/* Create, bind and listen on path (replacing a stale socket).  fd or -1. */
int socket_listen(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    struct epoll_event ev = { .events = EPOLLIN };
    int fd = -1;

    if ( strlen(path) >= sizeof(addr.sun_path) )
    {
        xsd_log("socket path %s too long", path);
        return -1;
    }
    strcpy(addr.sun_path, path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if ( fd < 0 )
        goto fail;
    unlink(path);
    if ( bind(fd, (struct sockaddr *)&addr, sizeof(addr)) ||
         chmod(path, 0600) || listen(fd, 128) )
        goto fail;
    ev.data.u64 = EP_LISTEN;
    if ( epoll_ctl(xsd.epfd, EPOLL_CTL_ADD, fd, &ev) )
        goto fail;
    return fd;

 fail:
    xsd_log("could not listen on %s: %s", path, strerror(errno));
    if ( fd >= 0 )
        close(fd);
    return -1;
}

/* Accept every pending client on the listening socket. */
void socket_accept(int lfd)
{
    for ( ;; )
    {
        int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
        struct epoll_event ev = { .events = EPOLLIN };
        struct connection *c;

        if ( fd < 0 )
            return;
        c = conn_new(CONN_SOCKET, fd, 0);
        if ( !c )
        {
            close(fd);
            continue;
        }
        ev.data.ptr = c;
        c->ep_events = ev.events;
        if ( epoll_ctl(xsd.epfd, EPOLL_CTL_ADD, fd, &ev) )
        {
            c->fd = -1;
            conn_free(c);
            close(fd);
        }
    }
}

/* Register for input only while c may send, for output while it waits. */
void socket_update_events(struct connection *c)
{
    struct epoll_event ev = { .data.ptr = c };
    bool out = c->out.len > c->out_off;

    if ( c->dead )
        return;
    ev.events = (conn_input_blocked(c) ? 0 : EPOLLIN) | (out ? EPOLLOUT : 0);
    /* Most turns change nothing: spare the system call. */
    if ( ev.events == c->ep_events )
        return;
    c->ep_events = ev.events;
    epoll_ctl(xsd.epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Frame bytes that arrived while c was blocked. */
void socket_drain_queued(struct connection *c)
{
    size_t used;

    if ( c->inq_off >= c->inq.len || conn_input_blocked(c) )
        return;
    if ( conn_deliver(c, c->inq.data + c->inq_off, c->inq.len - c->inq_off,
                      &used) )
    {
        c->dead = true;
        conn_mark_dirty(c);
        return;
    }
    conn_mark_dirty(c);
    c->inq_off += used;
    if ( c->inq_off == c->inq.len )
    {
        xs_buf_reset(&c->inq);
        c->inq_off = 0;
    }
}

/* Read what the client sent and handle its complete requests. */
void socket_readable(struct connection *c)
{
    char buf[65536];
    int rounds;

    socket_drain_queued(c);
    for ( rounds = 0; rounds < 4 && !conn_input_blocked(c); rounds++ )
    {
        ssize_t n = read(c->fd, buf, sizeof(buf));
        size_t used;

        if ( n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) )
        {
            c->dead = true;
            break;
        }
        if ( n < 0 )
            break;
        if ( conn_deliver(c, buf, n, &used) )
        {
            xsd_log("connection %p: payload over %d bytes, closed",
                    (void *)c, XENSTORE_PAYLOAD_MAX);
            c->dead = true;
            break;
        }
        if ( used < (size_t)n && xs_buf_add(&c->inq, buf + used, n - used) )
            c->dead = true;
        if ( (size_t)n < sizeof(buf) )
            break;
    }
    conn_mark_dirty(c);
}

/* Write queued output; keep the rest for when the socket is writable. */
void socket_flush(struct connection *c)
{
    while ( c->out_off < c->out.len )
    {
        ssize_t n = write(c->fd, c->out.data + c->out_off,
                          c->out.len - c->out_off);

        if ( n < 0 )
        {
            if ( errno == EINTR )
                continue;
            if ( errno != EAGAIN )
                c->dead = true;
            break;
        }
        c->out_off += n;
    }
    if ( c->out_off == c->out.len )
    {
        xs_buf_reset(&c->out);
        c->out_off = 0;
        c->out_replies = 0;
    }
    else if ( c->out_off > c->out.cap / 2 )
    {
        memmove(c->out.data, c->out.data + c->out_off,
                c->out.len - c->out_off);
        c->out.len -= c->out_off;
        c->out_off = 0;
    }
    if ( c->dead )
        return;
    /* Queued requests are handled in the next loop iteration, so that
     * their changes reach the journal before their replies go out. */
    if ( c->inq_off < c->inq.len && !conn_input_blocked(c) )
        xsd.pending_input = true;
    socket_update_events(c);
}
