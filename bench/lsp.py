"""Benchmark the language server on a generated library: `python bench/lsp.py [N] [--edits E]`.

Generates N patterns (bench/generate.py; default 3,600) in a temporary folder, or uses
`--folder DIR`, and talks to `python -m lint server` as an editor does (pygls's LanguageClient
over the server's standard input and output) to measure:

- the time to the first diagnostics after start: from starting the process, through initialize,
  initialized (which builds the library's index) and didOpen of one pattern, to the
  publishDiagnostics of that pattern; with a cold cache (none in the library's
  .pattern-lint-cache), warm from an earlier server start, and warm from a run of `lint`;
- the time from a didChange to the publishDiagnostics of that version of the file, over E
  edits (default 200) of four kinds on one clean pattern that other patterns link to: typing
  in the body (a character at a time), a relationship entry made to dangle and resolved again,
  and the slug changed and changed back;
- the server process's peak resident memory (VmHWM in /proc/PID/status) after start and after
  the edits.

The diagnostics are checked against `lint`: those of the opened file against the findings a
full run of `lint` reports for it, and those of each kind of edit against `lint` run on the
edited text written to the file (the file is put back afterwards). `--profile FILE` runs the
server with cProfile switched on only while it handles a change (Session.change and the
publishing of its diagnostics) and prints the costliest functions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (bench/generate.py, beside this script)

ENVIRONMENT = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PATTERN_LINT_CACHE_DIR")}
TIMEOUT = 600.0  # seconds to wait for any one answer (the index of 20,000 files is built before the first)

# Run in the server process with --profile: cProfile on while a change is handled, the stats written at exit.
PROFILED = """
import atexit, cProfile, sys
from lint.server import features, session
profile = cProfile.Profile()
def profiled(function):
    def wrapper(*args, **kwargs):
        profile.enable()
        try:
            return function(*args, **kwargs)
        finally:
            profile.disable()
    return wrapper
session.Session.change = profiled(session.Session.change)
features.PatternServer.publish = profiled(features.PatternServer.publish)
atexit.register(profile.dump_stats, sys.argv.pop())
from lint.cli import main
sys.exit(main(["server"]))
"""


class Client:
    """A language client with the server it started: waits for a file's diagnostics of a version."""

    def __init__(self) -> None:
        self.client = LanguageClient("pattern-lint-bench", "1")
        self.published: dict[tuple[str, int | None], tuple[float, list]] = {}
        self.waiting: dict[tuple[str, int | None], asyncio.Future] = {}
        self.process = None

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.published[key] = (time.perf_counter(), params.diagnostics)
            future = self.waiting.pop(key, None)
            if future is not None and not future.done():
                future.set_result(None)

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            print(f"server: {params.message}", file=sys.stderr)

    async def start(self, folder: str, profile: str | None = None) -> float:
        """Start the server in `folder` and initialize it; returns the start's perf_counter."""
        started = time.perf_counter()
        args = ["-c", PROFILED, profile] if profile else ["-m", "lint", "server"]
        await self.client.start_io(sys.executable, *args, cwd=folder, env=ENVIRONMENT)
        self.process = self.client._server  # the asyncio subprocess (for its pid)
        uri = "file://" + folder
        await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=uri,
            workspace_folders=[types.WorkspaceFolder(uri=uri, name="library")])), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return started

    async def diagnostics(self, uri: str, version: int) -> tuple[float, list]:
        key = (uri, version)
        if key not in self.published:
            self.waiting[key] = asyncio.get_running_loop().create_future()
            await asyncio.wait_for(self.waiting[key], TIMEOUT)
        return self.published[key]

    async def open(self, uri: str, text: str) -> tuple[float, list]:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri, "markdown", 1, text)))
        return await self.diagnostics(uri, 1)

    async def change(self, uri: str, version: int, text: str) -> tuple[float, list]:
        """(seconds from the didChange to its diagnostics, the diagnostics)."""
        sent = time.perf_counter()
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        arrived, found = await self.diagnostics(uri, version)
        return arrived - sent, found

    def peak_mb(self) -> float:
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as handle:
            return next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:")) / 1024

    async def stop(self) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.process.wait(), TIMEOUT)
        await self.client.stop()


