/*
 * platform_op: operations on the physical machine, for domain 0 only: time,
 * firmware information, CPUs, and ACPI sleep (power-off).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/cpumask.h>
#include <xen/guest_time.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/acpi.h>
#include <asm/apic.h>
#include <asm/guest_access.h>
#include <asm/hypercall.h>
#include <public/platform.h>

long do_platform_op(XEN_GUEST_HANDLE_PARAM(xen_platform_op_t) u_op)
{
    struct xen_platform_op op;
    long rc = 0;

    if ( !current->domain->is_privileged )
        return -EPERM;
    if ( raw_copy_from_guest(&op, u_op.p, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;

    switch ( op.cmd )
    {
    case XENPF_settime32:
        do_settime(op.u.settime32.secs, op.u.settime32.nsecs, op.u.settime32.system_time);
        return 0;

    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        do_settime(op.u.settime64.secs, op.u.settime64.nsecs, op.u.settime64.system_time);
        return 0;

    case XENPF_get_cpuinfo:
    {
        xenpf_pcpuinfo_t *g = &op.u.pcpu_info;

        g->max_present = nr_cpu_ids - 1;
        if ( g->xen_cpuid >= NR_CPUS || !cpumask_test_cpu(g->xen_cpuid, &cpu_present_map) )
            g->flags = XEN_PCPU_FLAGS_INVALID;
        else
        {
            g->flags = cpu_online(g->xen_cpuid) ? XEN_PCPU_FLAGS_ONLINE : 0;
            g->apic_id = x86_cpu_to_apicid[g->xen_cpuid];
            g->acpi_id = g->xen_cpuid;
        }
        break;
    }

    case XENPF_enter_acpi_sleep:
        /* S5 is power-off; other sleep states are not supported. */
        if ( op.u.enter_acpi_sleep.sleep_state != 5 )
            return -EOPNOTSUPP;
        machine_power_off();

    case XENPF_firmware_info:
        return -ESRCH;                  /* no EDD, EFI or keyboard information */

    case XENPF_set_processor_pminfo:
        return 0;                       /* no power management: accepted, ignored */

    default:
        return -ENOSYS;
    }
    return raw_copy_to_guest(u_op.p, &op, sizeof(op)) ? -EFAULT : rc;
}
