import functools
import os

import pytest

import helpers
from helpers import edit, line_of, rows

NAME = "dangling-link"
CODE = "PL601"
ALPHA, BETA, GAMMA = "pat_01khvcxczrfztsmcf9fgrgy593", "pat_01khvcxd2eemjtdcran0mzqtv1", "pat_01khvcxc4ke2d8723e4k6vjdhp"
ABSENT_ID = "pat_01kjj4j5hcfy8at1kz9zttg1rj"  # a valid TypeID no pattern has


# The library rules suggest by aliases too: no pattern has any unless its test gives them.
pattern = functools.partial(helpers.pattern, aliases="[]")


def at(text, needle, token=None):
    """(line, column) of `token` (default: `needle`) on the first line containing `needle`."""
    line = line_of(text, needle)
    return line, text.split("\n")[line - 1].index(token or needle) + 1


def found(findings, root):
    return [(os.path.relpath(f.path, root), f.code, f.name, f.line) for f in findings if f.name == NAME]


def the(findings):
    (finding,) = [f for f in findings if f.name == NAME]
    return finding


def test_library_whose_links_all_resolve_has_no_findings(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  enables: [beta]\n"),
             "beta.md": pattern("beta", BETA, f"  requires: [{ALPHA}]\n")}
    assert library(files) == []


FORMS = {
    "slug string": "  enables: [{t}]\n",
    "slug with weight": "  enables:\n    - slug: {t}\n      weight: 0.8\n",
    "id holding a slug": "  enables:\n    - id: {t}\n      weight: 0.5\n",
    "target": "  enables:\n    - target: {t}\n",
}
ID_FORMS = {
    "TypeID string": "  enables: [{t}]\n",
    "id holding a TypeID": "  enables:\n    - id: {t}\n      description: Alignment first.\n",
}
CASES = [(form, "beta", "missing-pattern") for form in FORMS.values()] + \
        [(form, BETA, ABSENT_ID) for form in ID_FORMS.values()]
IDS = list(FORMS) + list(ID_FORMS)


@pytest.mark.parametrize("form, existing, missing", CASES, ids=IDS)
def test_entry_naming_a_pattern_of_the_library_is_fine(library, form, existing, missing):
    files = {"alpha.md": pattern("alpha", ALPHA, form.format(t=existing)), "beta.md": pattern("beta", BETA)}
    assert rows(library(files, select=[NAME])) == []


@pytest.mark.parametrize("form, existing, missing", CASES, ids=IDS)
def test_entry_naming_no_pattern_is_reported_at_the_entry(library, tmp_path, form, existing, missing):
    text = pattern("alpha", ALPHA, form.format(t=missing))
    findings = library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME])
    line, column = at(text, missing)
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line)]
    finding = the(findings)
    assert finding.column == column
    assert finding.severity == "error"
    assert f"`enables` entry `{missing}` names no pattern in the library" in finding.message


def test_typeid_gets_no_did_you_mean(library):
    text = pattern("alpha", ALPHA, f"  enables: [{BETA[:-1]}0]\n")  # one character off beta's id
    finding = the(library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME]))
    assert "did you mean" not in finding.message
    assert finding.message.endswith("fix the target or write the missing pattern")


def test_near_miss_slug_gets_a_did_you_mean(library, tmp_path):
    text = pattern("alpha", ALPHA, "  enables:\n    - slug: participatory-budgetting\n      weight: 0.8\n")
    findings = library({"alpha.md": text, "participatory-budgeting.md": pattern("participatory-budgeting", BETA, title="Participatory Budgeting")},
                       select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "participatory-budgetting"))]
    assert the(findings).message.endswith("did you mean `participatory-budgeting`?")


def test_correct_slug_gets_nothing(library):
    text = pattern("alpha", ALPHA, "  enables:\n    - slug: participatory-budgeting\n      weight: 0.8\n")
    findings = library({"alpha.md": text, "participatory-budgeting.md": pattern("participatory-budgeting", BETA, title="Participatory Budgeting")},
                       select=[NAME])
    assert rows(findings) == []


def test_far_miss_gets_no_did_you_mean(library):
    text = pattern("alpha", ALPHA, "  enables: [stakeholder-architecture]\n")
    finding = the(library({"alpha.md": text, "beta.md": pattern("beta", BETA)}, select=[NAME]))
    assert "did you mean" not in finding.message
    assert finding.message.endswith("; fix the target or write the missing pattern")


def test_did_you_mean_by_title(library, tmp_path):
    text = pattern("alpha", ALPHA, "  enables: [participatory-budgetting]\n")
    files = {"alpha.md": text, "pb-process.md": pattern("pb-process", BETA, title="Participatory Budgeting")}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "participatory-budgetting"))]
    assert the(findings).message.endswith("did you mean `pb-process`?")


