/*
 * domcfg: the domain model.
 *
 * One guest's configuration, as libxl's domain_config (c_info, b_info,
 * disks, nics, ...), built from an xl.cfg file, from libxl-layout JSON or
 * from a libvirt <domain> definition, and written back to any of those.
 *
 * Fields are read by path, as in the JSON: "c_info.name", "b_info.max_memkb",
 * "disks[0].vdev", "b_info.type.pv.e820_host".
 *
 * Functions return 0 on success or -1 with *err set to an allocated message
 * naming the source and position ("FILE:LINE:COLUMN: ...") or the JSON/XML
 * path, and the reason.  A failed conversion leaves the model unchanged.
 */
#ifndef DOM0_TOOLS_LIBS_DOMCFG_INCLUDE_DOMCFG_H
#define DOM0_TOOLS_LIBS_DOMCFG_INCLUDE_DOMCFG_H

#include <stddef.h>
#include "xlcfg.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct domcfg domcfg;

/* Called for each non-fatal remark (deprecated or ignored settings). */
typedef void domcfg_warn_fn(void *opaque, const char *msg);

/* A model with every field at libxl's default; NULL if out of memory. */
domcfg *domcfg_alloc(void);
void domcfg_free(domcfg *d);

/*
 * Build the model from a parsed xl.cfg, as xl's parse_config_data does:
 * every key is checked for type and range, unknown keys are rejected (with a
 * "did you mean" for near misses), and xl's defaults are filled in.
 */
int domcfg_from_xlcfg(domcfg *d, const xlcfg *cfg, domcfg_warn_fn *warn,
                      void *opaque, char **err);

/* JSON in libxl's layout; the text from domcfg_to_json ends in '\n'. */
int domcfg_from_json(domcfg *d, const char *source, const char *text,
                     size_t len, char **err);
int domcfg_to_json(const domcfg *d, char **out);

/* libvirt domain XML (<domain type='xen'>). */
int domcfg_from_xml(domcfg *d, const char *source, const char *text,
                    size_t len, char **err);
int domcfg_to_xml(const domcfg *d, char **out, char **err);

/* xl.cfg text that domcfg_from_xlcfg turns back into the same model. */
int domcfg_to_xlcfg(const domcfg *d, char **out, char **err);

/*
 * Read a field by path.  get_int: integers, booleans (1/0; defbools 1, 0
 * when unset, -1 false) and enums (libxl's numeric value).  Return -1 when
 * the path names no such field or element.
 */
int domcfg_get_int(const domcfg *d, const char *path, long long *out);
/* Strings, UUIDs, MACs and enums (libxl's spelling); NULL when unset. */
const char *domcfg_get_string(const domcfg *d, const char *path);
/* Number of elements of an array, list or bitmap; -1 for a bad path. */
int domcfg_get_count(const domcfg *d, const char *path);

/*
 * Change a field by path: set_int for integers, booleans and enums (by
 * libxl's number, which must be one the enum has),
 * set_string for strings and UUIDs (NULL unsets).  Return -1 for a bad
 * path, a field of another kind, or a malformed UUID; the model is then
 * unchanged.  No cross-field check is made: this is for a toolstack
 * recording what a live domain has (its name, memory), not for input.
 */
int domcfg_set_int(domcfg *d, const char *path, long long val);
int domcfg_set_string(domcfg *d, const char *path, const char *val);

#ifdef __cplusplus
}
#endif

#endif /* DOM0_TOOLS_LIBS_DOMCFG_INCLUDE_DOMCFG_H */
