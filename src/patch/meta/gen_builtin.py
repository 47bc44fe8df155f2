#!/usr/bin/env python3
"""Regenerate src/patch/meta/builtin.txt, kk's patch-metadata table for built-in kinds.

Run it by hand against checkouts you download yourself (nothing is vendored):

    git clone --depth 1 -b v0.33.13 https://github.com/kubernetes/api            /tmp/k8s/api
    git clone --depth 1 -b v0.33.13 https://github.com/kubernetes/apimachinery   /tmp/k8s/apimachinery
    git clone --depth 1 -b v0.33.13 https://github.com/kubernetes/apiextensions-apiserver /tmp/k8s/apiextensions-apiserver
    git clone --depth 1 -b v0.33.13 https://github.com/kubernetes/kube-aggregator /tmp/k8s/kube-aggregator
    python3 src/patch/meta/gen_builtin.py /tmp/k8s > src/patch/meta/builtin.txt

It reads the Go type definitions and keeps only the facts kk needs: for every kind, the
struct graph reachable from it, and on each field the `patchStrategy`/`patchMergeKey` struct
tags (what apimachinery's strategicpatch reads through reflection) and the `+listType` /
`+listMapKey` markers (what server-side apply reads). Fields that carry no metadata and lead
to no struct with metadata are dropped, so the table stays small.
"""

import os
import re
import sys

# Packages with custom JSON encodings: scalars (or opaque JSON) on the wire.
OPAQUE = {
    "k8s.io/apimachinery/pkg/apis/meta/v1.Time",
    "k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime",
    "k8s.io/apimachinery/pkg/apis/meta/v1.Duration",
    "k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1",
    "k8s.io/apimachinery/pkg/api/resource.Quantity",
    "k8s.io/apimachinery/pkg/util/intstr.IntOrString",
    "k8s.io/apimachinery/pkg/runtime.RawExtension",
    "k8s.io/apimachinery/pkg/runtime.Unknown",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSON",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrArray",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrBool",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1.JSONSchemaPropsOrStringArray",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSON",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSONSchemaPropsOrArray",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSONSchemaPropsOrBool",
    "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1.JSONSchemaPropsOrStringArray",
}

GO_BUILTIN = {
    "string", "bool", "byte", "rune", "int", "int8", "int16", "int32", "int64", "uint",
    "uint8", "uint16", "uint32", "uint64", "float32", "float64", "interface{}", "any",
}


def roots(base):
    """(import path prefix, directory) pairs of the checkouts."""
    return [
        ("k8s.io/api/", os.path.join(base, "api")),
        ("k8s.io/apimachinery/", os.path.join(base, "apimachinery")),
        ("k8s.io/apiextensions-apiserver/", os.path.join(base, "apiextensions-apiserver")),
        ("k8s.io/kube-aggregator/", os.path.join(base, "kube-aggregator")),
    ]


class Pkg:
    def __init__(self, path, directory):
        self.path = path
        self.types = {}  # name -> ("struct", fields) | ("alias", type expr, imports)
        self.group = None
        for f in sorted(os.listdir(directory)):
            if not f.endswith(".go") or f.endswith("_test.go") or f.startswith("zz_generated") \
                    or f.startswith("generated"):
                continue
            self.parse_file(open(os.path.join(directory, f)).read())

    def parse_file(self, src):
        imports = {}
        for block in re.findall(r"^import \((.*?)^\)", src, re.S | re.M):
            for line in block.splitlines():
                m = re.match(r'\s*(\w+)?\s*"([^"]+)"', line)
                if m:
                    alias = m.group(1) or m.group(2).rsplit("/", 1)[-1]
                    imports[alias] = m.group(2)
        for m in re.finditer(r'^import (\w+)? ?"([^"]+)"', src, re.M):
            imports[m.group(1) or m.group(2).rsplit("/", 1)[-1]] = m.group(2)
        m = re.search(r'^const GroupName = "([^"]*)"', src, re.M)
        if m:
            self.group = m.group(1)
        lines = src.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            m = re.match(r"^type (\w+) struct \{\s*$", line)
            if m:
                body, i = self.struct_body(lines, i + 1)
                self.types[m.group(1)] = ("struct", self.fields(body), imports)
                continue
            m = re.match(r"^type (\w+) (\S.*?)\s*(//.*)?$", line)
            if m and not m.group(2).startswith("struct") and not m.group(2).startswith("interface"):
                self.types[m.group(1)] = ("alias", m.group(2), imports)
            i += 1

    @staticmethod
    def struct_body(lines, i):
        depth, body = 1, []
        while i < len(lines):
            line = lines[i]
            code = line.split("//", 1)[0] if not line.strip().startswith("//") else ""
            depth += code.count("{") - code.count("}")
            if depth == 0:
                return body, i + 1
            body.append(line)
            i += 1
        raise SystemExit("unterminated struct")

    @staticmethod
    def fields(body):
        out, markers = [], {}
        for line in body:
            s = line.strip()
            if s.startswith("//"):
                m = re.match(r"//\s*\+(listType|listMapKey)=(\S+)", s)
                if m:
                    markers.setdefault(m.group(1), []).append(m.group(2))
                continue
            if not s:
                markers = {}
                continue
            m = re.match(r"^(?:(\w+)\s+)?(\S+)\s*`([^`]*)`", s)
            if not m:
                markers = {}
                continue
            name, typ, tag = m.group(1), m.group(2), m.group(3)
            if name is None:  # embedded field: the type is the name
                name = typ.lstrip("*").split(".")[-1]
            tags = dict(re.findall(r'(\w+):"([^"]*)"', tag))
            out.append({
                "go": name, "type": typ, "json": tags.get("json", name),
                "strategy": tags.get("patchStrategy", ""), "key": tags.get("patchMergeKey", ""),
                "listType": (markers.get("listType") or [""])[-1],
                "listMapKey": markers.get("listMapKey", []),
            })
            markers = {}
        return out


