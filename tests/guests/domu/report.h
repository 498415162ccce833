/*
 * What the test domU (kernel/) and the domain 0 test driving it (main.c)
 * share: the report the domU writes into its xenstore page, which domain 0
 * keeps mapped, and the commands domain 0 writes there.
 */
#ifndef DOMU_REPORT_H
#define DOMU_REPORT_H

#include <stdint.h>

#define DOMU_MAGIC          0x554d4f44u     /* "DOMU" */

/* report.stage */
#define DOMU_STAGE_STARTED  1               /* running, report page found */
#define DOMU_STAGE_PROBED   2               /* every probe below done */
#define DOMU_STAGE_LOOPING  3               /* waiting for events */

/* report.command: set by domain 0, then an event. */
#define DOMU_CMD_NONE       0
#define DOMU_CMD_SHUTDOWN   1               /* SCHEDOP_shutdown(command_arg) */
#define DOMU_CMD_ECHO       2               /* send an event back */
#define DOMU_CMD_CRASH      3               /* execute UD2 with no trap table */

/* What the domU tried, as a guest that is not privileged; rc[] holds the answer. */
enum domu_probe {
    PROBE_DOMCTL_GETINFO,       /* domctl getdomaininfo of domain 0 */
    PROBE_DOMCTL_PAUSE_DOM0,    /* domctl pausedomain of domain 0 */
    PROBE_DOMCTL_PAUSE_NONE,    /* domctl pausedomain of a domain that does not exist */
    PROBE_DOMCTL_VERSION,       /* domctl with interface version 0 */
    PROBE_SYSCTL_PHYSINFO,      /* sysctl physinfo */
    PROBE_SYSCTL_VERSION,       /* sysctl with interface version 0 */
    PROBE_CONSOLE_WRITE,        /* console_io(CONSOLEIO_write) */
    PROBE_PLATFORM_OP,          /* platform_op(XENPF_get_cpuinfo) */
    PROBE_MACHINE_MEMORY_MAP,   /* XENMEM_machine_memory_map */
    PROBE_MEMORY_MAP,           /* XENMEM_memory_map: the map domain 0 set */
    PROBE_POPULATE_DOM0,        /* populate_physmap for domain 0 (extents done) */
    PROBE_RESERVATION_DOM0,     /* XENMEM_current_reservation of domain 0 */
    PROBE_RESERVATION_SELF,     /* XENMEM_current_reservation of itself */
    PROBE_ALLOC_UNBOUND_DOM0,   /* EVTCHNOP_alloc_unbound in domain 0 */
    PROBE_REMOTE_SHUTDOWN,      /* SCHEDOP_remote_shutdown of domain 0 */
    PROBE_MAX_GPFN_BEFORE,      /* XENMEM_maximum_gpfn before arch.max_pfn is set */
    PROBE_MAX_GPFN_AFTER,       /* ... and after */
    PROBE_MAP_SHARED_INFO,      /* update_va_mapping of its shared_info */
    PROBE_SEND_HELLO,           /* EVTCHNOP_send on the store port */
    PROBE_MAP_PIRQ_SELF,        /* PHYSDEVOP_map_pirq of GSI 5 for itself */
    PROBE_MAP_PIRQ_DOM0,        /* PHYSDEVOP_map_pirq of GSI 5 for domain 0 */
    PROBE_BIND_PIRQ,            /* EVTCHNOP_bind_pirq of PIRQ 5, not its own */
    NR_DOMU_PROBES
};

struct domu_report {
    uint32_t magic;
    volatile uint32_t stage;
    volatile uint64_t heartbeat;        /* loop iterations */
    volatile uint32_t polls;            /* events seen on the store port */
    volatile uint32_t command;          /* DOMU_CMD_*, written by domain 0 */
    volatile uint32_t command_arg;
    uint32_t nr_pages;                  /* from start_info */
    int64_t rc[NR_DOMU_PROBES];
    /* PROBE_MEMORY_MAP: entries returned, then the first one. */
    uint32_t map_entries;
    uint64_t map_addr, map_size;
    uint32_t map_type;
};

#endif /* DOMU_REPORT_H */
