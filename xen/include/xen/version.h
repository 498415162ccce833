/*
 * Version reported to guests and users.  We implement Xen 4.17's interface, so we
 * report 4.17 (Linux and the toolstack check it); the extra version and the
 * changeset say what we really are.
 */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#define XEN_VERSION             4
#define XEN_SUBVERSION          17
#define XEN_EXTRAVERSION        ".0-hv"
#define XEN_FULLVERSION_STRING  "4.17.0-hv"
#define XEN_PRODUCT_NAME        "Xen-compatible hypervisor"
#define XEN_COMPILER            "gcc " __VERSION__
#ifdef NDEBUG
#define XEN_DEBUG               0
#else
#define XEN_DEBUG               1
#endif

extern const char xen_changeset[];
extern const char xen_build_date[];

#endif /* XEN_VERSION_H */
