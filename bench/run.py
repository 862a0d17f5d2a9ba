"""Benchmark pattern-lint on a generated library: `python bench/run.py N [--seed S] [--repeat R]`.

Generates N patterns (bench/generate.py) in a temporary folder, or uses `--folder DIR`, then
measures the median wall time and CPU time of R runs of each of:

- the parse floor: read every file and load its frontmatter with PyYAML's C loader, nothing
  else (in this process, so without interpreter start-up);
- a cold full lint (no cache: what a first run, or CI without a cache, costs);
- a warm full lint (nothing changed since the last run);
- one changed file (the pre-commit case), cold (no cache) and warm (the cache of an earlier
  full run, the file changed since);
- on a second library of N patterns with K defects in almost every file (`bench/generate.py
  --findings-per-file K`, K = 3 unless `--findings-per-file` says otherwise, 0 leaves it out;
  in a temporary folder or `--many-folder DIR`): its own parse floor, a cold full lint and a
  warm full lint, whose cost is then mostly the report of its ~3N findings.

Every lint writes its report with `--format json`. Times are shown in seconds and as ratios to the
parse floor of the same library measured in the same run: wall time, and CPU time (user + system:
for the floor, this process's `time.process_time()`; for a lint, what `os.wait4` reports for the
lint process, which includes the worker processes it waited for). On a machine shared with other
work, CPU time is the steadier of the two.

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


def parse_floor(folder: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of reading every file and loading its frontmatter."""
    started, cpu = time.perf_counter(), time.process_time()
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
    return time.perf_counter() - started, time.process_time() - cpu


ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def lint(args: list[str], cache: str) -> tuple[float, float, float, list]:
    """(wall seconds, CPU seconds, peak MB, findings) of one command-line run."""
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
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, findings


def expected(manifest: list[dict], folder: str, only: str | None = None) -> list[tuple]:
    return sorted((os.path.join(folder, row["path"]), row["rule"], row["line"]) for row in manifest
                  if only is None or row["path"] == only)


def found(findings: list[dict], folder: str) -> list[tuple]:
    return sorted((os.path.join(folder, f["path"]) if not os.path.isabs(f["path"]) else f["path"], f["name"],
                   f["line"]) for f in findings)


def library(folder: str, count: int, seed: int, per_file: int = 0) -> list[dict]:
    """The manifest of the library in `folder`, generated first when the folder has none."""
    manifest_path = os.path.join(folder, "manifest.json")
    if os.path.exists(manifest_path):
        with open(manifest_path, encoding="utf-8") as handle:
            return json.load(handle)
    manifest = generate.generate(count, folder, seed, per_file=per_file)
    with open(manifest_path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle)
    return manifest


def describe(folder: str, manifest: list[dict]) -> str:
    files = [e for e in os.scandir(folder) if e.name.endswith(".md")]
    size = sum(e.stat().st_size for e in files)
    return f"{len(files):,} files ({size / 1e6:.1f} MB, {len(manifest)} injected findings)"


HEADER = f"{'':34}{'seconds':>9}{'x floor':>9}{'CPU s':>9}{'x floor':>9}{'peak MB':>9}"