def test_did_you_mean_by_alias(library, tmp_path):
    text = pattern("alpha", ALPHA, "  enables: [open-book-managment]\n")
    files = {"alpha.md": text, "beta.md": pattern("beta", BETA),
             "transparent-ledger.md": pattern("transparent-ledger", GAMMA, title="Transparent Ledger", aliases='["Open Book Management"]')}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "open-book-managment"))]
    assert the(findings).message.endswith("did you mean `transparent-ledger`?")


def test_did_you_mean_prefers_the_slug_that_extends_the_target_to_a_word_overlap(library, tmp_path):
    """Issue 19's case: `choice-architecture` named `dark-patterns-in-platform-ux` (an alias sharing
    two words, closer by plain edit similarity) although `choice-architecture-for-self` exists."""
    text = pattern("alpha", ALPHA, "  enables: [choice-architecture]\n")
    files = {"alpha.md": text,
             "choice-architecture-for-self.md": pattern("choice-architecture-for-self", BETA, title="Choice Architecture For Self"),
             "dark-patterns-in-platform-ux.md": pattern("dark-patterns-in-platform-ux", GAMMA,
                                                        title="Dark Patterns in Platform UX",
                                                        aliases='["Choice Architecture Abuse"]')}
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "choice-architecture"))]
    assert the(findings).message.endswith("did you mean `choice-architecture-for-self`?")


@pytest.mark.parametrize("target, expected", [
    ("choice-architecture", "choice-architecture-for-self"),  # begins a slug: before an alias it begins
    ("architecture-for-self", "choice-architecture-for-self"),  # ends a slug: held as whole words
    ("choice-architecture-for-selff", "choice-architecture-for-self"),  # a typo: closest spelling
    ("choice-architecture-abuse", "dark-patterns-in-platform-ux"),  # the alias itself
])
def test_did_you_mean_ranking(target, expected):
    from lint.library import Suggester

    names = [("dark-patterns-in-platform-ux", "Dark Patterns in Platform UX", ["Choice Architecture Abuse"]),
             ("choice-architecture-for-self", "Choice Architecture for Self", [])]
    assert Suggester(names).suggest(target) == expected
    assert Suggester(list(reversed(names))).suggest(target) == expected  # whatever the order


BROKEN = ("---\nid: pat_01khvcxc4ke2d8723e4k6vjdhp\nslug: broken-pattern\ntitle: \"Broken Pattern\n"
          "---\n\nThe title's quote is never closed.\n")


def test_link_to_a_file_with_broken_yaml_resolves_by_its_file_name(library, tmp_path):
    findings = library({"alpha.md": pattern("alpha", ALPHA, "  enables: [broken-pattern]\n"),
                        "broken-pattern.md": BROKEN})
    assert rows(findings, NAME) == []
    assert [(os.path.relpath(f.path, tmp_path), f.name) for f in findings] == [("broken-pattern.md", "yaml-syntax")]


def test_broken_file_counts_under_its_file_name_not_its_unreadable_slug(library, tmp_path):
    text = pattern("alpha", ALPHA, "  enables: [broken-pattern]\n")
    findings = library({"alpha.md": text, "other-name.md": BROKEN}, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "broken-pattern"))]


def test_run_on_one_file_finds_its_missing_target(library, tmp_path):
    text = pattern("alpha", ALPHA, "  enables: [beta, missing-pattern]\n")
    files = {"alpha.md": text, "beta.md": pattern("beta", BETA, "  enables: [missing-too]\n"),
             "gamma.md": pattern("gamma", GAMMA, "  enables: [alpha]\n")}
    findings = library(files, "alpha.md", select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "missing-pattern"))]
    assert the(findings).column == at(text, "missing-pattern")[1]


def test_run_on_one_file_resolves_links_to_files_not_passed(library):
    files = {"alpha.md": pattern("alpha", ALPHA, f"  enables: [beta]\n  requires: [{GAMMA}]\n"),
             "beta.md": pattern("beta", BETA, "  enables: [missing-too]\n"), "gamma.md": pattern("gamma", GAMMA)}
    assert rows(library(files, "alpha.md", select=[NAME])) == []


def test_pattern_in_a_nested_folder_is_part_of_the_library(library):
    files = {"alpha.md": pattern("alpha", ALPHA, "  enables: [beta]\n"),
             "sub/deeper/beta.md": pattern("beta", BETA, "  enables: [alpha]\n")}
    assert rows(library(files, select=[NAME])) == []
    assert rows(library(files, "alpha.md", select=[NAME])) == []


