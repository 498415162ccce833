/*
 * xs.c: libxenstore's connection: requests and replies, watch events.
 *
 * Without watches every request is written and its reply read on the
 * calling thread.  The first xs_watch() (or xs_read_watch()) starts a reader
 * thread that owns the socket from then on: it hands replies to the waiting
 * requester and queues watch events, writing one byte per event to the pipe
 * xs_fileno() returns, as Xen's library does.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#include "xenstore.h"

#define API __attribute__((visibility("default")))

struct xs_msg
{
    struct xs_msg *next;
    struct xsd_sockmsg hdr;
    char body[];
};

struct xs_handle
{
    int fd;
    unsigned long flags;
    uint32_t next_req;

    pthread_mutex_t request_lock;   /* one request on the wire at a time */

    pthread_mutex_t lock;           /* the fields below */
    pthread_cond_t reply_cond;
    pthread_cond_t watch_cond;
    struct xs_msg *reply;
    struct xs_msg *events;
    struct xs_msg *events_tail;
    bool reader;                    /* the reader thread runs */
    bool broken;                    /* the connection failed */
    pthread_t reader_thread;
    int pipe[2];
};

/* ---- wire ------------------------------------------------------------- */

static bool read_all(int fd, void *buf, size_t len)
{
    char *p = buf;

    while ( len )
    {
        ssize_t n = read(fd, p, len);

        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
        {
            if ( n == 0 )
                errno = ECONNRESET;
            return false;
        }
        p += n;
        len -= n;
    }
    return true;
}

static struct xs_msg *read_msg(int fd)
{
    struct xsd_sockmsg hdr;
    struct xs_msg *m;

    if ( !read_all(fd, &hdr, sizeof(hdr)) )
        return NULL;
    if ( hdr.len > XENSTORE_PAYLOAD_MAX )
    {
        errno = E2BIG;
        return NULL;
    }
    m = malloc(sizeof(*m) + hdr.len + 1);
    if ( !m )
        return NULL;
    m->next = NULL;
    m->hdr = hdr;
    if ( !read_all(fd, m->body, hdr.len) )
    {
        free(m);
        return NULL;
    }
    m->body[hdr.len] = '\0';
    return m;
}

/* Put a byte into (put) or take one from the xs_fileno() pipe. */
static void pipe_byte(struct xs_handle *h, bool put)
{
    char c = 0;
    ssize_t n;

    if ( h->pipe[0] < 0 )
        return;
    n = put ? write(h->pipe[1], &c, 1) : read(h->pipe[0], &c, 1);
    (void)n;
}

/* Queue an event (lock held). */
static void queue_event(struct xs_handle *h, struct xs_msg *m)
{
    if ( h->events_tail )
        h->events_tail->next = m;
    else
        h->events = m;
    h->events_tail = m;
    pipe_byte(h, true);
    pthread_cond_broadcast(&h->watch_cond);
}

static void *reader_main(void *arg)
{
    struct xs_handle *h = arg;

    for ( ;; )
    {
        struct xs_msg *m = read_msg(h->fd);

        pthread_mutex_lock(&h->lock);
        if ( !m )
        {
            h->broken = true;
            pthread_cond_broadcast(&h->reply_cond);
            pthread_cond_broadcast(&h->watch_cond);
            pthread_mutex_unlock(&h->lock);
            return NULL;
        }
        if ( m->hdr.type == XS_WATCH_EVENT )
            queue_event(h, m);
        else
        {
            free(h->reply);
            h->reply = m;
            pthread_cond_broadcast(&h->reply_cond);
        }
        pthread_mutex_unlock(&h->lock);
    }
}

static bool start_reader(struct xs_handle *h)
{
    bool ok = true;

    pthread_mutex_lock(&h->request_lock);
    pthread_mutex_lock(&h->lock);
    if ( !h->reader )
    {
        if ( pthread_create(&h->reader_thread, NULL, reader_main, h) )
            ok = false;
        else
            h->reader = true;
    }
    pthread_mutex_unlock(&h->lock);
    pthread_mutex_unlock(&h->request_lock);
    return ok;
}

static int errno_of(const char *name)
{
    unsigned int i;

    for ( i = 0; i < sizeof(xsd_errors) / sizeof(xsd_errors[0]); i++ )
        if ( !strcmp(name, xsd_errors[i].errstring) )
            return xsd_errors[i].errnum;
    return EINVAL;
}

