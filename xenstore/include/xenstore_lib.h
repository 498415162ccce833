/*
 * xenstore_lib.h: definitions shared by libxenstore's users and the store:
 * permission entries and the socket locations.  Same API as Xen 4.17's.
 */
#ifndef XENSTORE_LIB_H
#define XENSTORE_LIB_H

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <xen/io/xs_wire.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One entry of a node's permission list (entry 0 names the owner). */
struct xs_permissions
{
    unsigned int id;    /* domid */
    unsigned int perms; /* XS_PERM_* bits */
#define XS_PERM_NONE      0x00
#define XS_PERM_READ      0x01
#define XS_PERM_WRITE     0x02
    /* Used inside the store only. */
#define XS_PERM_ENOENT_OK 0x04
#define XS_PERM_OWNER     0x08
#define XS_PERM_IGNORE    0x10
};

/* Characters needed to print an integer of type x in decimal, with sign. */
#define MAX_STRLEN(x) ((sizeof(x) * CHAR_BIT + CHAR_BIT - 1) / 10 * 3 + 2)

/* Directory of the daemon's socket: $XENSTORED_RUNDIR or /run/xenstored. */
const char *xs_daemon_rundir(void);
/* The socket: $XENSTORED_PATH, else xs_daemon_rundir()/socket. */
const char *xs_daemon_socket(void);
/* The same socket (there is no separate read-only one any more). */
const char *xs_daemon_socket_ro(void);

/* Write all len bytes to fd, retrying short writes.  false on error. */
bool xs_write_all(int fd, const void *data, unsigned int len);

/* Parse num NUL-separated "<letter><domid>" strings into perms. */
bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num,
                         const char *strings);

#ifdef __cplusplus
}
#endif

#endif /* XENSTORE_LIB_H */
