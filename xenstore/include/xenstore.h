/*
 * xenstore.h: the client library of the xenstore, with the same C API as
 * Xen 4.17's libxenstore (libxenstore.so.4), so that existing programs build
 * and run against it unchanged.
 *
 * Functions returning pointers return memory the caller frees with free(),
 * or NULL with errno set; functions returning bool return false with errno
 * set.  A handle may be used from several threads.
 */
#ifndef XENSTORE_H
#define XENSTORE_H

#include <xenstore_lib.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XBT_NULL 0

/* xs_open() flags. */
#define XS_OPEN_READONLY   (1UL << 0) /* ignored, as in Xen 4.17 */
#define XS_OPEN_SOCKETONLY (1UL << 1) /* never fall back to /dev/xen/xenbus */
#define XS_UNWATCH_FILTER  (1UL << 2) /* xs_unwatch() drops queued events */

struct xs_handle;
typedef uint32_t xs_transaction_t;

/* Connect to the daemon's socket, else (unless SOCKETONLY) the xenbus
 * device of a guest kernel. */
struct xs_handle *xs_open(unsigned long flags);
void xs_close(struct xs_handle *xsh /* NULL ok */);

/* Older names of xs_open() / xs_close(). */
struct xs_handle *xs_daemon_open(void);
struct xs_handle *xs_domain_open(void);
struct xs_handle *xs_daemon_open_readonly(void);
void xs_daemon_close(struct xs_handle *);
/* In a child after fork(): drop the handle without talking to the daemon. */
void xs_daemon_destroy_postfork(struct xs_handle *);

/* Names of the children of path; *num gets their count. */
char **xs_directory(struct xs_handle *h, xs_transaction_t t,
                    const char *path, unsigned int *num);

/* Value of path, NUL-terminated for convenience; *len (if not NULL) gets
 * its length without that NUL. */
void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path,
              unsigned int *len);

/* Create or replace path's value (creating missing parents). */
bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path,
              const void *data, unsigned int len);

/* Create path with an empty value if it does not exist. */
bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path);

/* Remove path and everything below it. */
bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);

/* Withdrawn from the protocol: fails with ENOSYS. */
bool xs_restrict(struct xs_handle *h, unsigned domid);

/* Permissions of path; *num gets their count. */
struct xs_permissions *xs_get_permissions(struct xs_handle *h,
                                          xs_transaction_t t,
                                          const char *path, unsigned int *num);

/* Replace the permissions of path (entry 0: owner and default access). */
bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t,
                        const char *path, struct xs_permissions *perms,
                        unsigned int num_perms);

/* Watch path (and everything below it); events carry token. */
bool xs_watch(struct xs_handle *h, const char *path, const char *token);

/* A file descriptor that becomes readable when a watch event is queued. */
int xs_fileno(struct xs_handle *h);

/* The next queued event without blocking (NULL and EAGAIN if none):
 * vec[XS_WATCH_PATH], vec[XS_WATCH_TOKEN]. */
char **xs_check_watch(struct xs_handle *h);

/* The next event, blocking until there is one; *num gets 2. */
char **xs_read_watch(struct xs_handle *h, unsigned int *num);

/* Remove the watch on path with token. */
bool xs_unwatch(struct xs_handle *h, const char *path, const char *token);

/* Start a transaction; XBT_NULL with errno on failure. */
xs_transaction_t xs_transaction_start(struct xs_handle *h);

/* Commit (abort false) or abort it.  EAGAIN: conflict, start again. */
bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort);

/* Tell the daemon about a new domain's ring frame and event channel. */
bool xs_introduce_domain(struct xs_handle *h, unsigned int domid,
                         unsigned long mfn, unsigned int eventchn);

/* Let domid (a device model) act with target's rights. */
bool xs_set_target(struct xs_handle *h, unsigned int domid,
                   unsigned int target);

/* The domain runs again after a suspension. */
bool xs_resume_domain(struct xs_handle *h, unsigned int domid);

/* Forget a domain (it is being destroyed). */
bool xs_release_domain(struct xs_handle *h, unsigned int domid);

/* "/local/domain/<domid>". */
char *xs_get_domain_path(struct xs_handle *h, unsigned int domid);

/* Whether child is parent or below it. */
bool xs_path_is_subpath(const char *parent, const char *child);

/* Whether the daemon serves domid. */
bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid);

/* XS_CONTROL: run a daemon command; the reply text, to be freed. */
char *xs_control_command(struct xs_handle *h, const char *cmd, void *data,
                         unsigned int len);
/* Older name of xs_control_command(). */
char *xs_debug_command(struct xs_handle *h, const char *cmd, void *data,
                       unsigned int len);

/* The suspend event channel of domid, from the store; -1 if none. */
int xs_suspend_evtchn_port(int domid);

#ifdef __cplusplus
}
#endif

#endif /* XENSTORE_H */