class World:
    def __init__(self, base):
        self.base = base
        self.pkgs = {}

    def pkg(self, path):
        if path not in self.pkgs:
            for prefix, d in roots(self.base):
                if path.startswith(prefix):
                    d = os.path.join(d, path[len(prefix):])
                    self.pkgs[path] = Pkg(path, d) if os.path.isdir(d) else None
                    break
            else:
                self.pkgs[path] = None
        return self.pkgs[path]

    def resolve(self, pkg, expr, imports):
        """A Go type expression → ("prim",) | ("struct", qname) | ("list", inner) | ("map", inner)."""
        expr = expr.strip()
        while expr.startswith("*"):
            expr = expr[1:]
        if expr == "[]byte":
            return ("prim",)
        if expr.startswith("[]"):
            return ("list", self.resolve(pkg, expr[2:], imports))
        if expr.startswith("map["):
            depth, j = 0, 3
            while True:
                if expr[j] == "[":
                    depth += 1
                elif expr[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            return ("map", self.resolve(pkg, expr[j + 1:], imports))
        if expr in GO_BUILTIN:
            return ("prim",)
        if "." in expr:
            alias, name = expr.split(".", 1)
            path = imports.get(alias)
            if path is None:
                return ("prim",)
            target = self.pkg(path)
        else:
            path, name, target = pkg.path, expr, pkg
        qname = path + "." + name
        if qname in OPAQUE or target is None or name not in target.types:
            return ("prim",)
        kind = target.types[name]
        if kind[0] == "struct":
            return ("struct", qname)
        return self.resolve(target, kind[1], kind[2])

    def struct(self, qname):
        path, name = qname.rsplit(".", 1)
        pkg = self.pkg(path)
        return pkg, pkg.types[name]

    def json_fields(self, qname):
        """The JSON-visible fields of a struct, inline embeddings flattened."""
        pkg, (_, fields, imports) = self.struct(qname)
        out = []
        for f in fields:
            name = f["json"].split(",")[0]
            if name == "-":
                continue
            t = self.resolve(pkg, f["type"], imports)
            if name == "" and ",inline" in f["json"] or (name == "" and f["go"] == f["type"].lstrip("*").split(".")[-1]):
                if t[0] == "struct":
                    out.extend(self.json_fields(t[1]))
                continue
            out.append((name, t, f))
        return out


def short(qname):
    """k8s.io/api/apps/v1.Deployment → apps/v1.Deployment; meta types → meta/v1.X."""
    path, name = qname.rsplit(".", 1)
    for prefix in ("k8s.io/api/", "k8s.io/apimachinery/pkg/apis/", "k8s.io/apimachinery/pkg/",
                   "k8s.io/apiextensions-apiserver/pkg/apis/", "k8s.io/kube-aggregator/pkg/apis/"):
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    return path + "." + name


def kinds(world, base):
    """(apiVersion, Kind, qname) of every object kind: TypeMeta inline + ObjectMeta metadata."""
    out = []
    pkgs = []
    api = os.path.join(base, "api")
    for group in sorted(os.listdir(api)):
        gdir = os.path.join(api, group)
        if not os.path.isdir(gdir) or group.startswith("."):
            continue
        for version in sorted(os.listdir(gdir)):
            if os.path.isdir(os.path.join(gdir, version)) and re.match(r"v\d", version):
                pkgs.append("k8s.io/api/%s/%s" % (group, version))
    for extra in ("k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1",
                  "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1",
                  "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1",
                  "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1beta1"):
        pkgs.append(extra)
    for path in pkgs:
        pkg = world.pkg(path)
        if pkg is None or pkg.group is None:
            continue
        version = path.rsplit("/", 1)[1]
        api_version = version if pkg.group == "" else pkg.group + "/" + version
        for name, t in sorted(pkg.types.items()):
            if t[0] != "struct":
                continue
            has_tm = any(f["type"].endswith("TypeMeta") and ",inline" in f["json"] for f in t[1])
            has_om = any(f["json"].split(",")[0] == "metadata" and f["type"].endswith("ObjectMeta")
                         for f in t[1])
            if has_tm and has_om:
                out.append((api_version, name, path + "." + name))
    return out


def main():
    base = sys.argv[1]
    world = World(base)
    ks = kinds(world, base)
    # Which structs matter: those with a field carrying metadata, or leading to one
    # (a fixed point, since some types are recursive: JSONSchemaProps).
    reachable, todo = set(), [q for _, _, q in ks]
    while todo:
        q = todo.pop()
        if q in reachable:
            continue
        reachable.add(q)
        for _, t, _ in world.json_fields(q):
            while t[0] in ("list", "map"):
                t = t[1]
            if t[0] == "struct":
                todo.append(t[1])
    flagged = set()
    changed = True
    while changed:
        changed = False
        for q in reachable:
            if q in flagged:
                continue
            for _, t, f in world.json_fields(q):
                while t[0] in ("list", "map"):
                    t = t[1]
                if f["strategy"] or f["key"] or f["listType"] or f["listMapKey"] or \
                        (t[0] == "struct" and t[1] in flagged):
                    flagged.add(q)
                    changed = True
                    break

    def interesting(q):
        return q in flagged

    types = {}

    def emit(qname):
        if qname in types:
            return
        types[qname] = []
        rows = []
        for name, t, f in world.json_fields(qname):
            inner, shape = t, ""
            if t[0] == "list":
                inner, shape = t[1], ""
            elif t[0] == "map":
                inner, shape = t[1], "map"
            while inner[0] in ("list", "map"):
                inner = inner[1]
            target = inner[1] if inner[0] == "struct" and interesting(inner[1]) else None
            meta = f["strategy"] or f["key"] or f["listType"] or f["listMapKey"]
            if not meta and target is None:
                continue
            parts = [name]
            if target:
                parts.append(("=>" if shape == "map" else "->") + " " + short(target))
            if f["strategy"]:
                parts.append("patch=" + f["strategy"])
            if f["key"]:
                parts.append("key=" + f["key"])
            if f["listType"]:
                parts.append("list=" + f["listType"])
            if f["listMapKey"]:
                parts.append("mapkeys=" + ",".join(f["listMapKey"]))
            rows.append(" ".join(parts))
            if target:
                emit(target)
        types[qname] = rows

    for _, _, q in ks:
        emit(q)

    print("# kk's patch metadata for the built-in kinds of Kubernetes 1.33 (k8s.io/api v0.33.13,")
    print("# apimachinery, apiextensions-apiserver and kube-aggregator at the same tag).")
    print("# Written by src/patch/meta/gen_builtin.py; read by src/patch/meta/table.rs.")
    print("#")
    print("#   kind <apiVersion> <Kind> <type>       a served kind and its root type")
    print("#   type <name>                          a struct; its fields follow, indented")
    print("#     <json field> [-> T | => T] [patch=S] [key=K] [list=L] [mapkeys=A,B]")
    print("#")
    print("# `-> T`: the field is a T or a list of T; `=> T`: a map whose values are T.")
    print("# patch=: the patchStrategy tag (merge, replace, retainKeys, or a comma-joined pair);")
    print("# key=: patchMergeKey; list=/mapkeys=: the +listType/+listMapKey markers.")
    print("# Fields without metadata that lead to nothing with metadata are left out.")
    for av, kind, q in ks:
        print("kind %s %s %s" % (av, kind, short(q)))
    for q in sorted(types, key=short):
        if not types[q]:
            # a kind's root type with nothing interesting still needs a line
            print("type " + short(q))
            continue
        print("type " + short(q))
        for r in types[q]:
            print("  " + r)


if __name__ == "__main__":
    main()
