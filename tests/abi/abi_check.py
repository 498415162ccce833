#!/usr/bin/env python3
"""ABI conformance of xen/include/public against Xen 4.17's public headers.

For every interface mode (toolstack, guest with the legacy default, guest at
the latest revision, ...) this finds everything our headers define
(abi_items.py), writes one checker program that prints, for each item, the
facts that make up the ABI -- sizes, alignments, field offsets and sizes,
signedness, constant values, string values -- and compiles it twice: once
against our headers and once against Debian's libxen-dev headers
(/usr/include/xen).  The two outputs must be identical.  Behaviour that
macros encode (rings, UUIDs, errno tables...) is exercised by the
scenarios/ programs, compiled and compared the same way.

It also compiles every header alone, twice in a row, as C99 and as C++,
with gcc and clang and strict warnings.

Output: one "PASS: name" or "FAIL: name" line per header and aspect, with
the differences under a failure.  Exit status 1 if anything failed.
"""

import argparse
import os
import re
import sys

import abi_items
from abi_alone import Alone
from abi_classify import classify
from abi_util import OPTIONAL, c_string, run, tools_only, trim

HERE = os.path.dirname(os.path.abspath(__file__))

# The modes the headers are compared in: name -> extra compiler flags.
MODES = [
    ("tools", ["-D__XEN_TOOLS__"]),
    ("guest-legacy", []),
    ("guest-0x00030205", ["-D__XEN_INTERFACE_VERSION__=0x00030205"]),
    ("guest-latest", ["-D__XEN_INTERFACE_VERSION__=0x00040e00"]),
]