/*
 * Send a request made of n pieces and wait for its reply.  Returns the
 * reply body (malloc'ed, NUL-terminated) and its length, or NULL with errno.
 */
static void *xs_talkv(struct xs_handle *h, xs_transaction_t t, uint32_t type,
                      const struct iovec *iov, unsigned int n,
                      unsigned int *len)
{
    struct xsd_sockmsg hdr = { type, 0, t, 0 };
    struct xs_msg *m = NULL;
    unsigned int i;
    void *ret;
    int err;

    for ( i = 0; i < n; i++ )
        hdr.len += iov[i].iov_len;
    if ( hdr.len > XENSTORE_PAYLOAD_MAX )
    {
        errno = E2BIG;
        return NULL;
    }
    pthread_mutex_lock(&h->request_lock);
    hdr.req_id = h->next_req++;
    if ( !xs_write_all(h->fd, &hdr, sizeof(hdr)) )
        goto fail;
    for ( i = 0; i < n; i++ )
        if ( !xs_write_all(h->fd, iov[i].iov_base, iov[i].iov_len) )
            goto fail;
    pthread_mutex_lock(&h->lock);
    if ( h->reader )
    {
        while ( !h->reply && !h->broken )
            pthread_cond_wait(&h->reply_cond, &h->lock);
        m = h->reply;
        h->reply = NULL;
        pthread_mutex_unlock(&h->lock);
        if ( !m )
        {
            errno = ECONNRESET;
            goto fail;
        }
    }
    else
    {
        pthread_mutex_unlock(&h->lock);
        for ( ;; )
        {
            m = read_msg(h->fd);
            if ( !m )
                goto fail;
            if ( m->hdr.type != XS_WATCH_EVENT )
                break;
            pthread_mutex_lock(&h->lock);
            queue_event(h, m);
            pthread_mutex_unlock(&h->lock);
        }
    }
    pthread_mutex_unlock(&h->request_lock);

    if ( m->hdr.type == XS_ERROR )
    {
        err = errno_of(m->body);
        free(m);
        errno = err;
        return NULL;
    }
    if ( m->hdr.type != type )
    {
        free(m);
        errno = EBADF;
        return NULL;
    }
    if ( len )
        *len = m->hdr.len;
    /* Hand out the body in its own block, NUL-terminated. */
    ret = malloc(m->hdr.len + 1);
    if ( ret )
        memcpy(ret, m->body, m->hdr.len + 1);
    free(m);
    return ret;

 fail:
    err = errno;
    pthread_mutex_unlock(&h->request_lock);
    errno = err;
    return NULL;
}

static void *xs_single(struct xs_handle *h, xs_transaction_t t, uint32_t type,
                       const char *arg, unsigned int *len)
{
    struct iovec iov = { (void *)arg, strlen(arg) + 1 };

    return xs_talkv(h, t, type, &iov, 1, len);
}

static bool xs_bool(void *reply)
{
    if ( !reply )
        return false;
    free(reply);
    return true;
}

/* ---- opening ---------------------------------------------------------- */

static struct xs_handle *get_handle(const char *path)
{
    struct xs_handle *h = NULL;
    struct stat st;
    int fd = -1;

    if ( stat(path, &st) )
        return NULL;
    if ( S_ISSOCK(st.st_mode) )
    {
        struct sockaddr_un addr = { .sun_family = AF_UNIX };

        if ( strlen(path) >= sizeof(addr.sun_path) )
        {
            errno = EINVAL;
            return NULL;
        }
        strcpy(addr.sun_path, path);
        fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if ( fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) )
            goto fail;
    }
    else
    {
        fd = open(path, O_RDWR | O_CLOEXEC);
        if ( fd < 0 )
            goto fail;
    }
    h = calloc(1, sizeof(*h));
    if ( !h )
        goto fail;
    h->fd = fd;
    h->pipe[0] = h->pipe[1] = -1;
    pthread_mutex_init(&h->request_lock, NULL);
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->reply_cond, NULL);
    pthread_cond_init(&h->watch_cond, NULL);
    return h;

 fail:
    if ( fd >= 0 )
    {
        int err = errno;

        close(fd);
        errno = err;
    }
    return NULL;
}

static const char *domain_dev(void)
{
    struct stat st;

    return stat("/dev/xen/xenbus", &st) ? "/proc/xen/xenbus"
                                        : "/dev/xen/xenbus";
}

