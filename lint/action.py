"""The GitHub Action's own steps (`action.yml` at the repository root).

`python -I -m lint.action version` writes the action's cache-key part, `version`, to
`$GITHUB_OUTPUT`: the linter's version and a digest of its installed code, rules and schemas
(a `@main` of another day is another linter, even when the version did not change).

`python -I -m lint.action choose` decides what the lint steps check. Its inputs come from the
step's environment (`action.yml` passes every input through `env:`, never into a script):

- `INPUT_PATHS`: files or folders. A value with a line break holds one path per line (blank
  lines skipped, spaces kept); a value on one line is split at whitespace. Empty means `.`.
- `INPUT_ARGS`: more options for every run, split as a POSIX shell would split them
  (`shlex.split`: quotes group, nothing is expanded or run).
- `INPUT_CHANGED_ONLY`: `true` to check only the files a pull request changed (added,
  modified, renamed; never deleted ones) that a run over those paths would check (`*.md`, not
  in a hidden folder, no symlink to outside); `BASE_REF` is the pull request's base branch
  (`github.base_ref`; empty on other events, which check all of the paths).

It writes the linter's arguments after the `--format` the step adds (`INPUT_ARGS`, then
`--force-exclude` for changed files, then `--`, then the paths) NUL-separated to a file, so any
file name (spaces, quotes, `$()`, `;`, a leading dash, a line break) reaches the linter as one
argument and never as an option. Its outputs: `lint` (`true`, or `false` when there is
nothing to check, which is then said in the log and the job summary), `argv-file`, `files`
(the number of paths), `sarif-file` and `cache-dir`. `-I` keeps a `lint/` folder in the
checked-out repository from standing in for this module.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shlex
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from . import SCHEMAS_DIR, __version__
from .discovery import inside
from .report.github import escape_data
from .report.text import safe

# Changed files are named on the command line; beyond this many characters of names (the
# Windows command line holds 32,767) the whole of the paths is checked instead.
MAX_NAMED_CHARS = 30_000
CACHE_FOLDER = ".pattern-lint-cache"
# What the action sets itself, for each of its three runs.
RESERVED = ("--format", "--output-format", "--output-file")


class ActionError(Exception):
    """A problem with the inputs or the repository: reported as an error annotation, exit 2."""


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    command = argv[0] if len(argv) == 1 else ""
    if command not in ("choose", "version"):
        print("usage: python -m lint.action choose|version", file=sys.stderr)
        return 2
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        if not os.environ.get("GITHUB_OUTPUT"):
            raise ActionError("GITHUB_OUTPUT is not set: this runs as a step of the GitHub Action")
        if command == "version":
            _output({"version": version_key()})
            return 0
        return choose(os.environ)
    except (ActionError, OSError) as exc:
        print(f"::error title=pattern-lint::{escape_data(safe(str(exc)))}")
        return 2


def version_key() -> str:
    """The linter's version and a digest of the files it runs (code, rules, schemas)."""
    roots = {Path(__file__).resolve().parent, SCHEMAS_DIR.resolve()}
    rules = importlib.util.find_spec("lint.rules")  # installed inside `lint/`; beside it in a checkout
    roots.update(Path(p).resolve() for p in rules.submodule_search_locations or [])
    files = set()
    for root in roots:
        files.update(p for p in root.rglob("*")
                     if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc")
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(files):
        digest.update(path.name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"{__version__}-{digest.hexdigest()}"


def split_paths(value: str) -> list[str]:
    """One path per line when the value has a line break, else whitespace-separated."""
    if "\n" in value:
        paths = [line.rstrip("\r") for line in value.split("\n")]
        return [p for p in paths if p.strip()] or ["."]
    return value.split() or ["."]


def split_args(value: str) -> list[str]:
    try:
        args = shlex.split(value)
    except ValueError as exc:
        raise ActionError(f"args: {exc} in {value!r}") from None
    for arg in args:
        name = arg.split("=", 1)[0]
        if name == "--":
            raise ActionError("args: `--` is not an option; give files and folders in `paths`")
        if (name.startswith("-o") and not name.startswith("--")) or (
                len(name) > 2 and any(option.startswith(name) for option in RESERVED)):
            raise ActionError(f"args: {arg!r} is set by the action itself (it writes annotations, "
                              "the job summary and SARIF); leave it out")
    return args


def choose(env) -> int:
    args = split_args(env.get("INPUT_ARGS", ""))
    paths = split_paths(env.get("INPUT_PATHS", ""))
    changed_only = env.get("INPUT_CHANGED_ONLY", "false").strip().lower()
    if changed_only not in ("true", "false"):
        raise ActionError(f"changed-only: expected true or false, not {changed_only!r}")
    base = env.get("BASE_REF", "")
    extra: list[str] = []
    targets = paths
    if changed_only == "true" and not base:
        print("pattern-lint: changed-only: not a pull request (no base branch); checking all of: "
              + _shown(paths))
    elif changed_only == "true":
        files = [name for name in changed_files(base) if _walked(name, paths)]
        if not files:
            message = (f"pattern-lint: no pattern file (`*.md`) changed under {_shown(paths)} "
                       f"against `{safe(base)}`; nothing checked.")
            print(message)
            _summary(message + "\n")
            _output({"lint": "false", "files": "0"})
            return 0
        if sum(len(name) + 1 for name in files) > MAX_NAMED_CHARS:
            print(f"pattern-lint: {len(files)} changed pattern files, too many to name on a command "
                  f"line; checking all of: {_shown(paths)}")
        else:
            print(f"pattern-lint: {len(files)} changed pattern file{'s' * (len(files) != 1)} "
                  f"against {safe(base)}:")
            for name in files:
                print(f"pattern-lint:   {safe(name)}")
            targets, extra = files, ["--force-exclude"]
    temp = env.get("RUNNER_TEMP") or tempfile.gettempdir()
    folder = tempfile.mkdtemp(prefix="pattern-lint-", dir=temp)
    argv_file = os.path.join(folder, "argv")
    with open(argv_file, "wb") as handle:
        handle.write(b"".join(os.fsencode(arg) + b"\0" for arg in [*args, *extra, "--", *targets]))
    workspace = env.get("GITHUB_WORKSPACE") or os.getcwd()
    _output({"lint": "true", "files": str(len(targets)), "argv-file": argv_file,
             "sarif-file": os.path.join(folder, "pattern-lint.sarif"),
             "cache-dir": os.path.join(workspace, CACHE_FOLDER)})
    return 0


def changed_files(base: str) -> list[str]:
    """The files the pull request added or changed, relative to the working directory.

    Compared from the merge base with the base branch (history from `fetch-depth: 0`); in a
    shallow checkout, from the base branch's tip (which is the merge commit's first parent
    when the pull request's merge commit is checked out, as actions/checkout does).
    """
    ref = f"refs/remotes/origin/{base}"
    shallow = _git("rev-parse", "--is-shallow-repository").strip() == b"true"
    try:
        _git("fetch", "--quiet", "--no-tags", *(["--depth=1"] if shallow else []), "origin",
             f"+refs/heads/{base}:{ref}")
    except ActionError as exc:
        try:  # fetched already by actions/checkout (`fetch-depth: 0`), whose credentials may be gone
            _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except ActionError:
            raise exc from None
        print(f"pattern-lint: {safe(str(exc))}; using the {safe(base)} fetched with the checkout")
    try:
        start = _git("merge-base", ref, "HEAD").strip().decode("ascii")
    except ActionError:
        start = ref
        print(f"pattern-lint: no common history with {safe(base)} in this checkout (shallow: set "
              "`fetch-depth: 0` on actions/checkout); comparing with its tip")
    names = _git("diff", "-z", "--name-only", "--no-renames", "--diff-filter=d", "--relative",
                 start, "HEAD", "--")
    return [os.fsdecode(name) for name in names.split(b"\0") if name]


def _git(*args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=False)
    except OSError as exc:
        raise ActionError(f"changed-only needs git: {exc}") from None
    if done.returncode:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        said = [line for line in lines if line.startswith(("fatal:", "error:"))] or lines
        raise ActionError(f"changed-only: git {args[0]} failed: {said[0] if said else done.returncode}")
    return done.stdout


def _walked(name: str, roots: list[str]) -> bool:
    """Whether a run over `roots` would check the file `name`, as discovery's walk decides: a
    `.md` file (or one of the roots itself), in no hidden folder below the root, and when it
    is a symlink, one to a file inside the root (so that a link a pull request adds cannot make
    the linter quote a file from elsewhere, a secret, into the logs). The configuration's
    `exclude` is left to the linter (`--force-exclude`)."""
    if not os.path.lexists(name):
        return False
    path = os.path.abspath(name)
    for root in map(os.path.abspath, roots):
        if path == root:
            return True
        if not name.endswith(".md") or not inside(path, root):
            continue
        if any(part.startswith(".") for part in os.path.relpath(path, root).split(os.sep)[:-1]):
            continue
        if os.path.islink(path) and not inside(os.path.realpath(path), os.path.realpath(root)):
            continue
        return True
    return False



def _shown(paths: list[str]) -> str:
    return " ".join(f"`{safe(p)}`" for p in paths)


def _output(values: dict[str, str]) -> None:
    """Step outputs, in the delimited form (a value may hold any character but the delimiter)."""
    with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8", errors="surrogateescape") as handle:
        for name, value in values.items():
            delimiter = f"EOF_{uuid.uuid4().hex}"
            handle.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def _summary(text: str) -> None:
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)


if __name__ == "__main__":
    sys.exit(main())
