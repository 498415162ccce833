/*
 * readnotes.h: shared pieces of the xen-readnotes command.
 */
#ifndef XENIMAGE_READNOTES_H
#define XENIMAGE_READNOTES_H

#include <stdio.h>

#include "xenimage.h"

/* The four acceptance checks the summary reports. */
struct readnotes_checks {
    const char *name[4];  /* "pv", "pv-dom0", "pvh", "pvh-dom0" */
    unsigned int flags[4];
    int ok[4];
    char reason[4][512];  /* why not, without the file name */
};

#define READNOTES_NR_CHECKS 4

/* Print the image as one JSON object. */
void readnotes_json(FILE *f, const char *path, struct xenimage *img,
                    const struct readnotes_checks *checks);

/* How a string note's bytes should be shown: up to NUL, at most len. */
size_t readnotes_strlen(const void *desc, size_t len);

#endif /* XENIMAGE_READNOTES_H */
