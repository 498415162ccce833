"""Find everything our public headers define, mechanically.

The compiler is the parser: clang's JSON AST gives the structures, unions,
typedefs and enumeration constants with the file that defines them, and
"gcc -E -dD" gives the macros with the file that defines them.  Nothing is
listed by hand, so nothing a header defines escapes the comparison.
"""

import json
import os
import re
import subprocess

INTEGER_TYPES = {
    "char", "signed char", "unsigned char", "short", "unsigned short",
    "int", "unsigned int", "long", "unsigned long", "long long",
    "unsigned long long", "_Bool", "bool",
}


class Field:
    """One member of a record, addressed by a path usable in offsetof()."""

    def __init__(self, path, ctype, bitfield, flexible, integer, dims):
        self.path = path          # "u.domU.mfn", "arr[0].x"
        self.ctype = ctype        # the C type as clang spells it
        self.bitfield = bitfield  # a bit-field: no offsetof, use a mask
        self.flexible = flexible  # trailing [] array: no sizeof
        self.integer = integer    # an integer (or array of integers)
        self.dims = dims          # array dimensions, to reach an element


class Record:
    """A structure, union or typedef'd anonymous record we define."""

    def __init__(self, cname, header):
        self.cname = cname        # "struct mmu_update" or "xen_uuid_t"
        self.header = header
        self.fields = []


class Items:
    """Everything one mode of our headers defines, by header."""

    def __init__(self):
        self.records = []         # Record
        self.typedefs = []        # (header, name, integer?)
        self.enums = []           # (header, "enum tag")
        self.enum_consts = []     # (header, name)
        self.macros = {}          # name -> (header, function_like, body)


def _loc_file(loc, state):
    """Follow clang's JSON location, which names a file only when it changes."""
    if not isinstance(loc, dict):
        return state["file"]
    if "spellingLoc" in loc or "expansionLoc" in loc:
        _loc_file(loc.get("spellingLoc"), state)
        return _loc_file(loc.get("expansionLoc"), state)
    if "file" in loc:
        state["file"] = loc["file"]
    return state["file"]


def _range_files(rng, state):
    if isinstance(rng, dict):
        _loc_file(rng.get("begin"), state)
        _loc_file(rng.get("end"), state)


def _array_dims(qual):
    """'uint8_t [16][2]' -> ('uint8_t', ['16', '2'])."""
    dims = re.findall(r"\[([^\]]*)\]", qual)
    base = re.sub(r"\s*\[[^\]]*\]", "", qual).strip()
    return base, dims


def _is_integer(node_type):
    qual = node_type.get("desugaredQualType", node_type.get("qualType", ""))
    base, _ = _array_dims(qual)
    base = re.sub(r"\b(const|volatile)\b", "", base).strip()
    return base in INTEGER_TYPES


def _anonymous(qual):
    return "(anonymous" in qual or "(unnamed" in qual


def _fields(record, prefix, out):
    """Append the fields of a clang RecordDecl, flattening anonymous members."""
    last_nested = None
    for node in record.get("inner", []):
        kind = node.get("kind")
        if kind == "RecordDecl":
            last_nested = node
            continue
        if kind != "FieldDecl":
            continue
        ntype = node.get("type", {})
        qual = ntype.get("qualType", "")
        name = node.get("name")
        base, dims = _array_dims(qual)
        if _anonymous(base) and last_nested is not None:
            if name is None:
                _fields(last_nested, prefix, out)
            else:
                sub = prefix + name + "".join("[0]" for _ in dims) + "."
                out.append(Field(prefix + name, qual, False, False, False, []))
                _fields(last_nested, sub, out)
            continue
        if name is None:
            continue
        out.append(Field(prefix + name, qual,
                         bool(node.get("isBitfield")),
                         "[]" in qual,
                         _is_integer(ntype), dims))


