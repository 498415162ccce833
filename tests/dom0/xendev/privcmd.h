/*
 * Linux's /dev/xen/privcmd interface (include/uapi/xen/privcmd.h): the ioctl
 * numbers and argument layouts, written out here because the installed copy
 * of that header includes a kernel-only header.
 */
#ifndef XENDEV_PRIVCMD_H
#define XENDEV_PRIVCMD_H

#include <stdint.h>
#include <sys/ioctl.h>

/* Issue hypercall op with up to five arguments; the ioctl returns its result. */
struct privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};

/*
 * Map num frames of domain dom at addr, the start of an mmap() of privcmd;
 * err[i] receives each frame's error (0 or -errno).
 */
struct privcmd_mmapbatch_v2 {
    unsigned int num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

#define IOCTL_PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall))
#define IOCTL_PRIVCMD_MMAPBATCH_V2 \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct privcmd_mmapbatch_v2))

#endif /* XENDEV_PRIVCMD_H */