API struct xs_handle *xs_open(unsigned long flags)
{
    struct xs_handle *h = get_handle(xs_daemon_socket());

    if ( !h && !(flags & XS_OPEN_SOCKETONLY) )
        h = get_handle(domain_dev());
    if ( h )
        h->flags = flags;
    return h;
}

API struct xs_handle *xs_daemon_open(void)
{
    return xs_open(0);
}

API struct xs_handle *xs_daemon_open_readonly(void)
{
    return xs_open(XS_OPEN_READONLY);
}

API struct xs_handle *xs_domain_open(void)
{
    return get_handle(domain_dev());
}

static void free_handle(struct xs_handle *h)
{
    while ( h->events )
    {
        struct xs_msg *m = h->events;

        h->events = m->next;
        free(m);
    }
    free(h->reply);
    if ( h->pipe[0] >= 0 )
    {
        close(h->pipe[0]);
        close(h->pipe[1]);
    }
    pthread_mutex_destroy(&h->request_lock);
    pthread_mutex_destroy(&h->lock);
    pthread_cond_destroy(&h->reply_cond);
    pthread_cond_destroy(&h->watch_cond);
    free(h);
}

API void xs_close(struct xs_handle *h)
{
    if ( !h )
        return;
    if ( h->reader )
    {
        /* Wake the reader out of read() and wait for it. */
        shutdown(h->fd, SHUT_RDWR);
        pthread_join(h->reader_thread, NULL);
    }
    close(h->fd);
    free_handle(h);
}

API void xs_daemon_close(struct xs_handle *h)
{
    xs_close(h);
}

API void xs_daemon_destroy_postfork(struct xs_handle *h)
{
    /* The reader thread does not exist in the child. */
    close(h->fd);
    free_handle(h);
}

/* ---- requests --------------------------------------------------------- */

/* Split n NUL-terminated strings of buf into a vector in one block. */
static char **split(char *buf, unsigned int len, unsigned int *num)
{
    unsigned int n = 0, i;
    char **vec, *p, *strings;

    for ( i = 0; i < len; i++ )
        n += buf[i] == '\0';
    vec = malloc((n + 1) * sizeof(char *) + len);
    if ( !vec )
        return NULL;
    strings = (char *)(vec + n + 1);
    memcpy(strings, buf, len);
    for ( i = 0, p = strings; i < n; i++, p += strlen(p) + 1 )
        vec[i] = p;
    vec[n] = NULL;
    *num = n;
    return vec;
}

static char **directory_part(struct xs_handle *h, xs_transaction_t t,
                             const char *path, unsigned int *num)
{
    char *all = NULL, gen0[32] = "";
    unsigned int total = 0, tries;
    char **vec;

    for ( tries = 0; tries < 64; tries++ )
    {
        char off[16];
        struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
                                { off, 0 } };
        unsigned int len, glen;
        char *r, *n;

        snprintf(off, sizeof(off), "%u", total);
        iov[1].iov_len = strlen(off) + 1;
        r = xs_talkv(h, t, XS_DIRECTORY_PART, iov, 2, &len);
        if ( !r )
            goto fail;
        glen = strnlen(r, len) + 1;
        if ( glen > len || glen > sizeof(gen0) )
        {
            free(r);
            errno = EINVAL;
            goto fail;
        }
        if ( !total && !gen0[0] )
            memcpy(gen0, r, glen);
        else if ( strcmp(gen0, r) )
        {
            /* The directory changed meanwhile: start over. */
            free(r);
            free(all);
            all = NULL;
            total = 0;
            gen0[0] = '\0';
            continue;
        }
        n = realloc(all, total + len - glen);
        if ( !n )
        {
            free(r);
            goto fail;
        }
        all = n;
        memcpy(all + total, r + glen, len - glen);
        total += len - glen;
        free(r);
        /* A final empty string marks the end. */
        if ( total && all[total - 1] == '\0' &&
             (total == 1 || all[total - 2] == '\0') )
        {
            total--;
            vec = split(all, total, num);
            free(all);
            return vec;
        }
        if ( len == glen )
            break;
    }
    errno = EAGAIN;
 fail:
    free(all);
    return NULL;
}

API char **xs_directory(struct xs_handle *h, xs_transaction_t t,
                        const char *path, unsigned int *num)
{
    unsigned int len;
    char *r = xs_single(h, t, XS_DIRECTORY, path, &len);
    char **vec;

    if ( !r )
        return errno == E2BIG ? directory_part(h, t, path, num) : NULL;
    vec = split(r, len, num);
    free(r);
    return vec;
}

