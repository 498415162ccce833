/*
 * Shared between the xl.cfg key table (keys.c) and its driver (from_xlcfg.c).
 */
#ifndef DOM0_TOOLS_LIBS_DOMCFG_FROM_XLCFG_H
#define DOM0_TOOLS_LIBS_DOMCFG_FROM_XLCFG_H

#include "domcfg_priv.h"
#include "xlcfg.h"

#define G_PV    0x1
#define G_PVH   0x2
#define G_HVM   0x4
#define G_ALL   (G_PV | G_PVH | G_HVM)

enum dc_target {
    T_ROOT, T_CINFO, T_BINFO, T_HVM, T_PV, T_PVH, T_SCHED, T_HVM_VNC,
    T_HVM_SDL, T_HVM_SPICE, T_X86,
};

struct xctx {
    struct dc_obj *root, *c_info, *b_info;
    long long type;                 /* libxl domain type: 1 hvm, 2 pv, 3 pvh */
    const xlcfg *cfg;
    domcfg_warn_fn *warn;
    void *opaque;
    char *err;
    int pci_defaults[4];            /* permissive, msitranslate, seize, pm */
    long long pci_rdm_policy;
};

struct xkey {
    const char *name;
    int (*fn)(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
    enum dc_target target;
    const char *field;
    long long lo, hi;
    unsigned int guests;            /* guest types that use the key */
    int late;                       /* handled after the other keys */
};

extern const struct xkey dc_xl_keys[];
extern const unsigned int dc_xl_nkeys;

/* Value access with errors at the value's position (from_xlcfg.c). */
int x_err(struct xctx *c, const xlcfg_value *v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void x_warn(struct xctx *c, const xlcfg_value *v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int x_string(struct xctx *c, const struct xkey *k, const xlcfg_value *v,
             const char **out);
int x_int(struct xctx *c, const struct xkey *k, const xlcfg_value *v,
          long long lo, long long hi, long long *out);
int x_bool(struct xctx *c, const struct xkey *k, const xlcfg_value *v,
           int *out);
int x_list(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
struct dc_obj *x_target(struct xctx *c, enum dc_target t);
int x_nomem(struct xctx *c, const xlcfg_value *v);

/* Handlers of the key table (keys_setters.c, keys_devices.c, keys_hvm.c). */
int k_set_str(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_set_nonempty(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_set_int(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_set_mb(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_set_defbool(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_set_enum(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_set_strlist(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_disk(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_vif(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_pci(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_pci_default(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_pci_rdm_policy(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_vfb(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_vkb(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_channel(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_vtpm(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_p9(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_usbctrl(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_dtdev(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_ioports(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_iomem(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_irqs(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_vga(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_firmware(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_serial(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_viridian(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_gfx_passthru(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_dm_version(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_rdm(struct xctx *c, const struct xkey *k, const xlcfg_value *v);
int k_mca_caps(struct xctx *c, const struct xkey *k, const xlcfg_value *v);

#endif /* DOM0_TOOLS_LIBS_DOMCFG_FROM_XLCFG_H */