def table(floors: list[tuple[float, float]], rows: dict[str, list], labels: dict[str, str]) -> list[str]:
    """The floor's line, then a line per row: medians of wall and CPU time, each also as a ratio to the
    floor's median, and the largest peak."""
    wall, cpu = statistics.median(w for w, _ in floors), statistics.median(c for _, c in floors)
    lines = [HEADER, f"{'parse floor (PyYAML C loader)':34}{wall:9.2f}{1:9.2f}{cpu:9.2f}{1:9.2f}"]
    for key, label in labels.items():
        seconds = statistics.median(s for s, _, _ in rows[key])
        used = statistics.median(c for _, c, _ in rows[key])
        peak = max(p for _, _, p in rows[key])
        lines.append(f"{label:34}{seconds:9.2f}{seconds / wall:9.2f}{used:9.2f}{used / cpu:9.2f}{peak:9.0f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", help="generate into (or reuse) this folder instead of a temporary one")
    parser.add_argument("--jobs", type=int, help="passed to lint --jobs")
    parser.add_argument("--findings-per-file", type=int, default=3, choices=range(generate.MAX_PER_FILE + 1),
                        metavar="K", help="defects per file of the second library (default 3; 0: no second library)")
    parser.add_argument("--many-folder", help="generate into (or reuse) this folder for the second library")
    args = parser.parse_args(argv)
    work = tempfile.mkdtemp(prefix="pattern-lint-bench-")
    folder = args.folder or os.path.join(work, "patterns")
    many = (args.many_folder or os.path.join(work, "many")) if args.findings_per_file else None
    cache = os.path.join(work, "cache")
    try:
        manifest = library(folder, args.count, args.seed)
        many_manifest = library(many, args.count, args.seed, args.findings_per_file) if many else []
        files = [e for e in os.scandir(folder) if e.name.endswith(".md")]
        extra = ["--jobs", str(args.jobs)] if args.jobs else []
        victim = sorted(e.name for e in files)[len(files) // 2]  # the file a commit changes
        victim_path = os.path.join(folder, victim)
        with open(victim_path, encoding="utf-8") as handle:
            original = handle.read()
        lint(["--no-cache", victim_path], cache)  # writes the bytecode cache, as an install would have
        rows: dict[str, list] = {name: [] for name in ("cold", "warm", "one-cold", "one-warm", "many-cold", "many-warm")}
        floors, many_floors = [], []
        mismatches = []

        def measure(key: str, what: str, lint_args: list[str], want: list[tuple], where: str) -> None:
            seconds, cpu, peak, findings = lint(lint_args, cache)
            rows[key].append((seconds, cpu, peak))
            if found(findings, where) != want:
                mismatches.append(what)

        for round_number in range(args.repeat):
            floors.append(parse_floor(folder))
            shutil.rmtree(cache, ignore_errors=True)
            measure("cold", "cold full lint", [*extra, folder], expected(manifest, folder), folder)
            measure("warm", "warm full lint", [*extra, folder], expected(manifest, folder), folder)
            with open(victim_path, "w", encoding="utf-8") as handle:  # a change that adds no finding
                handle.write(original + f"\n<!-- benchmark edit {round_number} -->\n")
            measure("one-warm", "one file, warm", [*extra, victim_path], expected(manifest, folder, victim), folder)
            measure("one-cold", "one file, cold", ["--no-cache", *extra, victim_path],
                    expected(manifest, folder, victim), folder)
            with open(victim_path, "w", encoding="utf-8") as handle:
                handle.write(original)
            if many:
                many_floors.append(parse_floor(many))
                shutil.rmtree(cache, ignore_errors=True)
                want = expected(many_manifest, many)
                measure("many-cold", "cold full lint, many findings", [*extra, many], want, many)
                measure("many-warm", "warm full lint, many findings", [*extra, many], want, many)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"pattern-lint benchmark: {describe(folder, manifest)}, seed {args.seed}, median of {args.repeat}; "
              f"{cores} cores, Python {platform.python_version()}, {platform.system()} {platform.machine()}")
        print("\n".join(table(floors, rows, {"cold": "cold full lint", "warm": "warm full lint",
                                             "one-cold": "one changed file, cold",
                                             "one-warm": "one changed file, warm"})))
        if many:
            print(f"with {args.findings_per_file} defects in almost every file: {describe(many, many_manifest)}")
            print("\n".join(table(many_floors, rows, {"many-cold": "cold full lint",
                                                      "many-warm": "warm full lint"})[1:]))
        if mismatches:
            print(f"FINDINGS DIFFER FROM THE MANIFEST in: {', '.join(sorted(set(mismatches)))}")
            return 1
        print("findings: every run reported exactly the injected defects")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
