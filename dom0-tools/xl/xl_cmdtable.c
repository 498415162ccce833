/*
 * Every subcommand, with Xen 4.17 xl's description, usage and option
 * letters, so that "xl help CMD" reads as Xen's does.
 */
#include <string.h>

#include "xl.h"

const struct cmd_spec cmd_table[] = {
    { "create", main_create, 1, 1, 0,
      "Create a domain from config file <filename>",
      "<ConfigFile> [options] [vars]",
      "-h                      Print this help.\n"
      "-p                      Leave the domain paused after it is created.\n"
      "-c                      Connect to the console after the domain is created.\n"
      "-f FILE, --defconfig=FILE\n"
      "                        Use the given configuration file.\n"
      "-q, --quiet             Quiet.\n"
      "-n, --dryrun            Dry run - prints the resulting configuration\n"
      "                         (deprecated in favour of global -N option).\n"
      "-d                      Enable debug messages.\n"
      "-F                      Run in foreground until death of the domain.\n"
      "-e                      Do not wait in the background for the death of the domain.\n"
      "-V, --vncviewer         Connect to the VNC display after the domain is created.\n"
      "-A, --vncviewer-autopass\n"
      "                        Pass VNC password to viewer via stdin.\n"
      "A config file ending in .xml is read as a libvirt <domain> definition."
    },
    { "list", main_list, 0, 0, 1,
      "List information about all/some domains",
      "[options] [Domain]\n",
      "-l, --long              Output all VM details\n"
      "-j, --json              Output as JSON (as -l does)\n"
      "-v, --verbose           Prints out UUIDs and security context\n"
      "-Z, --context           Prints out security context\n"
      "-c, --cpupool           Prints the cpupool the domain is in\n"
      "-n, --numa              Prints out NUMA node affinity"
    },
    { "destroy", main_destroy, 0, 1, 1,
      "Terminate a domain immediately",
      "[options] <Domain>\n",
      "-f                      Permit destroying domain 0."
    },
    { "shutdown", main_shutdown, 0, 1, 1,
      "Issue a shutdown signal to a domain",
      "[options] <-a|Domain>",
      "-a, --all               Shutdown all guest domains.\n"
      "-h                      Print this help.\n"
      "-F                      Fallback to ACPI power event for HVM guests with\n"
      "                        no PV drivers.\n"
      "-w, --wait              Wait for guest(s) to shutdown.\n"
    },
    { "reboot", main_shutdown, 0, 1, 1,
      "Issue a reboot signal to a domain",
      "[options] <-a|Domain>",
      "-a, --all               Shutdown all guest domains.\n"
      "-h                      Print this help.\n"
      "-F                      Fallback to ACPI reset event for HVM guests with\n"
      "                        no PV drivers.\n"
      "-w, --wait              Wait for guest(s) to reboot.\n"
    },
    { "pause", main_pause, 0, 1, 1,
      "Pause execution of a domain",
      "<Domain>", NULL
    },
    { "unpause", main_unpause, 0, 1, 1,
      "Unpause a paused domain",
      "<Domain>", NULL
    },
    { "console", main_console, 0, 0, 1,
      "Attach to domain's console",
      "[options] <Domain>\n"
      "-t <type>       console type, pv , serial or vuart\n"
      "-n <number>     console number", NULL
    },
    { "save", main_hv_command, 0, 1, 1,
      "Save a domain state to restore later",
      "[options] <Domain> <CheckpointFile> [<ConfigFile>]",
      "-h  Print this help.\n"
      "-c  Leave domain running after creating the snapshot.\n"
      "-p  Leave domain paused after creating the snapshot.\n"
      "-D  Store the domain id in the configuration."
    },
    { "migrate", main_hv_command, 0, 1, 1,
      "Migrate a domain to another host",
      "[options] <Domain> <host>",
      "-h              Print this help.\n"
      "-C <config>     Send <config> instead of config file from creation.\n"
      "-s <sshcommand> Use <sshcommand> instead of ssh.  String will be passed\n"
      "                to sh. If empty, run <host> instead of ssh <host> xl\n"
      "                migrate-receive [-d -e]\n"
      "-e              Do not wait in the background (on <host>) for the death\n"
      "                of the domain.\n"
      "--debug         Print huge (!) amount of debug during the migration process.\n"
      "-p              Do not unpause domain after migrating it.\n"
      "-D              Preserve the domain id"
    },
    { "restore", main_hv_command, 0, 1, 1,
      "Restore a domain from a saved state",
      "[options] [<ConfigFile>] <CheckpointFile>",
      "-h                       Print this help.\n"
      "-p                       Do not unpause domain after restoring it.\n"
      "-e                       Do not wait in the background for the death of the domain.\n"
      "-d                       Enable debug messages.\n"
      "-V, --vncviewer          Connect to the VNC display after the domain is created.\n"
      "-A, --vncviewer-autopass Pass VNC password to viewer via stdin."
    },
    { "dmesg", main_dmesg, 0, 0, 1,
      "Read and/or clear dmesg buffer",
      "[-c]",
      "  -c                        Clear dmesg buffer as well as printing it"
    },
    { "info", main_info, 0, 0, 1,
      "Get information about Xen host",
      "-n, --numa         List host NUMA topology information\n"
      "-j, --json         Output as JSON", NULL
    },
    { "mem-max", main_memmax, 0, 1, 1,
      "Set the maximum amount reservation for a domain",
      "<Domain> <MemMB['b'[bytes]|'k'[KB]|'m'[MB]|'g'[GB]|'t'[TB]]>", NULL
    },
    { "mem-set", main_memset, 0, 1, 1,
      "Set the current memory usage for a domain",
      "<Domain> <MemMB['b'[bytes]|'k'[KB]|'m'[MB]|'g'[GB]|'t'[TB]]>", NULL
    },
    { "vcpu-list", main_vcpu_list, 0, 0, 1,
      "List the VCPUs for all/some domains",
      "[Domain, ...]",
      "-j, --json              Output as JSON"
    },
    { "vcpu-pin", main_hv_command, 0, 1, 1,
      "Set which CPUs a VCPU can use",
      "[option] <Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>",
      "-f, --force        undo an override pinning done by the kernel"
    },
    { "vcpu-set", main_hv_command, 0, 1, 1,
      "Set the number of active VCPUs allowed for the domain",
      "[option] <Domain> <vCPUs>",
      "-i, --ignore-host  Don't limit the vCPU based on the host CPU count"
    },
    { "sched-credit", main_sched_credit, 0, 1, 1,
      "Get/set credit scheduler parameters",
      "[-d <Domain> [-w[=WEIGHT]|-c[=CAP]]] [-s [-t TSLICE] [-r RATELIMIT]] "
      "[-p CPUPOOL]",
      "-d DOMAIN, --domain=DOMAIN        Domain to modify\n"
      "-w WEIGHT, --weight=WEIGHT        Weight (int)\n"
      "-c CAP, --cap=CAP                 Cap (int)\n"
      "-s         --schedparam           Query / modify scheduler parameters\n"
      "-t TSLICE, --tslice_ms=TSLICE     Set the timeslice, in milliseconds\n"
      "-r RLIMIT, --ratelimit_us=RLIMIT  Set the scheduling rate limit, in microseconds\n"
      "-m DLY, --migration_delay_us=DLY  Set the migration delay, in microseconds\n"
      "-p CPUPOOL, --cpupool=CPUPOOL     Restrict output to CPUPOOL\n"
      "-j, --json                        Output as JSON"
    },
    { "uptime", main_uptime, 0, 0, 1,
      "Print uptime for all/some domains",
      "[-s] [Domain]",
      "-s, --short             Uptime in seconds\n"
      "-j, --json              Output as JSON"
    },
    { "block-attach", main_hv_command, 1, 1, 1,
      "Create a new virtual block device",
      "<Domain> <disk-spec-component(s)>...", NULL
    },
    { "block-list", main_hv_command, 0, 0, 1,
      "List virtual block devices for a domain",
      "<Domain(s)>",
      "-j, --json              Output as JSON"
    },
    { "block-detach", main_hv_command, 0, 1, 1,
      "Destroy a domain's virtual block device",
      "[option] <Domain> <DevId>",
      "-f, --force        Force detach"
    },
    { "network-attach", main_hv_command, 1, 1, 1,
      "Create a new virtual network device",
      "<Domain> [type=<type>] [mac=<mac>] [bridge=<bridge>] "
      "[ip=<ip>] [script=<script>] [backend=<BackDomain>] [vifname=<name>] "
      "[rate=<rate>] [model=<model>] [accel=<accel>]", NULL
    },
    { "network-list", main_hv_command, 0, 0, 1,
      "List virtual network interfaces for a domain",
      "<Domain(s)>",
      "-j, --json              Output as JSON"
    },
    { "network-detach", main_hv_command, 0, 1, 1,
      "Destroy a domain's virtual network device",
      "<Domain> <DevId|mac>", NULL
    },
    { "domxml-to-xl", main_domxml_to_xl, 0, 0, 0,
      "Convert a libvirt domain XML definition to an xl config file",
      "<XMLFile>",
      "-j, --json              Print the domain's JSON configuration instead"
    },
    { "domxml-from-xl", main_domxml_from_xl, 0, 0, 0,
      "Convert an xl config file to a libvirt domain XML definition",
      "<ConfigFile> [vars]", NULL
    },
    { "help", main_help, 0, 0, 0,
      "Print this help, or the help of one command",
      "[<command>]", NULL
    },
};

const unsigned int cmd_table_len = sizeof(cmd_table) / sizeof(cmd_table[0]);

const struct cmd_spec *cmd_lookup(const char *name)
{
    unsigned int i;

    for ( i = 0; i < cmd_table_len; i++ )
        if ( !strcmp(cmd_table[i].name, name) )
            return &cmd_table[i];
    return NULL;
}
