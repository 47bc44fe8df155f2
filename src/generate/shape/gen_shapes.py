#!/usr/bin/env python3
"""Regenerate src/generate/shape/shapes.txt: how Go's encoding/json writes the typed objects
kubectl builds and prints (field order, omitempty, Go kinds), for the kinds kk generates.

Run it by hand against checkouts you download yourself (nothing is vendored):

    git clone --depth 1 -b v0.33.1 https://github.com/kubernetes/api          /tmp/k8s/api
    git clone --depth 1 -b v0.33.1 https://github.com/kubernetes/apimachinery /tmp/k8s/apimachinery
    python3 src/generate/shape/gen_shapes.py /tmp/k8s > src/generate/shape/shapes.txt

It reads the Go struct definitions reachable from the kinds in ROOTS and keeps, per struct,
its JSON fields in declaration order with their wire kind and `omitempty`; nothing else.
"""

import os
import re
import sys

ROOTS = [
    ("v1", "Namespace", "core/v1"), ("v1", "ConfigMap", "core/v1"), ("v1", "Secret", "core/v1"),
    ("v1", "Service", "core/v1"), ("v1", "ServiceAccount", "core/v1"), ("v1", "Pod", "core/v1"),
    ("v1", "ResourceQuota", "core/v1"),
    ("apps/v1", "Deployment", "apps/v1"), ("apps/v1", "DaemonSet", "apps/v1"),
    ("apps/v1", "StatefulSet", "apps/v1"), ("apps/v1", "ReplicaSet", "apps/v1"),
    ("v1", "ReplicationController", "core/v1"),
    ("batch/v1", "Job", "batch/v1"), ("batch/v1", "CronJob", "batch/v1"),
    ("rbac.authorization.k8s.io/v1", "Role", "rbac/v1"),
    ("rbac.authorization.k8s.io/v1", "ClusterRole", "rbac/v1"),
    ("rbac.authorization.k8s.io/v1", "RoleBinding", "rbac/v1"),
    ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "rbac/v1"),
    ("networking.k8s.io/v1", "Ingress", "networking/v1"),
    ("scheduling.k8s.io/v1", "PriorityClass", "scheduling/v1"),
    ("policy/v1", "PodDisruptionBudget", "policy/v1"),
    ("authentication.k8s.io/v1", "TokenRequest", "authentication/v1"),
    ("autoscaling/v1", "HorizontalPodAutoscaler", "autoscaling/v1"),
    ("autoscaling/v2", "HorizontalPodAutoscaler", "autoscaling/v2"),
    # cluster-info dump prints these lists as its typed clients decode them.
    ("v1", "NodeList", "core/v1"), ("v1", "EventList", "core/v1"),
    ("v1", "ReplicationControllerList", "core/v1"), ("v1", "ServiceList", "core/v1"),
    ("v1", "PodList", "core/v1"), ("apps/v1", "DaemonSetList", "apps/v1"),
    ("apps/v1", "DeploymentList", "apps/v1"), ("apps/v1", "ReplicaSetList", "apps/v1"),
]

# Types with their own JSON encoding, by import path.
OPAQUE = {
    "k8s.io/apimachinery/pkg/apis/meta/v1.Time": "Time",
    "k8s.io/apimachinery/pkg/apis/meta/v1.MicroTime": "Time",
    "k8s.io/apimachinery/pkg/apis/meta/v1.Duration": "Duration",
    "k8s.io/apimachinery/pkg/apis/meta/v1.FieldsV1": "Raw",
    "k8s.io/apimachinery/pkg/api/resource.Quantity": "Quantity",
    "k8s.io/apimachinery/pkg/util/intstr.IntOrString": "IntOrString",
    "k8s.io/apimachinery/pkg/runtime.RawExtension": "Raw",
    "k8s.io/apimachinery/pkg/types.UID": "string",
}
SCALARS = {
    "string": "string", "bool": "bool", "float32": "float", "float64": "float",
    "int": "int", "int8": "int", "int16": "int", "int32": "int", "int64": "int",
    "uint": "int", "uint8": "int", "uint16": "int", "uint32": "int", "uint64": "int",
}


def short(path):
    """k8s.io/api/core/v1 -> core/v1; k8s.io/apimachinery/pkg/apis/meta/v1 -> meta/v1."""
    for p in ("k8s.io/api/", "k8s.io/apimachinery/pkg/apis/", "k8s.io/apimachinery/pkg/"):
        if path.startswith(p):
            return path[len(p):]
    return path


