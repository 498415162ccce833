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
import concurrent.futures
import os
import re
import subprocess
import sys

import abi_items

HERE = os.path.dirname(os.path.abspath(__file__))

# The modes the headers are compared in: name -> extra compiler flags.
MODES = [
    ("tools", ["-D__XEN_TOOLS__"]),
    ("guest-legacy", []),
    ("guest-0x00030205", ["-D__XEN_INTERFACE_VERSION__=0x00030205"]),
    ("guest-latest", ["-D__XEN_INTERFACE_VERSION__=0x00040e00"]),
]

# Optional parts of the headers that an includer asks for, turned on in every
# mode so that they are compared too.
OPTIONAL = ["-DXEN_NETIF_DEFINE_TOEPLITZ", "-DXEN_WANT_FLEX_CONSOLE_RING"]

# Headers that refuse to be used outside the hypervisor and the toolstack.
TOOLS_ONLY = re.compile(
    r"#if\s+!defined\(__XEN__\)\s*&&\s*!defined\(__XEN_TOOLS__\)\s*\n\s*#error")

STRICT = ["-Wall", "-Wextra", "-Werror", "-Wshadow", "-Wstrict-prototypes"]


def run(cmd, cwd=None):
    """Run a command; return (status, stdout, stderr)."""
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


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
        self.alone = {h: [] for h in self.headers}
        self.scenarios = self.load_scenarios()
        self.exempt = self.load_exempt()
        self.seen_macros = set()

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

    def tools_only(self, header):
        with open(os.path.join(self.ours, header)) as f:
            return bool(TOOLS_ONLY.search(f.read()))

    def headers_for(self, mode):
        if mode == "tools":
            return list(self.headers)
        return [h for h in self.headers if not self.tools_only(h)]

    def prelude(self, base, headers, path):
        """Include every header; xen.h first, as Xen's own headers need."""
        with open(path, "w") as f:
            f.write("#include <string.h> /* for the flex rings */\n")
            for h in sorted(headers, key=lambda h: (h != "xen.h", h)):
                f.write('#include "%s"\n' % os.path.join(base, h))
        return path

    # ---- classification of macros -------------------------------------

    def classify(self, mode, flags, items, prelude):
        """Split object-like macros into integer constants, strings, the rest."""
        names = sorted(n for n, (_, fn, _) in items.macros.items() if not fn)
        src = os.path.join(self.build, "classify-%s.c" % mode)
        ice = set(names)
        for _ in range(3):
            with open(src, "w") as f:
                f.write('#include "%s"\n' % prelude)
                for n in sorted(ice):
                    f.write("_Static_assert((%s) * 0 + 1, \"\");\n" % n)
            with open(src) as f:
                text = f.read()
            line_of = {}
            for num, line in enumerate(text.splitlines(), 1):
                m = re.match(r"_Static_assert\(\((\w+)\)", line)
                if m:
                    line_of[num] = m.group(1)
            rc, _, err = run(["gcc", "-std=gnu11", "-pedantic-errors", "-w",
                              "-ftrack-macro-expansion=0", "-fsyntax-only"] +
                             flags + [src])
            if rc == 0:
                break
            bad = set()
            for m in re.finditer(r"^%s:(\d+):" % re.escape(src), err, re.M):
                if int(m.group(1)) in line_of:
                    bad.add(line_of[int(m.group(1))])
            if not bad:
                raise SystemExit("classifying macros failed:\n" + err)
            ice -= bad
        rest = [n for n in names if n not in ice]
        expansion = self.expand(mode, flags, prelude, rest)
        strings, empty, other = set(), set(), set()
        for n in rest:
            body = expansion.get(n, "").strip()
            if re.fullmatch(r'(\s*"([^"\\]|\\.)*")+\s*', body):
                strings.add(n)
            elif body == "":
                empty.add(n)
            else:
                other.add(n)
        return ice, strings, empty, other

    def expand(self, mode, flags, prelude, names):
        """What each macro finally expands to, according to the preprocessor."""
        src = os.path.join(self.build, "expand-%s.c" % mode)
        with open(src, "w") as f:
            f.write('#include "%s"\n' % prelude)
            for n in names:
                f.write('"@@%s@@" %s\n' % (n, n))
        rc, out, err = run(["gcc", "-std=gnu11", "-E", "-P"] + flags + [src])
        if rc != 0:
            raise SystemExit("expanding macros failed:\n" + err)
        result = {}
        for line in out.splitlines():
            m = re.match(r'"@@(\w+)@@"(.*)$', line)
            if m:
                result[m.group(1)] = m.group(2)
        return result

    # ---- the checker program -------------------------------------------

    def gen_checker(self, mode, items, consts, strings, empty, other, headers):
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

    def build_and_run(self, src, prelude, flags, only, tag):
        """Compile the checker against one set of headers and run it."""
        exe = os.path.join(self.build, tag)
        errno_h = os.path.join(os.path.dirname(prelude), "errno-" +
                               os.path.basename(prelude))
        with open(errno_h, "w") as f:
            base = self.ours if "/ours-" in prelude else self.xen
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
        consts, strings, empty, other = self.classify(mode, flags, items,
                                                      ours_pre)
        self.check_coverage(mode, items, empty, other)
        src = self.gen_checker(mode, items, consts, strings, empty, other,
                               headers)
        ours, err = self.build_and_run(src, ours_pre, flags, -1,
                                       "checker-%s-ours" % mode)
        if ours is None:
            self.per_header(mode, src, ours_pre, xen_pre, flags, headers,
                            "ours", err)
            return
        xen, err = self.build_and_run(src, xen_pre, flags, -1,
                                      "checker-%s-xen" % mode)
        if xen is None:
            self.per_header(mode, src, ours_pre, xen_pre, flags, headers,
                            "xen", err)
            return
        self.diff(mode, ours, xen)

    def per_header(self, mode, src, ours_pre, xen_pre, flags, headers, side,
                   err):
        """A combined build failed: find which headers are to blame."""
        for i, h in enumerate(headers):
            o, oerr = self.build_and_run(src, ours_pre, flags, i,
                                         "one-%s-ours" % mode)
            x, xerr = self.build_and_run(src, xen_pre, flags, i,
                                         "one-%s-xen" % mode)
            if o is None:
                self.problems[h].append("%s: the checker does not build "
                                        "against our headers:\n%s" %
                                        (mode, self.trim(oerr)))
            elif x is None:
                self.problems[h].append("%s: the checker does not build "
                                        "against Xen's headers (we define "
                                        "something Xen does not):\n%s" %
                                        (mode, self.trim(xerr)))
            else:
                self.diff(mode, o, x)

    def trim(self, err):
        lines = [l for l in err.splitlines() if ": error:" in l or
                 "note:" in l][:12]
        return "\n".join("      " + l.replace(self.build + "/", "")
                         for l in lines)

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
        for h in self.headers:
            with open(os.path.join(self.ours, h)) as f:
                text = f.read()
            guard = abi_items.guard_name(h)
            if not re.search(r"#ifndef %s\n#define %s\n" % (guard, guard), text):
                self.problems[h].append("include guard is not %s" % guard)

    # ---- compiling each header alone ---------------------------------------

    # Each header alone, included twice: (label, compiler, flags).
    ALONE = [
        ("C99 gcc guest", "gcc", ["-std=c99", "-pedantic-errors"]),
        ("C99 gcc tools", "gcc", ["-std=c99", "-D__XEN_TOOLS__"]),
        ("gnu11 gcc hypervisor", "gcc", ["-std=gnu11", "-D__XEN__"]),
        ("C++11 g++ guest", "g++", ["-std=c++11"]),
        ("C++11 g++ tools", "g++", ["-std=c++11", "-D__XEN_TOOLS__"]),
    ]
    # Every header in one translation unit, with clang, optional parts on.
    TOGETHER = [
        ("C99 clang guest", "clang", ["-std=c99", "-pedantic-errors"]),
        ("C99 clang tools", "clang", ["-std=c99", "-D__XEN_TOOLS__", "-Wno-unused-function"] + OPTIONAL),
        ("C++11 clang++ tools", "clang++",
         ["-std=c++11", "-D__XEN_TOOLS__", "-Wno-unused-function"] + OPTIONAL),
    ]

    def alone_source(self, base, side, h, label, cxx):
        src = os.path.join(self.build, "alone-%s-%s-%s.%s" % (
            side, re.sub(r"\W", "_", h), re.sub(r"\W", "_", label),
            "cc" if cxx else "c"))
        with open(src, "w") as f:
            inc = '#include "%s"\n' % os.path.join(base, h)
            f.write(inc + inc + "extern int abi_alone;\n")
        return src

    def strict(self, cc, flags, src):
        cmd = [cc, "-fsyntax-only"] + STRICT + flags + [src]
        if cc.endswith("++"):
            cmd.remove("-Wstrict-prototypes")
        return cmd

    def compile_alone(self):
        """Compile every header alone, and all of them together with clang."""
        jobs = []
        for h in self.headers:
            for label, cc, flags in self.ALONE:
                src = self.alone_source(self.ours, "ours", h, label,
                                        cc.endswith("++"))
                jobs.append((h, label, flags, self.strict(cc, flags, src)))
        for label, cc, flags in self.TOGETHER:
            guest = not any(f.startswith("-D__XEN") for f in flags)
            src = os.path.join(self.build, "together-%s.%s" % (
                re.sub(r"\W", "_", label), "cc" if cc.endswith("++") else "c"))
            with open(src, "w") as f:
                f.write("#include <string.h>\n")
                for h in self.headers:
                    if not (guest and self.tools_only(h)):
                        f.write('#include "%s"\n' % os.path.join(self.ours, h))
            jobs.append((None, label, flags, self.strict(cc, flags, src)))
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(lambda j: run(j[3]), jobs))
        for (h, label, flags, cmd), (rc, _, err) in zip(jobs, results):
            if rc == 0:
                continue
            if h is None:
                self.blame_together(label, err)
            elif "-D__XEN" in " ".join(flags) or not self.refused_like_xen(
                    h, label, cmd, err):
                self.alone[h].append("%s:\n%s" % (label, self.trim(err)))

    def refused_like_xen(self, h, label, cmd, err):
        """Our header failed in guest mode: fine if Xen's refuses it too."""
        if "#error" not in err or not os.path.exists(os.path.join(self.xen, h)):
            return False
        src = self.alone_source(self.xen, "xen", h, label, "++" in cmd[0])
        rc, _, xerr = run(cmd[:-1] + [src])
        return rc != 0 and "#error" in xerr

    def blame_together(self, label, err):
        """Attribute the errors of an all-headers build to their headers."""
        blamed = False
        for h in self.headers:
            mine = [l for l in err.splitlines()
                    if l.startswith(os.path.join(self.ours, h) + ":")]
            if mine:
                blamed = True
                self.alone[h].append("%s (all headers together):\n%s" % (
                    label, self.trim("\n".join(mine))))
        if not blamed:
            self.alone[self.headers[0]].append(
                "%s (all headers together):\n%s" % (label, self.trim(err)))

    # ---- report ---------------------------------------------------------------

    def report(self):
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
                print("PASS: %s (C99, C++11 and hypervisor builds, gcc and clang)"
                      % name)
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
    check.compile_alone()
    return 1 if check.report() else 0


if __name__ == "__main__":
    sys.exit(main())
