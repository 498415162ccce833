/* Lookup of the hypervisor's own text symbols (the table is embedded at link time). */
#ifndef XEN_SYMBOLS_H
#define XEN_SYMBOLS_H

#define KSYM_NAME_LEN 128

/*
 * Name of the function containing 'addr', or NULL if it is outside the image.
 * Sets *size to the function's size (distance to the next symbol) and *offset to
 * the offset of 'addr' in it.
 */
const char *symbols_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);

/* Address of the named symbol, or 0. */
unsigned long symbols_lookup_by_name(const char *name);

#endif /* XEN_SYMBOLS_H */