def test_dangling_link_in_a_nested_folder_is_reported_there(library, tmp_path):
    text = pattern("beta", BETA, "  enables: [alpha, missing-pattern]\n")
    files = {"alpha.md": pattern("alpha", ALPHA, "  enables: [beta]\n"), "sub/deeper/beta.md": text}
    assert found(library(files, select=[NAME]), tmp_path) == [
        (os.path.join("sub", "deeper", "beta.md"), CODE, NAME, line_of(text, "missing-pattern"))]


def test_message_names_the_number_of_patterns_and_the_folder(library, tmp_path):
    files = {"alpha.md": pattern("alpha", ALPHA, "  enables: [missing-pattern]\n"), "beta.md": pattern("beta", BETA),
             "sub/gamma.md": pattern("gamma", GAMMA), "README.md": "# The library\n\nNot a pattern.\n",
             "notes.md": "Plain notes, no frontmatter.\n"}
    finding = the(library(files, select=[NAME]))
    assert f"names no pattern in the library (3 patterns under {tmp_path})" in finding.message


def test_inferred_and_body_links_are_left_to_their_own_rules(library):
    text = edit(pattern("alpha", ALPHA), "  inferred_links: []\n",
                "  inferred_links:\n    - target: missing-pattern\n      type: complementary\n"
                "      confidence: 0.8\n      reason: \"Both open the books.\"\n") + "\nSee [it](missing-other.md).\n"
    findings = library({"alpha.md": text}, select=["graph"])
    assert rows(findings, NAME) == []
    assert {f.name for f in findings} == {"dangling-inferred-link", "dangling-body-link"}


# --- did-you-mean is deterministic -------------------------------------------------------------------

# One process per hash seed runs every command given and prints what each wrote: set and dict
# order of text keys changes with PYTHONHASHSEED, so output that depended on it would differ.
PER_SEED = """\
import contextlib, io, json, sys
from lint.cli import main
out = []
for argv in json.loads(sys.argv[1]):
    stream = io.StringIO()
    with contextlib.redirect_stdout(stream):
        status = main(argv, stdout=stream)
    out.append([argv, status, stream.getvalue()])
print(json.dumps(out))
"""
SEEDS = ("0", "1", "2")
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"


def per_seed(commands: list[list[str]], seeds=SEEDS) -> dict[str, list]:
    import json
    import subprocess
    import sys

    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = {}
    for seed in seeds:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", PER_SEED, json.dumps(commands)], capture_output=True, text=True,
                              env=env, cwd=repo, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        out[seed] = json.loads(done.stdout)
    return out


