/* Hostile arguments to domctl and sysctl (fuzz.c). */
#ifndef DOMCTL_FUZZ_H
#define DOMCTL_FUZZ_H

void fuzz_domctls(void);

#endif /* DOMCTL_FUZZ_H */
