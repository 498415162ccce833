/*
 * Internals of the domain model.
 *
 * The model mirrors libxl's domain configuration (libxl_types.idl in Xen
 * 4.17): every struct is described by a table of fields (schema.c), and an
 * instance is an object holding one slot per field.  JSON, libvirt XML and
 * xl.cfg conversion all walk those tables, so a field added to the schema is
 * at once parsed, printed and round-tripped.
 */
#ifndef DOM0_TOOLS_LIBS_DOMCFG_DOMCFG_PRIV_H
#define DOM0_TOOLS_LIBS_DOMCFG_DOMCFG_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include "domcfg.h"

enum dc_kind {
    DK_STRING,      /* char *, default NULL */
    DK_INT,         /* long long, default dc_field.def */
    DK_UINT,        /* as DK_INT, printed unsigned (MemKB, uint64) */
    DK_BOOL,        /* 0/1, default 0 */
    DK_DEFBOOL,     /* 0 default, 1 "True", -1 "False" */
    DK_ENUM,        /* long long value of dc_field.en, default def */
    DK_UUID,        /* char * canonical text, default NULL (nil uuid) */
    DK_MAC,         /* char * canonical text, default NULL */
    DK_BITMAP,      /* vec of set bit numbers, ascending; default empty */
    DK_STRLIST,     /* vec of char * */
    DK_KVLIST,      /* vec of char *, key and value alternating */
    DK_STRUCT,      /* obj, always present */
    DK_ARRAY,       /* vec of elements of dc_field.elem */
    DK_UNION,       /* obj of the branch selected by the key field */
};

#define DF_HIDDEN   0x1   /* a union's key: implied by the union's JSON key */

struct dc_enum {
    const char *name;               /* for messages: "disk format" */
    unsigned int n;
    const struct dc_enum_val {
        long long val;
        const char *json;           /* libxl's spelling */
    } *vals;
};

struct dc_struct;

struct dc_union_branch {
    long long keyval;
    const char *name;               /* JSON key is KEY.NAME */
    const struct dc_struct *st;     /* NULL: nothing to record */
};

struct dc_union {
    const char *key;                /* a DF_HIDDEN enum field of the struct */
    unsigned int n;
    const struct dc_union_branch *br;
};

struct dc_field {
    const char *name;
    enum dc_kind kind;
    long long def;
    const struct dc_enum *en;
    const struct dc_struct *st;     /* DK_STRUCT, DK_ARRAY of DK_STRUCT */
    enum dc_kind elem;              /* DK_ARRAY */
    const struct dc_union *un;
    unsigned int flags;
};

struct dc_struct {
    const char *name;
    unsigned int n;
    const struct dc_field *f;
};

union dc_slot {
    char *s;
    long long i;
    struct dc_obj *o;
    struct dc_vec *v;
};

struct dc_vec {
    unsigned int n, cap;
    union dc_slot *e;
};

struct dc_obj {
    const struct dc_struct *st;
    union dc_slot slot[];
};

struct domcfg {
    struct dc_obj *root;
};

/* The schema (schema.c). */
extern const struct dc_struct dc_domain_config;
extern const struct dc_struct dc_disk, dc_nic, dc_pci, dc_vfb, dc_vkb,
    dc_channel, dc_vtpm, dc_p9, dc_dtdev, dc_usbctrl, dc_ioport_range,
    dc_iomem_range;
extern const struct dc_enum dc_enum_domain_type, dc_enum_action,
    dc_enum_disk_format, dc_enum_disk_backend, dc_enum_nic_type,
    dc_enum_dm_version, dc_enum_bios, dc_enum_tsc_mode, dc_enum_timer_mode,
    dc_enum_vga, dc_enum_hdtype, dc_enum_vendor_device, dc_enum_connection,
    dc_enum_passthrough, dc_enum_gfx_kind, dc_enum_altp2m, dc_enum_rdm_policy,
    dc_enum_rdm_strategy, dc_enum_usbctrl_type, dc_enum_scheduler,
    dc_enum_vkb_backend, dc_enum_tee, dc_enum_gic, dc_enum_vuart;

/* Objects (model.c). */
struct dc_obj *dc_obj_new(const struct dc_struct *st);
void dc_obj_free(struct dc_obj *o);
void dc_slot_dispose(const struct dc_field *f, enum dc_kind k, union dc_slot *s);
int dc_field_index(const struct dc_struct *st, const char *name);
union dc_slot *dc_slot(struct dc_obj *o, const char *name);
const struct dc_field *dc_field(const struct dc_obj *o, const char *name);
bool dc_slot_is_default(const struct dc_field *f, enum dc_kind k,
                        const union dc_slot *s);
int dc_vec_push(union dc_slot *vecslot, union dc_slot item);
const char *dc_enum_json(const struct dc_enum *en, long long val);
int dc_enum_lookup(const struct dc_enum *en, const char *json, long long *val);
/* Select branch KEYVAL of union field UN of O, creating its object. */
int dc_union_select(struct dc_obj *o, const char *unfield, long long keyval);
struct dc_obj *dc_union_obj(struct dc_obj *o, const char *unfield);

/* Convenience setters; all return 0 or -1 (out of memory). */
int dc_set_str(struct dc_obj *o, const char *name, const char *val);
void dc_set_int(struct dc_obj *o, const char *name, long long val);
long long dc_get_int(const struct dc_obj *o, const char *name);
const char *dc_get_str(const struct dc_obj *o, const char *name);
struct dc_obj *dc_get_obj(const struct dc_obj *o, const char *name);
struct dc_vec *dc_get_vec(const struct dc_obj *o, const char *name);
/* Append a new element object to array NAME of O and return it. */
struct dc_obj *dc_array_add(struct dc_obj *o, const char *name);

/* Helpers shared by the converters (util.c). */
char *dc_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dc_uuid_parse(const char *in, char out[37]);
int dc_mac_parse(const char *in, char out[18]);
int dc_bitmap_set(union dc_slot *bm, long long bit);

/* Device mini-languages (dev_*.c), filling an element object. */
int dc_parse_disk(struct dc_obj *disk, const char *spec, char **why);
int dc_parse_vif(struct dc_obj *nic, const char *spec, char **why);
int dc_parse_pci(struct dc_obj *pci, const char *spec, char **why);
int dc_parse_vfb(struct dc_obj *vfb, const char *spec, char **why);
int dc_parse_channel(struct dc_obj *ch, const char *spec, char **why);
int dc_parse_vkb(struct dc_obj *vkb, const char *spec, char **why);
int dc_parse_vtpm(struct dc_obj *vtpm, const char *spec, char **why);
int dc_parse_p9(struct dc_obj *p9, const char *spec, char **why);
int dc_parse_usbctrl(struct dc_obj *u, const char *spec, char **why);
int dc_parse_cpus(union dc_slot *bitmap, const char *spec, char **why);
int dc_parse_rate(const char *spec, long long *bytes_per_interval,
                  long long *interval_usecs, char **why);

/* Split "k=v,k=v" device strings (devspec.c). */
struct dc_kv {
    char *key;      /* NULL for a positional item */
    char *val;
};
int dc_split_spec_rest(const char *spec, const char *rest_key,
                       struct dc_kv **out, unsigned int *n, char **why);
int dc_split_spec(const char *spec, struct dc_kv **out, unsigned int *n,
                  char **why);
void dc_free_spec(struct dc_kv *kv, unsigned int n);
int dc_parse_bool_word(const char *s, int *out);

#endif /* DOM0_TOOLS_LIBS_DOMCFG_DOMCFG_PRIV_H */
