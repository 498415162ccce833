/*
 * dom_private.h: what the files of libxldom share.
 */
#ifndef DOM0_TOOLS_LIBS_DOMAIN_DOM_PRIVATE_H
#define DOM0_TOOLS_LIBS_DOMAIN_DOM_PRIVATE_H

#include <stdbool.h>

#include <xenstore.h>

#include "xldom.h"

struct xldom_ctx {
    xc_interface *xch;
    struct xs_handle *xsh;
};

/* *err = formatted message (when err and *err is unset); returns rc. */
int dom_fail(char **err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* xenstore helpers; each returns 0 or -errno. */
int dom_xs_write(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                 const char *val);
int dom_xs_printf(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Create path (empty unless it exists) and give it perms. */
int dom_xs_mknod(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                 struct xs_permissions *perms, unsigned int n);
/* Write val at path with perms. */
int dom_xs_write_perms(struct xs_handle *xsh, xs_transaction_t t,
                       const char *path, const char *val,
                       struct xs_permissions *perms, unsigned int n);
/* An allocated copy of path's value, or NULL. */
char *dom_xs_read(struct xs_handle *xsh, const char *path);

/* The console ring size limit libxl sets (LIBXL_XENCONSOLE_LIMIT). */
#define DOM_CONSOLE_LIMIT 1048576
/* libxl adds this to the domain's max_mem (LIBXL_MAXMEM_CONSTANT, KiB). */
#define DOM_MAXMEM_CONSTANT 1024

/* Remove every xenstore entry of domid (and its /vm node, given). */
void dom_xs_cleanup(struct xs_handle *xsh, uint32_t domid, const char *vm);
/* Remove the saved configurations of domid. */
void dom_userdata_remove(uint32_t domid);
/* Save text as userdata-d.DOMID.UUID.KIND (libxl's file name). */
int dom_userdata_store(uint32_t domid, const uint8_t uuid[16],
                       const char *kind, const char *text, size_t len,
                       char **err);

#endif /* DOM0_TOOLS_LIBS_DOMAIN_DOM_PRIVATE_H */