API void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path,
                  unsigned int *len)
{
    return xs_single(h, t, XS_READ, path, len);
}

API bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
                  const void *data, unsigned int len)
{
    struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
                            { (void *)data, len } };

    return xs_bool(xs_talkv(h, t, XS_WRITE, iov, 2, NULL));
}

API bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    return xs_bool(xs_single(h, t, XS_MKDIR, path, NULL));
}

API bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    return xs_bool(xs_single(h, t, XS_RM, path, NULL));
}

API bool xs_restrict(struct xs_handle *h, unsigned domid)
{
    (void)h;
    (void)domid;
    errno = ENOSYS;
    return false;
}

API struct xs_permissions *xs_get_permissions(struct xs_handle *h,
                                              xs_transaction_t t,
                                              const char *path,
                                              unsigned int *num)
{
    unsigned int len, n = 0, i;
    char *r = xs_single(h, t, XS_GET_PERMS, path, &len);
    struct xs_permissions *perms;

    if ( !r )
        return NULL;
    for ( i = 0; i < len; i++ )
        n += r[i] == '\0';
    perms = malloc((n ? n : 1) * sizeof(*perms));
    if ( perms && !xs_strings_to_perms(perms, n, r) )
    {
        free(perms);
        perms = NULL;
    }
    free(r);
    if ( perms )
        *num = n;
    return perms;
}

API bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
                            const char *path, struct xs_permissions *perms,
                            unsigned int num_perms)
{
    char buf[XENSTORE_PAYLOAD_MAX];
    size_t used = 0;
    unsigned int i;
    struct iovec iov[2];

    for ( i = 0; i < num_perms; i++ )
    {
        static const char letters[] = "nrwb";
        int l = snprintf(buf + used, sizeof(buf) - used, "%c%u",
                         letters[perms[i].perms & 3], perms[i].id);

        if ( l < 0 || (size_t)l + 1 > sizeof(buf) - used )
        {
            errno = E2BIG;
            return false;
        }
        used += l + 1;
    }
    iov[0].iov_base = (void *)path;
    iov[0].iov_len = strlen(path) + 1;
    iov[1].iov_base = buf;
    iov[1].iov_len = used;
    return xs_bool(xs_talkv(h, t, XS_SET_PERMS, iov, 2, NULL));
}

API bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
    struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
                            { (void *)token, strlen(token) + 1 } };

    if ( !start_reader(h) )
        return false;
    return xs_bool(xs_talkv(h, XBT_NULL, XS_WATCH, iov, 2, NULL));
}

API int xs_fileno(struct xs_handle *h)
{
    int rc;

    pthread_mutex_lock(&h->lock);
    if ( h->pipe[0] < 0 && !pipe2(h->pipe, O_CLOEXEC) )
    {
        struct xs_msg *m;

        /* One byte per event already queued. */
        for ( m = h->events; m; m = m->next )
            pipe_byte(h, true);
    }
    rc = h->pipe[0];
    pthread_mutex_unlock(&h->lock);
    return rc;
}

/* Dequeue one event into a vector (lock held, queue not empty). */
static char **take_event(struct xs_handle *h, unsigned int *num)
{
    struct xs_msg *m = h->events;
    char **vec;
    unsigned int n;

    h->events = m->next;
    if ( !h->events )
        h->events_tail = NULL;
    pipe_byte(h, false);
    vec = split(m->body, m->hdr.len, &n);
    free(m);
    if ( vec && n < 2 )
    {
        free(vec);
        errno = EINVAL;
        return NULL;
    }
    if ( vec && num )
        *num = n;
    return vec;
}

API char **xs_check_watch(struct xs_handle *h)
{
    char **vec = NULL;

    pthread_mutex_lock(&h->lock);
    if ( h->events )
        vec = take_event(h, NULL);
    else
        errno = h->broken ? ECONNRESET : EAGAIN;
    pthread_mutex_unlock(&h->lock);
    return vec;
}

API char **xs_read_watch(struct xs_handle *h, unsigned int *num)
{
    char **vec = NULL;

    if ( !start_reader(h) )
        return NULL;
    pthread_mutex_lock(&h->lock);
    while ( !h->events && !h->broken )
        pthread_cond_wait(&h->watch_cond, &h->lock);
    if ( h->events )
        vec = take_event(h, num);
    else
        errno = ECONNRESET;
    pthread_mutex_unlock(&h->lock);
    return vec;
}

API bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
    struct iovec iov[2] = { { (void *)path, strlen(path) + 1 },
                            { (void *)token, strlen(token) + 1 } };
    bool ok = xs_bool(xs_talkv(h, XBT_NULL, XS_UNWATCH, iov, 2, NULL));

    if ( ok && (h->flags & XS_UNWATCH_FILTER) )
    {
        struct xs_msg **pp, *last = NULL;

        pthread_mutex_lock(&h->lock);
        for ( pp = &h->events; *pp; )
        {
            struct xs_msg *m = *pp;
            const char *p = m->body;
            size_t pl = strnlen(p, m->hdr.len);
            const char *tok = pl < m->hdr.len ? p + pl + 1 : "";

            if ( !strcmp(tok, token) && xs_path_is_subpath(path, p) )
            {
                *pp = m->next;
                free(m);
                pipe_byte(h, false);
                continue;
            }
            last = m;
            pp = &m->next;
        }
        h->events_tail = last;
        pthread_mutex_unlock(&h->lock);
    }
    return ok;
}

API xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
    char *r = xs_single(h, XBT_NULL, XS_TRANSACTION_START, "", NULL);
    xs_transaction_t t;

    if ( !r )
        return XBT_NULL;
    t = strtoul(r, NULL, 10);
    free(r);
    return t;
}

API bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t,
                            bool abort)
{
    return xs_bool(xs_single(h, t, XS_TRANSACTION_END, abort ? "F" : "T",
                             NULL));
}

API bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
                             unsigned long mfn, unsigned int eventchn)
{
    char d[16], m[32], e[16];
    struct iovec iov[3] = { { d, 0 }, { m, 0 }, { e, 0 } };

    iov[0].iov_len = snprintf(d, sizeof(d), "%u", domid) + 1;
    iov[1].iov_len = snprintf(m, sizeof(m), "%lu", mfn) + 1;
    iov[2].iov_len = snprintf(e, sizeof(e), "%u", eventchn) + 1;
    return xs_bool(xs_talkv(h, XBT_NULL, XS_INTRODUCE, iov, 3, NULL));
}

static bool domid_request(struct xs_handle *h, uint32_t type,
                          unsigned int domid)
{
    char d[16];

    snprintf(d, sizeof(d), "%u", domid);
    return xs_bool(xs_single(h, XBT_NULL, type, d, NULL));
}

API bool xs_set_target(struct xs_handle *h, unsigned int domid,
                       unsigned int target)
{
    char d[16], t[16];
    struct iovec iov[2] = { { d, 0 }, { t, 0 } };

    iov[0].iov_len = snprintf(d, sizeof(d), "%u", domid) + 1;
    iov[1].iov_len = snprintf(t, sizeof(t), "%u", target) + 1;
    return xs_bool(xs_talkv(h, XBT_NULL, XS_SET_TARGET, iov, 2, NULL));
}

API bool xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
    return domid_request(h, XS_RESUME, domid);
}

API bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
    return domid_request(h, XS_RELEASE, domid);
}

API char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
    char d[16];

    snprintf(d, sizeof(d), "%u", domid);
    return xs_single(h, XBT_NULL, XS_GET_DOMAIN_PATH, d, NULL);
}

API bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
    char d[16], *r;
    bool yes;

    snprintf(d, sizeof(d), "%u", domid);
    r = xs_single(h, XBT_NULL, XS_IS_DOMAIN_INTRODUCED, d, NULL);
    if ( !r )
        return false;
    yes = !strcmp(r, "T");
    free(r);
    return yes;
}

API char *xs_control_command(struct xs_handle *h, const char *cmd,
                             void *data, unsigned int len)
{
    struct iovec iov[2] = { { (void *)cmd, strlen(cmd) + 1 }, { data, len } };

    return xs_talkv(h, XBT_NULL, XS_CONTROL, iov, 2, NULL);
}

API char *xs_debug_command(struct xs_handle *h, const char *cmd, void *data,
                           unsigned int len)
{
    return xs_control_command(h, cmd, data, len);
}

API int xs_suspend_evtchn_port(int domid)
{
    char path[64], *r;
    struct xs_handle *h = xs_daemon_open();
    int port = -1;

    if ( !h )
        return -1;
    snprintf(path, sizeof(path), "/local/domain/%d/device/suspend/event-channel",
             domid);
    r = xs_read(h, XBT_NULL, path, NULL);
    if ( r )
    {
        port = atoi(r);
        free(r);
    }
    xs_close(h);
    return port;
}