def lint(folder: str, paths: list[str], *extra: str) -> list[dict]:
    """The findings of `lint` run in `folder` on `paths` (the cache in the library's folder)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        command = [sys.executable, "-m", "lint", "--format", "json", "--output-file", report.name, *extra, *paths]
        status = subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, env=ENVIRONMENT).returncode
        if status not in (0, 1):
            raise SystemExit(f"lint failed (exit {status}): {' '.join(command)}")
        with open(report.name, encoding="utf-8") as handle:
            return json.load(handle)["findings"]


def shown(diagnostics: list) -> list[tuple]:
    return sorted((d.data["name"], d.data["line"], d.data["column"], _paths(d.message)) for d in diagnostics)


def expected(findings: list[dict], name: str) -> list[tuple]:
    return sorted((f["name"], f["line"], f["column"], _paths(f"{f['message']} [{f['name']}]")) for f in findings
                  if os.path.basename(f["path"]) == name)


def _paths(message: str) -> str:
    """The message with the files it names spelt alike: `lint .` names another file `./x.md`, the
    server (whose index holds normalized paths) `x.md`."""
    return message.replace("(./", "(")


def choose(folder: str, manifest: list[dict]) -> str:
    """A clean v7.1 pattern that other patterns link to, with a relationship entry by slug."""
    flawed = {row["path"] for row in manifest}
    names = sorted(n for n in os.listdir(folder) if n.endswith(".md") and n not in flawed)
    for name in names[len(names) // 2:] + names:
        slug = name[:-3]
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            text = handle.read()
        if "GROUP 5" in text and re.search(r"^    - slug: ", text, re.M) and _linked(folder, slug, names):
            return name
    raise SystemExit("no clean v7.1 pattern with relationship entries that others link to")


def _linked(folder: str, slug: str, names: list[str]) -> bool:
    for name in names[:400]:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            if f"slug: {slug}\n" in handle.read() and name != slug + ".md":
                return True
    return False


def edits(text: str, count: int):
    """(kind, text) of `count` edits in a row: typing in the body, a relationship entry dangling and
    resolved, the slug changed and changed back."""
    entry = re.search(r"^    - slug: (\S+)$", text, re.M)
    slug = re.search(r"^slug: (\S+)$", text, re.M)
    heading = re.compile(r"^#{2,3} .*\n\n", re.M).search(text, text.index("\n---\n", 4))
    paragraph = heading.end()  # the first paragraph of the first section
    line_end = text.index("\n", paragraph)
    current, typed = text, ""
    plan = ["type"] * 5 + ["dangle", "type", "resolve", "type", "slug", "type", "unslug"]
    for number in range(count):
        kind = plan[number % len(plan)]
        if kind == "type":
            typed = (typed + "word "[len(typed) % 5])[-40:]
            current = current[:line_end] + " " + typed + current[current.index("\n", line_end):]
        elif kind == "dangle":
            current = current.replace(entry.group(0), entry.group(0) + "-gone", 1)
        elif kind == "resolve":
            current = current.replace(entry.group(0) + "-gone", entry.group(0), 1)
        elif kind == "slug":
            current = current.replace(slug.group(0), slug.group(0) + "-renamed", 1)
        else:
            current = current.replace(slug.group(0) + "-renamed", slug.group(0), 1)
        yield kind, current


async def first_diagnostics(folder: str, name: str, text: str) -> tuple[float, float, float, list]:
    """(seconds from start to initialized, to the first diagnostics, peak MB, diagnostics)."""
    client = Client()
    started = await client.start(folder)
    initialized = time.perf_counter()
    arrived, found = await client.open("file://" + os.path.join(folder, name), text)
    peak = client.peak_mb()
    await client.stop()
    return initialized - started, arrived - started, peak, found


async def changes(folder: str, name: str, text: str, count: int, profile: str | None) -> dict:
    client = Client()
    started = await client.start(folder, profile)
    uri = "file://" + os.path.join(folder, name)
    arrived, _ = await client.open(uri, text)
    out = {"start": arrived - started, "peak start": client.peak_mb(), "times": {}, "last": {}}
    for version, (kind, edited) in enumerate(edits(text, count), start=2):
        seconds, found = await client.change(uri, version, edited)
        out["times"].setdefault(kind, []).append(seconds)
        out["last"][kind] = (edited, found)
    out["peak edits"] = client.peak_mb()
    await client.stop()
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, nargs="?", default=3600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--folder", help="generate into (or reuse) this folder instead of a temporary one")
    parser.add_argument("--profile", metavar="FILE", help="profile the change path in the server; stats to FILE")
    parser.add_argument("--no-check", action="store_true", help="do not compare the diagnostics with `lint`")
    args = parser.parse_args(argv)
    work = None if args.folder else tempfile.mkdtemp(prefix="pattern-lint-lsp-")
    folder = os.path.abspath(args.folder or os.path.join(work, "patterns"))
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
        name = choose(folder, manifest)
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        cache = os.path.join(folder, ".pattern-lint-cache")
        lint(folder, [name], "--no-cache")  # writes the bytecode cache, as an install would have
        rows = []
        shutil.rmtree(cache, ignore_errors=True)
        ready, first, peak, cold_found = asyncio.run(first_diagnostics(folder, name, text))
        rows.append(("first diagnostics, cold cache", ready, first, peak))
        ready, first, peak, _ = asyncio.run(first_diagnostics(folder, name, text))
        rows.append(("first diagnostics, warm (server)", ready, first, peak))
        shutil.rmtree(cache, ignore_errors=True)
        findings = lint(folder, ["."])  # a full run of `lint`, writing the cache
        ready, first, peak, warm_found = asyncio.run(first_diagnostics(folder, name, text))
        rows.append(("first diagnostics, warm (lint)", ready, first, peak))
        profile = os.path.abspath(args.profile) if args.profile else None
        measured = asyncio.run(changes(folder, name, text, args.edits, profile))
        mismatches = []
        if not args.no_check:
            if not shown(cold_found) == shown(warm_found) == expected(findings, name):
                mismatches.append("on open")
                print(f"on open: the server shows {shown(cold_found)} (cold), {shown(warm_found)} (warm), `lint` "
                      f"{expected(findings, name)}", file=sys.stderr)
            try:
                for kind, (edited, found) in measured["last"].items():
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(edited)
                    wanted = expected(lint(folder, [name]), name)
                    if shown(found) != wanted:
                        mismatches.append(f"after the edit '{kind}'")
                        print(f"after the edit '{kind}': the server shows {shown(found)}, `lint` {wanted}", file=sys.stderr)
            finally:
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"pattern-lint language server benchmark: {len(files):,} files ({size / 1e6:.1f} MB), seed {args.seed}, "
              f"{args.edits} edits of {name}; {cores} cores, Python {platform.python_version()}, "
              f"{platform.system()} {platform.machine()}")
        print(f"{'':36}{'init s':>9}{'first s':>9}{'peak MB':>9}")
        for label, ready, first, peak in rows:
            print(f"{label:36}{ready:9.2f}{first:9.2f}{peak:9.0f}")
        print(f"{'didChange -> diagnostics':36}{'edits':>9}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}")
        every = [s for times in measured["times"].values() for s in times]
        for kind, times in [*measured["times"].items(), ("all", every)]:
            print(f"{'  ' + kind:36}{len(times):9}{statistics.median(times) * 1000:11.1f}"
                  f"{percentile(times, 0.95) * 1000:9.1f}{max(times) * 1000:9.1f}")
        print(f"{'server peak MB after start / after the edits':46}{measured['peak start']:9.0f}"
              f"{measured['peak edits']:9.0f}")
        if args.profile:
            print(f"profile of the change path ({args.profile}):")
            pstats.Stats(args.profile).sort_stats("cumulative").print_stats(25)
        if mismatches:
            print(f"DIAGNOSTICS DIFFER FROM `lint` {', '.join(mismatches)}")
            return 1
        print("diagnostics: the same as `lint` on open and after each kind of edit" if not args.no_check else "")
        return 0
    finally:
        if work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
