"""Compile every public header on its own, and all of them together.

Each header is included twice in an otherwise empty file (so its include
guard is exercised too) and built with strict warnings in several modes;
all headers are then built together with clang.  In guest mode a header may
fail only where Xen's own header refuses the mode with #error too.
"""

import concurrent.futures
import os
import re

from abi_util import OPTIONAL, run, tools_only, trim

STRICT = ["-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes"]

# Each header alone: (label, compiler, flags).
ALONE = [
    ("C99 gcc guest", "gcc", ["-std=c99", "-pedantic-errors"]),
    ("C99 gcc tools", "gcc", ["-std=c99", "-D__XEN_TOOLS__"]),
    ("gnu11 gcc hypervisor", "gcc", ["-std=gnu11", "-D__XEN__"]),
    ("C++11 g++ guest", "g++", ["-std=c++11"]),
    ("C++11 g++ tools", "g++", ["-std=c++11", "-D__XEN_TOOLS__"]),
]

# Every header in one translation unit, with clang and the optional parts.
TOGETHER = [
    ("C99 clang guest", "clang", ["-std=c99", "-pedantic-errors"]),
    ("C99 clang tools", "clang",
     ["-std=c99", "-D__XEN_TOOLS__", "-Wno-unused-function"] + OPTIONAL),
    ("C++11 clang++ tools", "clang++",
     ["-std=c++11", "-D__XEN_TOOLS__", "-Wno-unused-function"] + OPTIONAL),
]


def _strict(cc, flags, src):
    cmd = [cc, "-fsyntax-only"] + STRICT + flags + [src]
    if cc.endswith("++"):
        cmd.remove("-Wstrict-prototypes")  # C only
    return cmd


class Alone:
    """The standalone builds of the headers under @ours."""

    def __init__(self, ours, xen, build, headers):
        self.ours, self.xen, self.build = ours, xen, build
        self.headers = headers
        self.problems = {h: [] for h in headers}

    def source(self, base, side, h, label, cxx):
        """A file that includes header @h of @base twice."""
        src = os.path.join(self.build, "alone-%s-%s-%s.%s" % (
            side, re.sub(r"\W", "_", h), re.sub(r"\W", "_", label),
            "cc" if cxx else "c"))
        with open(src, "w") as f:
            inc = '#include "%s"\n' % os.path.join(base, h)
            f.write(inc + inc + "extern int abi_alone;\n")
        return src

    def together(self, label, cc, flags):
        """A file that includes every header the mode allows."""
        guest = not any(f.startswith("-D__XEN") for f in flags)
        src = os.path.join(self.build, "together-%s.%s" % (
            re.sub(r"\W", "_", label), "cc" if cc.endswith("++") else "c"))
        with open(src, "w") as f:
            f.write("#include <string.h> /* the flex rings need memcpy */\n")
            for h in self.headers:
                path = os.path.join(self.ours, h)
                if not (guest and tools_only(path)):
                    f.write('#include "%s"\n' % path)
        return src

    def compile(self):
        """Run every build, two at a time; return problems by header."""
        jobs = []
        for h in self.headers:
            for label, cc, flags in ALONE:
                src = self.source(self.ours, "ours", h, label,
                                  cc.endswith("++"))
                jobs.append((h, label, flags, _strict(cc, flags, src)))
        for label, cc, flags in TOGETHER:
            src = self.together(label, cc, flags)
            jobs.append((None, label, flags, _strict(cc, flags, src)))
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda j: run(j[3]), jobs))
        for (h, label, flags, cmd), (rc, _, err) in zip(jobs, results):
            if rc == 0:
                continue
            if h is None:
                self.blame(label, err)
            elif any(f.startswith("-D__XEN") for f in flags) or \
                    not self.refused_like_xen(h, label, cmd, err):
                self.problems[h].append("%s:\n%s" % (label,
                                                     trim(err, self.build)))
        return self.problems

    def refused_like_xen(self, h, label, cmd, err):
        """Our header failed in guest mode: fine if Xen's refuses it too."""
        if "#error" not in err or not os.path.exists(os.path.join(self.xen, h)):
            return False
        src = self.source(self.xen, "xen", h, label, cmd[0].endswith("++"))
        rc, _, xerr = run(cmd[:-1] + [src])
        return rc != 0 and "#error" in xerr

    def blame(self, label, err):
        """Attribute the errors of an all-headers build to their headers."""
        blamed = False
        for h in self.headers:
            prefix = os.path.join(self.ours, h) + ":"
            mine = [l for l in err.splitlines() if l.startswith(prefix)]
            if mine:
                blamed = True
                self.problems[h].append("%s (all headers together):\n%s" % (
                    label, trim("\n".join(mine), self.build)))
        if not blamed:
            self.problems[self.headers[0]].append(
                "%s (all headers together):\n%s" % (label,
                                                    trim(err, self.build)))
