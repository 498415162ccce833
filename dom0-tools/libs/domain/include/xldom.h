/*
 * xldom.h: libxldom, the domain lifecycle (what libxl does for xl):
 * creating a PV domain from its model (domcfg) with the xenstore entries
 * and saved configuration libxl 4.17 keeps, destroying it with everything
 * it left behind, asking it to shut down, naming and listing domains.
 *
 * Functions return 0 or a negative errno value; on failure *err (where
 * taken) is an allocated one-line message naming the domain, file or step
 * and the reason, which the caller frees.
 */
#ifndef DOM0_TOOLS_LIBS_DOMAIN_INCLUDE_XLDOM_H
#define DOM0_TOOLS_LIBS_DOMAIN_INCLUDE_XLDOM_H

#include <stddef.h>
#include <stdint.h>

#include "domcfg.h"
#include "xc.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xldom_ctx xldom_ctx;
struct xs_handle;

/* Open the hypervisor (libxc) and xenstore; *err says which failed. */
int xldom_open(xldom_ctx **ctx, char **err);
void xldom_close(xldom_ctx *ctx);
xc_interface *xldom_xc(xldom_ctx *ctx);
struct xs_handle *xldom_xs(xldom_ctx *ctx);

/* An xenstore value, allocated, or NULL when absent. */
char *xldom_xs_read(xldom_ctx *ctx, const char *path);

/* Where the saved configurations live: $XEN_LIB_DIR or /var/lib/xen. */
const char *xldom_lib_dir(void);

/* Progress and diagnostics during xldom_create (NULL: silent). */
typedef void xldom_log_fn(void *opaque, const char *msg);

struct xldom_create_opts {
    int paused;                /* leave it paused (xl create -p) */
    const char *config_text;   /* the config file as given, saved as xl's */
    size_t config_len;
    xldom_log_fn *log;         /* verbose messages */
    void *opaque;
};

/*
 * Create and start a PV domain as libxl_domain_create_new() does:
 * createdomain, xenstore entries, limits, event channels, the PV build,
 * console and xenstore connection, saved config, unpause.  Anything the
 * model asks for that this toolstack cannot provide yet (devices, HVM,
 * bootloaders) is refused before anything is created.  On failure the
 * domain and its xenstore entries are gone again.
 */
int xldom_create(xldom_ctx *ctx, const domcfg *d,
                 const struct xldom_create_opts *opts, uint32_t *domid,
                 char **err);

/* What a PV domain config says that the checks before creation need;
 * 0 when this toolstack can build it, else -EINVAL / -ENOTSUP and *err. */
int xldom_check_config(const domcfg *d, char **err);

/*
 * Destroy domid and remove what it left: its xenstore entries (domain,
 * /vm, /libxl, the console backend), its saved configuration.  A domain
 * that is already gone from the hypervisor is cleaned up all the same.
 */
int xldom_destroy(xldom_ctx *ctx, uint32_t domid, char **err);

/* Ask the guest to power off or reboot (control/shutdown in xenstore). */
#define XLDOM_POWEROFF 0
#define XLDOM_REBOOT 1
int xldom_shutdown(xldom_ctx *ctx, uint32_t domid, int how, char **err);

/*
 * Balloon domid to target_memkb KiB (xl mem-set; libxl_set_memory_target):
 * relative adds target_memkb to the current target instead; enforce also
 * sets the hypervisor's limit to the new target (plus 1 MiB slack).  The
 * guest's balloon driver does the rest, from memory/target in xenstore.
 * A target above memory/static-max (maxmem=) is refused with -EINVAL, as is
 * one under 128 MiB for domain 0.  0 or -errno with *err set.
 */
int xldom_set_memory_target(xldom_ctx *ctx, uint32_t domid,
                            int64_t target_memkb, int relative, int enforce,
                            char **err);

/*
 * Set the hypervisor's limit on domid's memory to max_memkb KiB (plus 1 MiB
 * slack; xl mem-max, libxl_domain_setmaxmem); refused with -EINVAL below
 * the current target.  memory/static-max is left as it is, as in libxl.
 * 0 or -errno with *err set.
 */
int xldom_set_max_memory(xldom_ctx *ctx, uint32_t domid, uint64_t max_memkb,
                         char **err);

/* A domain by name or number ("Domain-0", "3"); -ENOENT when none. */
int xldom_find(xldom_ctx *ctx, const char *spec, uint32_t *domid, char **err);
/* Its name from xenstore, allocated; NULL when it has none. */
char *xldom_name(xldom_ctx *ctx, uint32_t domid);

/* Every domain, in id order: *info (allocated) and the count. */
int xldom_list(xldom_ctx *ctx, xc_dominfo_t **info, unsigned int *n,
               char **err);

/*
 * The configuration saved at creation, brought up to date with what the
 * domain is now (name, UUID, memory), as libxl_retrieve_domain_
 * configuration; -ENOENT when none was saved (a domain not made here).
 */
int xldom_config_load(xldom_ctx *ctx, uint32_t domid, domcfg **d, char **err);
/* Save d as the domain's libxl-json configuration. */
int xldom_config_save(xldom_ctx *ctx, uint32_t domid, const domcfg *d,
                      char **err);

/* What happened to a domain being waited for. */
enum xldom_event {
    XLDOM_EV_TIMEOUT = 0,
    XLDOM_EV_SHUTDOWN,   /* it shut down; info says why */
    XLDOM_EV_GONE,       /* it no longer exists (or is dying) */
};
/*
 * Wait until domid shuts down or disappears, at most timeout_ms (-1:
 * forever), through xenstore's @releaseDomain watch.  info gets the
 * domain's last state (reason in shutdown_reason).
 */
int xldom_wait(xldom_ctx *ctx, uint32_t domid, int timeout_ms,
               enum xldom_event *ev, xc_dominfo_t *info, char **err);

/* UUID text "xxxxxxxx-xxxx-..." of 16 bytes, and back (0 or -EINVAL). */
void xldom_uuid_str(const uint8_t u[16], char out[37]);
int xldom_uuid_parse(const char *s, uint8_t u[16]);

#ifdef __cplusplus
}
#endif

#endif /* DOM0_TOOLS_LIBS_DOMAIN_INCLUDE_XLDOM_H */