class Check:
    """The whole comparison, collecting problems per header."""

    def __init__(self, args):
        self.ours = os.path.realpath(args.ours)
        self.xen = os.path.realpath(args.xen)
        self.build = os.path.realpath(args.build)
        os.makedirs(self.build, exist_ok=True)
        self.headers = sorted(
            os.path.relpath(os.path.join(d, f), self.ours)
            for d, _, files in os.walk(self.ours) for f in files
            if f.endswith(".h"))
        self.problems = {h: [] for h in self.headers}
        self.counts = {h: 0 for h in self.headers}
        self.scenarios = self.load_scenarios()
        self.exempt = self.load_exempt()
        self.seen_macros = set()
        self.alone = {h: [] for h in self.headers}

    # ---- inputs ---------------------------------------------------------

    def load_scenarios(self):
        """scenarios/*.c: name -> (header, path, text)."""
        out = {}
        sdir = os.path.join(HERE, "scenarios")
        for name in sorted(os.listdir(sdir)):
            if not name.endswith(".c"):
                continue
            path = os.path.join(sdir, name)
            with open(path) as f:
                text = f.read()
            m = re.search(r"abi-header:\s*(\S+)", text)
            if not m:
                raise SystemExit("%s: no 'abi-header:' line" % path)
            out[name[:-2].replace("-", "_")] = (m.group(1), path, text)
        return out

    def load_exempt(self):
        """exempt.txt: macro -> reason it is not compared by value."""
        out = {}
        path = os.path.join(HERE, "exempt.txt")
        with open(path) as f:
            for num, line in enumerate(f, 1):
                line = line.split("#", 1)[0].strip()
                if not line:
                    continue
                name, _, reason = line.partition(" ")
                if not reason.strip():
                    raise SystemExit("%s:%d: '%s' needs a reason" %
                                     (path, num, name))
                out[name] = reason.strip()
        return out

    def headers_for(self, mode):
        """The headers a mode may include (guests cannot use domctl...)."""
        if mode == "tools":
            return list(self.headers)
        return [h for h in self.headers
                if not tools_only(os.path.join(self.ours, h))]

    def prelude(self, base, headers, path):
        """Include every header; xen.h first, as Xen's own headers need."""
        with open(path, "w") as f:
            f.write("#include <errno.h>  /* for xs_wire.h's error table */\n")
            f.write("#include <string.h> /* for the flex rings */\n")
            for h in sorted(headers, key=lambda h: (h != "xen.h", h)):
                f.write('#include "%s"\n' % os.path.join(base, h))
        return path

    # ---- the checker program -------------------------------------------

    def gen_checker(self, mode, items, consts, strings, empty, headers):
        """Write the checker's source; return its path."""
        by_hdr = {h: [] for h in headers}

        def emit(h, code):
            by_hdr[h].append(code)

        for rec in items.records:
            t = rec.cname
            emit(rec.header, 'REC(%s, %s);' % (c_string(t), t))
            for fld in rec.fields:
                key = c_string(t + "." + fld.path)
                if fld.bitfield:
                    emit(rec.header, 'BITS(%s, %s, %s);' % (key, t, fld.path))
                elif fld.flexible:
                    emit(rec.header, 'FLEX(%s, %s, %s);' % (key, t, fld.path))
                elif fld.integer:
                    elem = fld.path + "".join("[0]" for _ in fld.dims)
                    emit(rec.header, 'IFIELD(%s, %s, %s, %s);' %
                         (key, t, fld.path, elem))
                else:
                    emit(rec.header, 'FIELD(%s, %s, %s);' % (key, t, fld.path))
        for hdr, name, integer in items.typedefs:
            emit(hdr, '%s(%s, %s);' % ("ITYPE" if integer else "TYPE",
                                       c_string(name), name))
        for hdr, name in items.enums:
            emit(hdr, 'TYPE(%s, %s);' % (c_string(name), name))
        for hdr, name in items.enum_consts:
            emit(hdr, 'ECONST(%s, %s);' % (c_string(name), name))
        for name in sorted(items.macros):
            hdr, fn, _ = items.macros[name]
            if hdr not in by_hdr or name == abi_items.guard_name(hdr):
                continue
            q = c_string(name)
            if name in consts:
                code = 'CONST(%s, %s);' % (q, name)
            elif name in strings:
                code = 'STR(%s, %s);' % (q, name)
            elif name in empty:
                code = 'EMPTY(%s, %s);' % (q, name)
            else:
                code = 'DEFINED(%s);' % q
            emit(hdr, "#ifdef %s\n    %s\n#else\n    MISSING(%s);\n#endif"
                 % (name, code, q))
        path = os.path.join(self.build, "checker-%s.c" % mode)
        with open(path, "w") as f:
            f.write('#include "%s"\n' % os.path.join(HERE, "checker.h"))
            f.write("#include PRELUDE\n")
            for i, h in enumerate(headers):
                f.write("\n#if ONLY < 0 || ONLY == %d\n" % i)
                f.write("#define ABI_HEADER %s\n" % c_string(h))
                for name, (sh, spath, _) in sorted(self.scenarios.items()):
                    if sh == h:
                        f.write('#include "%s"\n' % spath)
                f.write("static void header_%d(void)\n{\n" % i)
                for code in by_hdr[h]:
                    f.write("    %s\n" % code)
                for name, (sh, _, _) in sorted(self.scenarios.items()):
                    if sh == h:
                        f.write("    scenario_%s();\n" % name)
                f.write("}\n#undef ABI_HEADER\n#endif\n")
            f.write("\nint main(void)\n{\n")
            for i, h in enumerate(headers):
                f.write("#if ONLY < 0 || ONLY == %d\n    header_%d();\n#endif\n"
                        % (i, i))
            f.write("    return 0;\n}\n")
        return path

    def build_and_run(self, src, base, prelude, flags, only, tag):
        """
        Compile the checker against the headers in @base (@prelude includes
        them all; @only selects one header's part, -1 for all) and run it.
        Returns (output, None) or (None, the compiler's complaint).
        """
        exe = os.path.join(self.build, tag)
        # errno.h's scenario includes it again, as an X-macro list.
        errno_h = os.path.join(self.build, "errno-" + tag + ".h")
        with open(errno_h, "w") as f:
            f.write('#include "%s"\n' % os.path.join(base, "errno.h"))
        rc, _, err = run(["gcc", "-std=gnu11", "-w", "-O0",
                          "-DPRELUDE=" + c_string(prelude),
                          "-DABI_ERRNO_H=" + c_string(errno_h),
                          "-DONLY=%d" % only] + flags + [src, "-o", exe])
        if rc != 0:
            return None, err
        rc, out, err = run([exe])
        if rc != 0:
            return None, "checker exited with status %d\n%s" % (rc, err)
        return out, None

    def compare_mode(self, mode, flags):
        """Find our items in one mode, print them on both sides, compare."""
        flags = flags + OPTIONAL
        headers = self.headers_for(mode)
        ours_pre = self.prelude(self.ours, headers,
                                os.path.join(self.build, "ours-%s.h" % mode))
        missing = [h for h in headers
                   if not os.path.exists(os.path.join(self.xen, h))]
        for h in missing:
            self.problems[h].append("%s: Xen 4.17 has no %s/%s" %
                                    (mode, self.xen, h))
        xen_pre = self.prelude(self.xen, [h for h in headers
                                          if h not in missing],
                               os.path.join(self.build, "xen-%s.h" % mode))
        tu = os.path.join(self.build, "all-%s.c" % mode)
        with open(tu, "w") as f:
            f.write('#include "%s"\n' % ours_pre)
        items = abi_items.Items()
        abi_items.records_and_types(tu, self.ours, flags, items)
        abi_items.macros(tu, self.ours, flags, items)
        names = sorted(n for n, (_, fn, _) in items.macros.items() if not fn)
        consts, strings, empty, other = classify(self.build, mode, flags,
                                                 ours_pre, names)
        self.check_coverage(mode, items, empty, other)
        src = self.gen_checker(mode, items, consts, strings, empty, headers)
        out_ours, _ = self.build_and_run(src, self.ours, ours_pre, flags, -1,
                                         "checker-%s-ours" % mode)
        out_xen, _ = self.build_and_run(src, self.xen, xen_pre, flags, -1,
                                        "checker-%s-xen" % mode)
        if out_ours is None or out_xen is None:
            self.per_header(mode, src, ours_pre, xen_pre, flags, headers)
        else:
            self.diff(mode, out_ours, out_xen)

    def per_header(self, mode, src, ours_pre, xen_pre, flags, headers):
        """A combined build failed: find which headers are to blame."""
        for i, h in enumerate(headers):
            o, oerr = self.build_and_run(src, self.ours, ours_pre, flags, i,
                                         "one-%s-ours" % mode)
            x, xerr = self.build_and_run(src, self.xen, xen_pre, flags, i,
                                         "one-%s-xen" % mode)
            if o is None:
                self.problems[h].append("%s: the checker does not build "
                                        "against our headers:\n%s" %
                                        (mode, trim(oerr, self.build)))
            elif x is None:
                self.problems[h].append("%s: the checker does not build "
                                        "against Xen's headers (we define "
                                        "something Xen does not):\n%s" %
                                        (mode, trim(xerr, self.build)))
            else:
                self.diff(mode, o, x)

    def diff(self, mode, ours, xen):
        """Compare the two outputs line by line, per header."""
        def parse(text):
            table = {}
            for line in text.splitlines():
                hdr, key, val = (line.split("\t") + ["", ""])[:3]
                facts = table.setdefault(hdr, {})
                n, unique = 1, key
                while unique in facts:  # scenarios repeat keys
                    n += 1
                    unique = "%s (#%d)" % (key, n)
                facts[unique] = val
            return table
        o, x = parse(ours), parse(xen)
        for h in set(o) | set(x):
            if h not in self.problems:
                continue
            oh, xh = o.get(h, {}), x.get(h, {})
            self.counts[h] += len(oh)
            for key in sorted(set(oh) | set(xh)):
                if oh.get(key) != xh.get(key):
                    self.problems[h].append(
                        "%s: %s\n        ours: %s\n        xen:  %s" %
                        (mode, key, oh.get(key, "(absent)"),
                         xh.get(key, "(absent)")))

    # ---- coverage --------------------------------------------------------

    def check_coverage(self, mode, items, empty, other):
        """Every macro must be compared by value, or exercised, or exempted."""
        used = set()
        for _, _, text in self.scenarios.values():
            used |= set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
        for name, (hdr, fn, _) in items.macros.items():
            self.seen_macros.add(name)
            if name == abi_items.guard_name(hdr):
                continue
            if name in empty and name not in self.exempt:
                continue
            if (fn or name in other) and name not in used and \
                    name not in self.exempt:
                self.problems[hdr].append(
                    "%s: macro %s is neither a constant, nor used by a "
                    "scenario, nor listed in exempt.txt" % (mode, name))

    def check_guards(self):
        """Each header's include guard must follow from its path."""
        for h in self.headers:
            with open(os.path.join(self.ours, h)) as f:
                text = f.read()
            guard = abi_items.guard_name(h)
            if not re.search(r"#ifndef %s\n#define %s\n" % (guard, guard),
                             text):
                self.problems[h].append("include guard is not %s" % guard)

    # ---- report -------------------------------------------------------

    def report(self):
        """Print the PASS/FAIL lines; return the number of failures."""
        failed = 0
        stale = sorted(set(self.exempt) - self.seen_macros)
        if stale:
            failed += 1
            print("FAIL: abi exempt.txt lists macros no header defines: %s" %
                  " ".join(stale))
        for h in self.headers:
            name = "abi layout %s" % h
            if self.problems[h]:
                failed += 1
                print("FAIL: %s" % name)
                for p in self.problems[h][:40]:
                    print("    " + p)
                if len(self.problems[h]) > 40:
                    print("    ... %d more" % (len(self.problems[h]) - 40))
            else:
                print("PASS: %s (%d facts match Xen 4.17 across %d modes)" %
                      (name, self.counts[h], len(MODES)))
            name = "abi alone %s" % h
            if self.alone[h]:
                failed += 1
                print("FAIL: %s" % name)
                for p in self.alone[h]:
                    print("    " + p)
            else:
                print("PASS: %s (C99, C++11 and hypervisor builds, "
                      "gcc and clang)" % name)
        return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="our xen/include/public")
    ap.add_argument("--xen", default="/usr/include/xen",
                    help="Xen 4.17's public headers (libxen-dev)")
    ap.add_argument("--build", required=True, help="scratch directory")
    args = ap.parse_args()
    if not os.path.exists(os.path.join(args.xen, "xen.h")):
        print("SKIP: abi (no Xen headers at %s: install libxen-dev)" % args.xen)
        return 0
    check = Check(args)
    check.check_guards()
    for mode, flags in MODES:
        check.compare_mode(mode, flags)
    alone = Alone(check.ours, check.xen, check.build, check.headers)
    check.alone = alone.compile()
    return 1 if check.report() else 0


if __name__ == "__main__":
    sys.exit(main())
