/*
 * What xendev's checks share (xendev.c): result lines, hypercalls and
 * foreign mappings through privcmd, and pages granted with gntalloc.
 * Include after the ABI headers (xen.h, grant_table.h).
 */
#ifndef XENDEV_XENDEV_H
#define XENDEV_XENDEV_H

#include <stdbool.h>
#include <stdint.h>

#define PAGE_SIZE 4096UL

extern int privcmd_fd;

/* Print "PASS: xendev: <name>" or, if !ok, "FAIL: xendev: <name>: <fmt...>". */
void report(bool ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A hypercall through privcmd: its return value, or -errno. */
long hypercall(unsigned int op, uint64_t a0, uint64_t a1, uint64_t a2);

/*
 * Map n frames of domain dom through privcmd (IOCTL_PRIVCMD_MMAPBATCH_V2).
 * Returns the mapping (munmap n pages) with err[] filled, or MAP_FAILED;
 * *ioctl_errno is the mmap or ioctl errno (0: none).
 */
void *foreign_map(uint16_t dom, const uint64_t *mfns, unsigned int n, int *err,
                  int *ioctl_errno);

/* A page of ours granted (gntalloc) to domain 0, mapped at va. */
struct gntalloc_page {
    int fd;
    uint32_t gref;
    uint64_t index;
    volatile uint64_t *va;
};

/* Grant a fresh page to domain 0, writable or not; false on error (errno). */
bool gntalloc_get(struct gntalloc_page *g, bool writable);
/* Undo gntalloc_get (also after a partial failure; g->fd = -1 if unused). */
void gntalloc_put(struct gntalloc_page *g);

/* Raw GNTTABOP_* checks through privcmd (gntops.c); gt: our table, nents entries. */
void check_grant_ops(volatile grant_entry_v1_t *gt, unsigned int nents);

#endif /* XENDEV_XENDEV_H */