class _Walker:
    """Walks the translation unit in document order, tracking files."""

    def __init__(self, ours_dir, items):
        self.ours_dir = os.path.realpath(ours_dir) + os.sep
        self.items = items
        self.state = {"file": None}
        self.by_id = {}

    def header_of(self, path):
        if path is None:
            return None
        real = os.path.realpath(path)
        if real.startswith(self.ours_dir):
            return real[len(self.ours_dir):]
        return None

    def visit(self, node, top):
        """Visit a node; 'top' is true for declarations at file scope."""
        hdr = self.header_of(_loc_file(node.get("loc"), self.state))
        _range_files(node.get("range"), self.state)
        kind = node.get("kind")
        if kind == "RecordDecl":
            self.by_id[node["id"]] = node
            if hdr and node.get("completeDefinition") and node.get("name"):
                rec = Record("%s %s" % (node["tagUsed"], node["name"]), hdr)
                _fields(node, "", rec.fields)
                self.items.records.append(rec)
        elif kind == "TypedefDecl" and top and hdr:
            self.typedef(node, hdr)
        elif kind == "EnumDecl" and hdr:
            if node.get("name"):
                self.items.enums.append((hdr, "enum " + node["name"]))
        elif kind == "EnumConstantDecl" and hdr:
            self.items.enum_consts.append((hdr, node["name"]))
        for child in node.get("inner", []):
            if isinstance(child, dict) and ("loc" in child or "inner" in child):
                self.visit(child, top=(kind == "TranslationUnitDecl"))

    def typedef(self, node, hdr):
        name = node["name"]
        owned = None
        for child in node.get("inner", []):
            tag = child.get("ownedTagDecl")
            if tag and not tag.get("name"):
                owned = self.by_id.get(tag["id"])
        if owned is not None:
            rec = Record(name, hdr)
            _fields(owned, "", rec.fields)
            self.items.records.append(rec)
        qual = node["type"].get("desugaredQualType",
                                 node["type"].get("qualType", ""))
        scalar = not _array_dims(qual)[1] and _is_integer(node["type"])
        self.items.typedefs.append((hdr, name, scalar))


def _run(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    if proc.returncode != 0:
        raise RuntimeError("%s failed:\n%s" % (" ".join(cmd), proc.stderr))
    return proc.stdout


def records_and_types(tu, ours_dir, cflags, items):
    """Structures, typedefs and enums of our headers, via clang's AST."""
    out = _run(["clang", "-x", "c", "-std=gnu11", "-fsyntax-only", "-Xclang",
                "-ast-dump=json"] + cflags + [tu])
    walker = _Walker(ours_dir, items)
    walker.visit(json.loads(out), top=False)


_LINEMARK = re.compile(r'^# \d+ "([^"]*)"')
_DEFINE = re.compile(r"^#define ([A-Za-z_][A-Za-z0-9_]*)(\()?\s*(.*)$")
_UNDEF = re.compile(r"^#undef ([A-Za-z_][A-Za-z0-9_]*)")


def macros(tu, ours_dir, cflags, items):
    """The macros our headers leave defined, via the preprocessor."""
    out = _run(["gcc", "-x", "c", "-std=gnu11", "-E", "-dD"] + cflags + [tu])
    ours = os.path.realpath(ours_dir) + os.sep
    cur = None
    for line in out.splitlines():
        mark = _LINEMARK.match(line)
        if mark:
            cur = os.path.realpath(mark.group(1)) if not \
                mark.group(1).startswith("<") else mark.group(1)
            continue
        hdr = cur[len(ours):] if cur and cur.startswith(ours) else None
        undef = _UNDEF.match(line)
        if undef:
            items.macros.pop(undef.group(1), None)
            continue
        define = _DEFINE.match(line)
        if define and hdr:
            body = define.group(3)
            if define.group(2):
                body = line.split(")", 1)[1].strip() if ")" in line else ""
            items.macros[define.group(1)] = (hdr, bool(define.group(2)), body)


def guard_name(header):
    """The guard a path gives: io/ring.h -> __XEN_PUBLIC_IO_RING_H__."""
    return "__XEN_PUBLIC_" + re.sub(r"[^A-Za-z0-9]", "_", header).upper() + "__"