def typeid(number: int) -> str:
    return "pat_01khm0pp0qw6rb1r861rg6d" + "".join(CROCKFORD[number // 32 ** i % 32] for i in (2, 1, 0))


def tie_library(folder) -> None:
    """15 targets, each as close to three slugs (`tieN-base-x`, `-y`, `-z`), as relationship entries,
    inferred links and body links; and a name that is one pattern's slug and another's alias."""
    number = 0
    targets = []
    for group in range(15):
        for suffix in "zyx":  # written last-first: neither file order nor hash order may decide
            slug = f"tie{group}-base-{suffix}"
            (folder / f"{slug}.md").write_text(pattern(slug, typeid(number), title=slug.replace("-", " ").title()), encoding="utf-8")
            number += 1
        targets.append(f"tie{group}-base")
    (folder / "annual-check.md").write_text(pattern("annual-check", typeid(number), title="Annual Check", aliases='["Budget Review"]'),
                                            encoding="utf-8")
    (folder / "budget-review.md").write_text(pattern("budget-review", typeid(number + 1), title="Budget Review"), encoding="utf-8")
    entries = "".join(f"    - {t}\n" for t in targets + ["budget-reviw"])
    inferred = "".join(f"    - target: {t}\n      type: complementary\n" for t in targets)
    body = "".join(f"\nSee [{t}]({t}.md).\n" for t in targets)
    text = pattern("linker", typeid(number + 2), "  enables:\n" + entries) + body
    (folder / "linker.md").write_text(text, encoding="utf-8")
    # Inferred links in another file: in the same file as the relationships naming the same targets, they
    # would be said in dangling-link's messages, not reported again.
    text = edit(pattern("inferrer", typeid(number + 3)), "  inferred_links: []\n", "  inferred_links:\n" + inferred)
    (folder / "inferrer.md").write_text(text, encoding="utf-8")


def test_did_you_mean_ties_are_broken_by_slug_whatever_the_hash_seed(tmp_path):
    """Equally close names: the first slug in order is suggested, in every process and every output
    (SARIF's fingerprints include the message), and a pattern's own slug beats another's alias."""
    import json

    tie_library(tmp_path)
    folder = os.fspath(tmp_path)
    commands = [["--no-cache", "--format", "json", folder], ["--no-cache", "--format", "sarif", folder],
                ["--format", "json", folder], ["--format", "json", os.path.join(folder, "linker.md")],
                ["graph", "--no-cache", "--quiet", "--format", "json", folder],
                ["report", "--no-cache", "--quiet", "-o", "-", folder]]
    runs = per_seed(commands)
    first = runs[SEEDS[0]]
    for seed in SEEDS[1:]:
        for (argv, status, text), (_, other_status, other) in zip(first, runs[seed]):
            assert (status, text) == (other_status, other), (seed, argv)
    findings = json.loads(first[0][2])["findings"]
    hints = {}
    for finding in findings:
        if finding["name"].startswith("dangling-"):
            hints.setdefault(finding["name"], set()).add(finding["message"].rsplit("; ", 1)[-1])
    ties = {f"did you mean `tie{group}-base-x`?" for group in range(15)}
    assert hints == {"dangling-link": ties | {"did you mean `budget-review`?"},
                     "dangling-inferred-link": ties, "dangling-body-link": ties}
    one_file = json.loads(first[3][2])["findings"]  # the neighbourhood run reads names from the cache
    assert [f["message"] for f in one_file if f["name"] == NAME] == \
        [f["message"] for f in findings if f["name"] == NAME]


def test_real_files_give_the_same_output_whatever_the_hash_seed(tmp_path):
    from helpers import SHARED

    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    folders = [os.fspath(SHARED / "corpus-sample"), os.fspath(SHARED / "corpus-dev")]
    seeds = sorted(os.fspath(p) for p in (SHARED / "seeds").iterdir())
    commands = []
    for paths in (folders, seeds):
        commands += [["--no-cache", "--format", "json", "--", *paths], ["--no-cache", "--format", "sarif", "--", *paths],
                     ["graph", "--no-cache", "--quiet", "--format", "json", "--", *paths]]
    commands.append(["report", "--no-cache", "--quiet", "-o", "-", "--", *folders])
    runs = per_seed(commands)
    for seed in SEEDS[1:]:
        for (argv, status, text), (_, other_status, other) in zip(runs[SEEDS[0]], runs[seed]):
            assert (status, text) == (other_status, other), (seed, argv)


@pytest.mark.parametrize("other, hint", [
    (True, "did you mean `subscription-model-recurring-revenue`?"),
    (False, "fix the target or write the missing pattern"),
], ids=["another pattern", "no other pattern"])
def test_did_you_mean_never_names_the_linking_pattern(library, tmp_path, other, hint):
    # Real (commons-engineering/business/access-over-ownership-model.md, issue 19 review): its alias
    # "Subscription Model" made it the suggestion for its own dangling `subscription-model` entry.
    text = pattern("access-over-ownership-model", ALPHA, "  specializes_to: [subscription-model]\n",
                   title="Access Over Ownership Model", aliases='["Subscription Model", "Rental Model"]')
    files = {"access-over-ownership-model.md": text}
    if other:
        files["subscription-model-recurring-revenue.md"] = pattern("subscription-model-recurring-revenue", BETA,
                                                                   title="Subscription Model Recurring Revenue")
    findings = library(files, select=[NAME])
    assert found(findings, tmp_path) == [("access-over-ownership-model.md", CODE, NAME,
                                          line_of(text, "specializes_to: [subscription-model]"))]
    assert the(findings).message.endswith(hint)


@pytest.mark.parametrize("target, expected", [
    ("subscription-model", "subscription-model-recurring-revenue"),  # a slug beginning with it: however long
    ("systems-thinking", None),  # held further in a title (real: "Finding Your Systems Thinking Tribe")
    ("subscription", None),  # one word: too little to go on
])
def test_did_you_mean_a_longer_name_only_when_it_begins_with_the_target(target, expected):
    from lint.library import Suggester

    names = [("subscription-model-recurring-revenue", "Subscription Model (Recurring Revenue)", []),
             ("finding-your-tribe", "Finding Your Systems Thinking Tribe", [])]
    assert Suggester(names).suggest(target) == expected
    assert Suggester(names).suggest(target, "subscription-model-recurring-revenue") is None


def test_a_missing_pattern_named_twice_in_a_file_is_one_finding_naming_the_other_line(library, tmp_path):
    # Real (corpus-sample harm-reduction-philosophy.md, issue 19 review): five missing patterns listed under
    # two relationship types each: one missing pattern, one finding, which names the other line.
    text = pattern("alpha", ALPHA, "  enables: [accountability-without-shame]\n  related: [accountability-without-shame, gone-x]\n")
    findings = library({"alpha.md": text}, select=[NAME])
    assert found(findings, tmp_path) == [("alpha.md", CODE, NAME, line_of(text, "enables: [accountability")),
                                         ("alpha.md", CODE, NAME, line_of(text, "related: ["))]
    assert f"(named again on line {line_of(text, 'related: [')})" in findings[0].message
    assert "gone-x" in findings[1].message and "again" not in findings[1].message
