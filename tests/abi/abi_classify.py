"""Sort the object-like macros of our headers by how they can be compared.

The compiler decides: a macro is an integer constant if it is accepted in a
static assertion that only integer constant expressions pass; otherwise the
preprocessor's full expansion tells strings and empty macros from the rest
(type names, field aliases...), which scenarios must exercise.
"""

import os
import re

from abi_util import run


def _integer_constants(build, mode, flags, prelude, names):
    """The subset of @names that are integer constant expressions."""
    src = os.path.join(build, "classify-%s.c" % mode)
    ice = set(names)
    for _ in range(3):
        line_of = {}
        with open(src, "w") as f:
            f.write('#include "%s"\n' % prelude)
            for num, n in enumerate(sorted(ice), 2):
                # Pointers, strings and types cannot be multiplied.
                f.write("_Static_assert((%s) * 0 + 1, \"\");\n" % n)
                line_of[num] = n
        rc, _, err = run(["gcc", "-std=gnu11", "-pedantic-errors", "-w",
                          "-ftrack-macro-expansion=0", "-fsyntax-only"] +
                         flags + [src])
        if rc == 0:
            return ice
        bad = set()
        for m in re.finditer(r"^%s:(\d+):" % re.escape(src), err, re.M):
            if int(m.group(1)) in line_of:
                bad.add(line_of[int(m.group(1))])
        if not bad:
            raise SystemExit("classifying macros failed:\n" + err)
        ice -= bad
    raise SystemExit("classifying macros did not settle:\n" + err)


def _expansions(build, mode, flags, prelude, names):
    """What each macro finally expands to, according to the preprocessor."""
    src = os.path.join(build, "expand-%s.c" % mode)
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


def classify(build, mode, flags, prelude, names):
    """Split @names into (integer constants, strings, empty, other) sets."""
    ice = _integer_constants(build, mode, flags, prelude, names)
    rest = [n for n in names if n not in ice]
    expansion = _expansions(build, mode, flags, prelude, rest)
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
