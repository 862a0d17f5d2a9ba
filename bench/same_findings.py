"""Check that two versions of pattern-lint report the same findings: `python bench/same_findings.py A B`.

A and B are source trees (a checkout or a worktree, e.g. `/work/main` and `.`) or git commits of
this repository (`main`, `HEAD~3`, a hash: extracted with `git archive` into a temporary folder).
Each is run with its own code, by this interpreter (so both see the same dependencies): a
meta-path finder put first on `sys.meta_path` maps `lint` to TREE/lint, `lint.rules` to TREE/rules
and `lint.schemas` to TREE/schemas (what the editable install maps, so PYTHONPATH alone would
still run the installed tree's rules), and the run fails unless every `lint` module it loaded came
from TREE. Workers are forked, so they inherit the finder.

Each version runs `lint --no-cache --format json` from this repository's root, as in README's
usage, on: ../shared/corpus-sample, ../shared/corpus-dev and the seeds (../shared/seeds/*.txt),
each alone and all three together, and a 3,600-file library from bench/generate.py (seed 1, in a
temporary folder). The JSON reports (findings sorted, summary) and exit statuses must be equal
byte for byte; the first differences are printed and the exit status is 1 when they are not.
`--size N` changes the generated library's size (0 skips it).
"""

from __future__ import annotations

import argparse
import difflib
import glob
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPOSITORY = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(REPOSITORY), "shared")

# Run in a fresh interpreter (-I: no cwd, no PYTHON* variables on the path) with argv = [tree, lint args...].
BOOTSTRAP = r"""
import importlib.abc, importlib.machinery, importlib.util, os, sys
tree = os.path.realpath(sys.argv[1])
MAPPING = {"lint": "lint", "lint.rules": "rules", "lint.schemas": "schemas"}

class TreeFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name in MAPPING:
            folder = os.path.join(tree, MAPPING[name])
            init = os.path.join(folder, "__init__.py")
            if os.path.isfile(init):
                return importlib.util.spec_from_file_location(name, init, submodule_search_locations=[folder])
            spec = importlib.machinery.ModuleSpec(name, None, is_package=True)
            spec.submodule_search_locations = [folder]
            return spec
        parent = name.rpartition(".")[0]
        if parent in MAPPING:
            return importlib.machinery.PathFinder.find_spec(name, [os.path.join(tree, MAPPING[parent])])
        return None

sys.meta_path.insert(0, TreeFinder())

def foreign():
    bad = []
    for name, module in list(sys.modules.items()):
        if name == "lint" or name.startswith("lint."):
            where = getattr(module, "__file__", None) or next(iter(getattr(module, "__path__", [])), None)
            if where is None or not os.path.realpath(where).startswith(tree + os.sep):
                bad.append(f"{name} from {where}")
    return bad

import lint.cli, lint.rules
status = lint.cli.main(sys.argv[2:])
bad = foreign()
if bad:
    sys.stderr.write("same_findings: not this tree's code: " + ", ".join(bad) + "\n")
    sys.exit(99)
sys.exit(status)
"""


def tree_of(spec: str, scratch: str) -> str:
    """A folder holding the source of `spec`: the folder itself, or a git commit extracted."""
    if os.path.isdir(spec):
        return os.path.realpath(spec)
    commit = subprocess.run(["git", "-C", REPOSITORY, "rev-parse", "--verify", spec + "^{commit}"],
                            capture_output=True, text=True)
    if commit.returncode != 0:
        raise SystemExit(f"same_findings: {spec!r} is neither a folder nor a commit")
    folder = os.path.join(scratch, "tree-" + commit.stdout.strip()[:12])
    if not os.path.isdir(folder):
        os.makedirs(folder)
        archive = subprocess.Popen(["git", "-C", REPOSITORY, "archive", commit.stdout.strip()], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", folder], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            raise SystemExit(f"same_findings: git archive {spec} failed")
    return folder


def lint(tree: str, paths: list[str]) -> str:
    """The run's JSON report, normalised (findings sorted, keys sorted), and its exit status."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PATTERN_LINT")}
    environment["NO_COLOR"] = "1"
    process = subprocess.run([sys.executable, "-I", "-c", BOOTSTRAP, tree, "--no-cache", "--format", "json", *paths],
                             cwd=REPOSITORY, capture_output=True, text=True, env=environment)
    if process.returncode not in (0, 1, 2):
        raise SystemExit(f"same_findings: lint from {tree} failed (exit {process.returncode}):\n{process.stderr}")
    report = json.loads(process.stdout)
    report["findings"].sort(key=lambda f: json.dumps(f, sort_keys=True))
    lines = [json.dumps(f, sort_keys=True) for f in report.pop("findings")]
    lines.append(json.dumps(report, sort_keys=True))
    lines.append(f"exit status {process.returncode}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", help="a source tree or a git commit")
    parser.add_argument("b", help="a source tree or a git commit")
    parser.add_argument("--size", type=int, default=3600, help="files in the generated library (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not os.path.isdir(SHARED):
        raise SystemExit(f"same_findings: {SHARED} is missing")
    sample, dev = (os.path.relpath(os.path.join(SHARED, name), REPOSITORY) for name in ("corpus-sample", "corpus-dev"))
    seeds = sorted(os.path.relpath(p, REPOSITORY) for p in glob.glob(os.path.join(SHARED, "seeds", "*.txt")))
    with tempfile.TemporaryDirectory(prefix="same-findings-") as scratch:
        trees = [tree_of(spec, scratch) for spec in (args.a, args.b)]
        cases = [("corpus-sample", [sample]), ("corpus-dev", [dev]), ("seeds", seeds),
                 ("sample + dev + seeds", [sample, dev, *seeds])]
        if args.size:
            library = os.path.join(scratch, "library")
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(args.size), library,
                            "--seed", str(args.seed)], check=True, stdout=subprocess.DEVNULL)
            cases.append((f"generated library ({args.size} files, seed {args.seed})", [library]))
        differ = 0
        for label, paths in cases:
            a, b = (lint(tree, paths) for tree in trees)
            count = a.count("\n") - 2
            if a == b:
                print(f"same      {label}: {count} findings")
                continue
            differ += 1
            print(f"DIFFERENT {label}:")
            diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(), args.a, args.b, n=0, lineterm=""))
            print("\n".join(diff[:20]) + (f"\n... ({len(diff) - 20} more lines)" if len(diff) > 20 else ""))
    print("findings are the same" if not differ else f"findings differ in {differ} of {len(cases)} runs")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
