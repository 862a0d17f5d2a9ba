"""A real pre-commit run of the `pattern-lint` hook from this checkout, in a throw-away git repository.

pre-commit installs the hook's environment with pip (from PyPI), once per module: the runs share
PRE_COMMIT_HOME. `pre-commit try-repo` is not used because it makes a new store in a temporary
folder on every call (ignoring PRE_COMMIT_HOME), which would install the environment once per run;
the config names this checkout at its HEAD commit instead, so what is tested is the committed code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from helpers import edit, not_installed, pattern

PROJECT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
TITLE = "Transparent Ledger"  # the template's title, kept

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def enables(target: str) -> str:
    """A `relationships:` group that enables `target` only."""
    return f"  enables:\n    - slug: {target}\n      weight: 0.5\n"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    """A git repository with patterns/alpha.md and patterns/beta.md and a config naming this checkout."""
    head = git("rev-parse", "HEAD", cwd=PROJECT).strip()
    if git("status", "--porcelain", "--untracked-files=no", "--", "lint", "rules", "schemas", "pyproject.toml",
           ".pre-commit-hooks.yaml", cwd=PROJECT).strip():
        warnings.warn("the checkout has uncommitted changes to the linter; the pre-commit test runs HEAD")
    root = tmp_path_factory.mktemp("precommit")
    repo = root / "repo"
    (repo / "patterns").mkdir(parents=True)
    git("init", "-q", cwd=repo)
    git("config", "user.name", "Test", cwd=repo)
    git("config", "user.email", "test@example.com", cwd=repo)
    git("config", "commit.gpgsign", "false", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {PROJECT}\n  rev: {head}\n  hooks:\n  - id: pattern-lint\n", encoding="utf-8")
    (repo / "patterns" / "beta.md").write_text(pattern("beta", "pat_01khm0pp0qw6rb1r861rg6dfh3", title=TITLE), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k not in ("VIRTUAL_ENV", "NO_COLOR")}
    env.update(PRE_COMMIT_HOME=str(root / "pre-commit-home"), PRE_COMMIT_COLOR="never", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return repo, env


def run_hook(repo: Path, env: dict, alpha: str) -> subprocess.CompletedProcess:
    (repo / "patterns" / "alpha.md").write_text(alpha, encoding="utf-8")
    git("add", "-A", cwd=repo)
    return subprocess.run([str(PRE_COMMIT), "run", "--files", "patterns/alpha.md"], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=600)


def test_precommit_hook_fails_on_a_dangling_link(repository):
    repo, env = repository
    proc = run_hook(repo, env, pattern("alpha", "pat_01khm0pp0qw6rb1r861rg6dfh2", enables("no-such-pattern"), title=TITLE))
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "dangling-link" in output, output
    assert "no-such-pattern" in output
    assert "patterns/alpha.md" in output


def test_precommit_hook_resolves_links_against_files_not_passed(repository):
    repo, env = repository
    proc = run_hook(repo, env, pattern("alpha", "pat_01khm0pp0qw6rb1r861rg6dfh2", enables("beta"), title=TITLE))
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "Passed" in output
    assert "dangling-link" not in output


def test_readme_configuration_resolves_a_subfolder_file_against_the_whole_repository(repository, tmp_path):
    """README's pre-commit configuration, with this checkout for its repository: a staged pattern in
    a subfolder links to a pattern in the folder above it. Both hooks pass; a real dangling link
    fails the per-file hook."""
    from test_readme import precommit_config

    _, env = repository
    head = git("rev-parse", "HEAD", cwd=PROJECT).strip()
    repo = tmp_path / "library"
    (repo / "patterns" / "business").mkdir(parents=True)
    git("init", "-q", cwd=repo)
    config = precommit_config()
    config = config.replace("https://github.com/pattern-lint/pattern-lint", str(PROJECT), 1)
    config = re.sub(r"rev: \S+", f"rev: {head}", config, count=1)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "patterns" / "alliance-architecture.md").write_text(
        pattern("alliance-architecture", "pat_01khm0pp0qw6rb1r861rg6dfh3", title=TITLE), encoding="utf-8")
    staged = repo / "patterns" / "business" / "partner-network.md"
    staged.write_text(pattern("partner-network", "pat_01khm0pp0qw6rb1r861rg6dfh2", enables("alliance-architecture"), title=TITLE),
                      encoding="utf-8")

    def commit_hooks() -> tuple[int, str]:
        git("add", "-A", cwd=repo)
        run = subprocess.run([str(PRE_COMMIT), "run", "--files", "patterns/business/partner-network.md"], cwd=repo,
                             env=env, capture_output=True, text=True, timeout=600)
        return run.returncode, run.stdout + run.stderr

    code, output = commit_hooks()
    assert code == 0, output
    assert output.count("Passed") == 2 and "dangling-link" not in output
    staged.write_text(pattern("partner-network", "pat_01khm0pp0qw6rb1r861rg6dfh2", enables("alliance-architectur"), title=TITLE),
                      encoding="utf-8")
    code, output = commit_hooks()
    assert code != 0 and output.count("dangling-link") == 2, output  # both hooks report it
    assert "did you mean `alliance-architecture`" in output


@pytest.mark.skipif(bool(not_installed()), reason=not_installed() or "installed")  # runs `python -m lint` elsewhere
def test_hooks_use_the_configured_baseline(repository, tmp_path):
    """A library whose configuration names a baseline: the recorded dangling link passes both hooks;
    a new one fails them (each reports it once, and only it)."""
    _, env = repository
    head = git("rev-parse", "HEAD", cwd=PROJECT).strip()
    repo = tmp_path / "library"
    (repo / "patterns").mkdir(parents=True)
    git("init", "-q", cwd=repo)
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {PROJECT}\n  rev: {head}\n  hooks:\n  - id: pattern-lint\n  - id: pattern-lint-library\n",
        encoding="utf-8")
    (repo / ".pattern-lint.toml").write_text('baseline = ".pattern-lint-baseline.json"\n', encoding="utf-8")
    alpha = repo / "patterns" / "alpha.md"
    alpha.write_text(pattern("alpha", "pat_01khm0pp0qw6rb1r861rg6dfh2", enables("recorded-target"), title=TITLE), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "lint", "--no-cache", "--write-baseline"], cwd=repo, check=True,
                   capture_output=True)
    assert "recorded-target" in (repo / ".pattern-lint-baseline.json").read_text(encoding="utf-8")

    def hooks() -> tuple[int, str]:
        git("add", "-A", cwd=repo)
        run = subprocess.run([str(PRE_COMMIT), "run", "--files", "patterns/alpha.md"], cwd=repo, env=env,
                             capture_output=True, text=True, timeout=600)
        return run.returncode, run.stdout + run.stderr

    code, output = hooks()
    assert code == 0 and output.count("Passed") == 2, output
    alpha.write_text(edit(alpha.read_text(encoding="utf-8"), "      weight: 0.5",
                          "      weight: 0.5\n    - slug: new-target\n      weight: 0.5"), encoding="utf-8")
    code, output = hooks()
    assert code != 0 and output.count("new-target") == 2 and "recorded-target" not in output, output
