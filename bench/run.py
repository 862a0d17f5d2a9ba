"""Benchmark pattern-lint on a generated library: `python bench/run.py N [--seed S] [--repeat R]`.

Generates N patterns (bench/generate.py) in a temporary folder, or uses `--folder DIR`, then
measures the median wall time of R runs of each of:

- the parse floor: read every file and load its frontmatter with PyYAML's C loader, nothing
  else (in this process, so without interpreter start-up);
- a cold full lint (no cache: what a first run, or CI without a cache, costs);
- a warm full lint (nothing changed since the last run);
- one changed file (the pre-commit case), cold (no cache) and warm (the cache of an earlier
  full run, the file changed since).

Each lint is the command line in a fresh process (`python -m lint`), start-up included, with
the bytecode cache on as in an installed copy (pip compiles it at install time; a shell with
PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run). Peak
memory is the largest resident set of the lint process or one of its workers. Every run's
findings are compared with the generator's manifest, so a fast run that reports something
else is not a result.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (bench/generate.py, beside this script)


def parse_floor(folder: str) -> float:
    started = time.perf_counter()
    for entry in os.scandir(folder):
        if not entry.name.endswith(".md"):
            continue
        with open(entry.path, "rb") as handle:
            text = handle.read().decode("utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---\n", 4)
            try:
                yaml.load(text[4:end], Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                pass
    return time.perf_counter() - started


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def lint(args: list[str], cache: str) -> tuple[float, float, list]:
    """(seconds, peak MB, findings) of one command-line run."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [sys.executable, "-m", "lint", "--format", "json", "--output-file", report.name,
                   "--cache-dir", cache, *args]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=ENVIRONMENT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"lint failed (exit {process.returncode}): {' '.join(command)}")
        with open(report.name, encoding="utf-8") as handle:
            findings = json.load(handle)["findings"]
    return seconds, usage.ru_maxrss / 1024, findings


def expected(manifest: list[dict], folder: str, only: str | None = None) -> list[tuple]:
    return sorted((os.path.join(folder, row["path"]), row["rule"], row["line"]) for row in manifest
                  if only is None or row["path"] == only)


def found(findings: list[dict], folder: str) -> list[tuple]:
    return sorted((os.path.join(folder, f["path"]) if not os.path.isabs(f["path"]) else f["path"], f["name"],
                   f["line"]) for f in findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", help="generate into (or reuse) this folder instead of a temporary one")
    parser.add_argument("--jobs", type=int, help="passed to lint --jobs")
    args = parser.parse_args(argv)
    work = tempfile.mkdtemp(prefix="pattern-lint-bench-")
    folder = args.folder or os.path.join(work, "patterns")
    cache = os.path.join(work, "cache")
    try:
        manifest_path = os.path.join(folder, "manifest.json")
        if os.path.exists(manifest_path):
            with open(manifest_path, encoding="utf-8") as handle:
                manifest = json.load(handle)
        else:
            manifest = generate.generate(args.count, folder, args.seed)
            with open(manifest_path, "w", encoding="utf-8") as handle:
                json.dump(manifest, handle)
        files = [e for e in os.scandir(folder) if e.name.endswith(".md")]
        size = sum(e.stat().st_size for e in files)
        extra = ["--jobs", str(args.jobs)] if args.jobs else []
        victim = sorted(e.name for e in files)[len(files) // 2]  # the file a commit changes
        victim_path = os.path.join(folder, victim)
        with open(victim_path, encoding="utf-8") as handle:
            original = handle.read()
        lint(["--no-cache", victim_path], cache)  # writes the bytecode cache, as an install would have
        rows: dict[str, list] = {name: [] for name in ("cold", "warm", "one-cold", "one-warm")}
        floors = []
        mismatches = []
        for round_number in range(args.repeat):
            floors.append(parse_floor(folder))
            shutil.rmtree(cache, ignore_errors=True)
            seconds, peak, findings = lint([*extra, folder], cache)
            rows["cold"].append((seconds, peak))
            mismatches += [] if found(findings, folder) == expected(manifest, folder) else ["cold full lint"]
            seconds, peak, findings = lint([*extra, folder], cache)
            rows["warm"].append((seconds, peak))
            mismatches += [] if found(findings, folder) == expected(manifest, folder) else ["warm full lint"]
            with open(victim_path, "w", encoding="utf-8") as handle:  # a change that adds no finding
                handle.write(original + f"\n<!-- benchmark edit {round_number} -->\n")
            seconds, peak, findings = lint([*extra, victim_path], cache)
            rows["one-warm"].append((seconds, peak))
            mismatches += [] if found(findings, folder) == expected(manifest, folder, victim) else ["one file, warm"]
            seconds, peak, findings = lint(["--no-cache", *extra, victim_path], cache)
            rows["one-cold"].append((seconds, peak))
            mismatches += [] if found(findings, folder) == expected(manifest, folder, victim) else ["one file, cold"]
            with open(victim_path, "w", encoding="utf-8") as handle:
                handle.write(original)
        floor = statistics.median(floors)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"pattern-lint benchmark: {len(files):,} files ({size / 1e6:.1f} MB, {len(manifest)} injected "
              f"findings), seed {args.seed}, median of {args.repeat}; {cores} cores, Python "
              f"{platform.python_version()}, {platform.system()} {platform.machine()}")
        print(f"{'':34}{'seconds':>9}{'x floor':>9}{'peak MB':>9}")
        print(f"{'parse floor (PyYAML C loader)':34}{floor:9.2f}{1:9.2f}{'':>9}")
        labels = {"cold": "cold full lint", "warm": "warm full lint", "one-cold": "one changed file, cold",
                  "one-warm": "one changed file, warm"}
        for key, label in labels.items():
            seconds = statistics.median(s for s, _ in rows[key])
            peak = max(p for _, p in rows[key])
            print(f"{label:34}{seconds:9.2f}{seconds / floor:9.2f}{peak:9.0f}")
        if mismatches:
            print(f"FINDINGS DIFFER FROM THE MANIFEST in: {', '.join(sorted(set(mismatches)))}")
            return 1
        print("findings: every run reported exactly the injected defects")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
