"""Small helpers shared by the ABI conformance test's modules."""

import os
import re
import subprocess

# Optional parts of the headers that an includer asks for, turned on so that
# they are compared and compiled too.
OPTIONAL = ["-DXEN_NETIF_DEFINE_TOEPLITZ", "-DXEN_WANT_FLEX_CONSOLE_RING"]

# Headers that refuse to be used outside the hypervisor and the toolstack.
_TOOLS_ONLY = re.compile(
    r"#if\s+!defined\(__XEN__\)\s*&&\s*!defined\(__XEN_TOOLS__\)\s*\n\s*#error")


def run(cmd):
    """Run a command; return (status, stdout, stderr)."""
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def c_string(text):
    """@text as a C string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def tools_only(path):
    """Whether the header at @path refuses guest use with #error."""
    with open(path) as f:
        return bool(_TOOLS_ONLY.search(f.read()))


def trim(err, build):
    """The first error lines of a compiler's output, indented for a report."""
    lines = [l for l in err.splitlines()
             if ": error:" in l or "note:" in l][:12]
    return "\n".join("      " + l.replace(build + "/", "") for l in lines)
