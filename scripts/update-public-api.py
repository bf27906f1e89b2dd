#!/usr/bin/env python3
"""Records a deliberate change of the libraries' public API in their PublicAPI.Shipped.txt files.

Builds the solution; every symbol the analyzer reports as new (RS0016) is added to its project's listing and every
symbol reported as gone (RS0017) is removed; repeats until the build has none left. Review the diff of the listings
before committing: it is the public API change. Usage: scripts/update-public-api.py
"""
import collections
import os
import re
import subprocess

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
NEW = re.compile(r"error RS0016: Symbol '(.*)' is not part of the declared public API \(.*\) \[(.*\.csproj)\]")
GONE = re.compile(r"error RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found \(.*\) \[(.*\.csproj)\]")


def listing(project_dir):
    path = os.path.join(project_dir, "PublicAPI.Shipped.txt")
    with open(path, encoding="utf-8") as f:
        return path, {line for line in f.read().split("\n") if line and not line.startswith("#")}


for attempt in range(10):
    out = subprocess.run(["dotnet", "build", "RecForge.slnx", "-c", "Release"], capture_output=True, text=True).stdout
    changes = collections.defaultdict(lambda: (set(), set()))
    for m in NEW.finditer(out):
        changes[os.path.dirname(m.group(2))][0].add(m.group(1))
    for m in GONE.finditer(out):
        changes[os.path.dirname(m.group(2))][1].add(m.group(1))
    if not changes:
        errors = sorted({line for line in out.split("\n") if ": error " in line})
        print("public API listings up to date" + ("; other build errors:\n" + "\n".join(errors[:20]) if errors else ""))
        break
    for project, (added, removed) in changes.items():
        path, symbols = listing(project)
        symbols = (symbols | added) - removed
        with open(path, "w", encoding="utf-8") as f:
            f.write("#nullable enable\n" + "\n".join(sorted(symbols, key=lambda s: s.replace("~", "").lower())) + "\n")
        print(f"{path}: +{len(added)} -{len(removed)}")