class Pkg:
    """The struct and named-type declarations of one Go package."""

    def __init__(self, path, directory):
        self.path = path
        self.structs = {}  # name -> [(field, type expr, json tag, imports)]
        self.named = {}    # name -> (underlying type expr, imports)
        for f in sorted(os.listdir(directory)):
            if not f.endswith(".go") or f.endswith("_test.go") or f.startswith("zz_generated") \
                    or f.startswith("generated"):
                continue
            self.read(open(os.path.join(directory, f)).read())

    def read(self, src):
        imports = {}
        block = re.search(r"^import \((.*?)^\)", src, re.M | re.S)
        lines = block.group(1).splitlines() if block else []
        lines += re.findall(r"^import (.*)$", src, re.M)
        for line in lines:
            m = re.match(r'^\s*(?:(\w+)\s+)?"([^"]+)"', line)
            if m:
                alias = m.group(1) or m.group(2).rsplit("/", 1)[-1]
                imports[alias] = m.group(2)
        for m in re.finditer(r"^type (\w+) struct \{\n(.*?)^\}", src, re.M | re.S):
            fields = []
            body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)  # block comments
            for line in body.splitlines():
                line = line.strip()
                if not line or line.startswith("//"):
                    continue
                tag = re.search(r'`.*json:"([^"]*)".*`', line)
                decl = line.split("`")[0].split("//")[0].split()
                if not decl:
                    continue
                if len(decl) == 1:  # embedded: inlined unless its tag names it
                    name = tag.group(1).split(",")[0] if tag else ""
                    field = name[0].upper() + name[1:] if name else None
                    fields.append((field, decl[0], tag.group(1) if tag else "", imports))
                else:
                    fields.append((decl[0], decl[1], tag.group(1) if tag else None, imports))
            self.structs[m.group(1)] = fields
        for m in re.finditer(r"^type (\w+) =? ?([^\s{]+)\s*$", src, re.M):
            self.named[m.group(1)] = (m.group(2), imports)


class World:
    def __init__(self, base):
        self.base = base
        self.pkgs = {}
        self.out = {}  # qualified name -> [(json, type, omitempty)]
        self.order = []

    def pkg(self, path):
        if path not in self.pkgs:
            if path.startswith("k8s.io/api/"):
                d = os.path.join(self.base, "api", path[len("k8s.io/api/"):])
            else:
                d = os.path.join(self.base, "apimachinery", path[len("k8s.io/apimachinery/"):])
            self.pkgs[path] = Pkg(path, d)
        return self.pkgs[path]

    def resolve(self, expr, pkg, imports):
        """A Go type expression -> the table's type notation."""
        if expr.startswith("*"):
            return "*" + self.resolve(expr[1:], pkg, imports)
        if expr == "[]byte":
            return "bytes"
        if expr.startswith("[]"):
            return "[]" + self.resolve(expr[2:], pkg, imports)
        if expr.startswith("map["):
            depth, i = 0, 3
            while True:
                if expr[i] == "[":
                    depth += 1
                elif expr[i] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
            return "{}" + self.resolve(expr[i + 1:], pkg, imports)
        if expr in SCALARS:
            return SCALARS[expr]
        if "." in expr:
            alias, name = expr.split(".", 1)
            path = imports[alias]
        else:
            path, name = pkg.path, expr
        full = path + "." + name
        if full in OPAQUE:
            return OPAQUE[full]
        p = self.pkg(path)
        if name in p.structs:
            q = short(path) + "." + name
            self.visit(q, p, name)
            return q
        if name in p.named:
            under, imps = p.named[name]
            return self.resolve(under, p, imps)
        raise SystemExit("unknown type %s" % full)

    def visit(self, q, p, name):
        if q in self.out:
            return
        self.out[q] = None
        self.order.append(q)
        fields = []
        for fname, texpr, tag, imports in p.structs[name]:
            if fname is None:  # embedded: inline its fields
                inner = self.resolve(texpr, p, imports)
                fields.extend(self.out[inner])
                continue
            if tag is None or tag == "-" or not fname[0].isupper():
                continue
            parts = tag.split(",")
            jname = parts[0] or fname
            fields.append((jname, self.resolve(texpr, p, imports), "omitempty" in parts[1:]))
        self.out[q] = fields


def main():
    w = World(sys.argv[1])
    print("# kk's shapes of the typed objects kubectl builds and prints: how Go's encoding/json")
    print("# writes them (Kubernetes 1.33: k8s.io/api and apimachinery v0.33.1).")
    print("# Written by src/generate/shape/gen_shapes.py; read by src/generate/shape/table.rs.")
    print("#")
    print("#   kind <apiVersion> <Kind> <type>   a kind and its root struct")
    print("#   type <name>                       a struct; its JSON fields follow in Go's order")
    print("#     <json name> <kind>[?]            `?`: omitempty")
    print("#")
    print("# Kinds: string bool int float bytes (base64), Time Duration Quantity IntOrString Raw")
    print("# (own JSON encodings), a struct's name, `*T` (pointer), `[]T` (slice), `{}T` (map).")
    kinds = []
    for av, kind, path in ROOTS:
        p = w.pkg("k8s.io/api/" + path)
        q = w.resolve(kind, p, {})
        kinds.append("kind %s %s %s" % (av, kind, q))
    print("\n".join(kinds))
    for q in w.order:
        print("type " + q)
        for jname, t, omit in w.out[q]:
            print("  %s %s%s" % (jname, t, "?" if omit else ""))


main()
