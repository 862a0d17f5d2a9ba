"""Section layouts: one finding per root cause for files that mix layouts, follow none, or carry an
empty skeleton of headings (missing-section, section-number-mismatch, duplicate-section, empty-section,
section-order together).

The bodies below are excerpts of real files of the Commons-OS library (headings unchanged, each section
cut to its first sentence), under the classification frontmatter of tests/helpers.py; the tests at
the end read the real files in place when ../shared is there.
"""

import os

import pytest

from helpers import CLASSIFICATION, SHARED, VALID, edit, line_of, rows
from lint.runner import Options, run

SECTION_RULES = ("missing-section", "section-order", "duplicate-section", "section-number-mismatch", "empty-section")


def section_rows(findings):
    return [row for row in rows(findings) if row[1] in SECTION_RULES]


# From commons-os let-the-best-emerge.md: the first three legacy sections, then the v2.0 layout's
# Application Context and Evidence & Impact, then the legacy Anti-Patterns and References, numbered 1-8.
MIXED = CLASSIFICATION + """
### 1. Overview

"Let the Best Emerge" is a platform design pattern that prioritizes the creation of systems and processes.

### 2. Core Principles

1.  **Radical Openness and Inclusivity.** The platform must be open to the widest possible range of participants.

### 3. Key Practices

1.  **Implement a Dynamic Reputation and Trust System.** Create a multi-faceted reputation system.

### 4. Application Context

**Best Used For:** platforms whose value grows with their participants.

### 5. Implementation

Implementing the "Let the Best Emerge" pattern requires a deliberate shift from a command-and-control mindset.

### 6. Evidence & Impact

The impact of the "Let the Best Emerge" pattern is evident across the digital economy.

### 7. Anti-Patterns & Gotchas

The advent of the Cognitive Era, characterized by the widespread integration of artificial intelligence.

### 8. References

- **Shared Resource Potential:** High - This pattern is fundamentally about creating a shared resource.
"""

# From commons-os retrieval-augmented-generation.md: a GoF-style layout under a level-1 title.
GOF = CLASSIFICATION.replace("# Empathy Mapping\n", "# Retrieval-Augmented Generation Pattern\n") + "".join(
    f"\n### {n}. {title}\n\n{text}\n" for n, (title, text) in enumerate([
        ("Intent", "The Retrieval-Augmented Generation (RAG) pattern enhances the accuracy of Large Language Models."),
        ("Motivation", "LLMs have a vast amount of \"parameterized knowledge\" from their training data."),
        ("Applicability", "Use the Retrieval-Augmented Generation pattern when:"),
        ("Structure", "The RAG pattern consists of three main components:"),
        ("Participants", "*   **User:** Provides the initial query to the system."),
        ("Collaboration", "The collaboration in the RAG pattern follows these steps:"),
        ("Consequences", "*   **Increased Accuracy and Reliability:** By grounding responses in external data."),
        ("Implementation", "1.  **Set up a Vector Database:** Choose and configure a vector database."),
        ("Known Uses", "*   **Customer Support Chatbots:** Providing accurate answers to customer questions."),
        ("Related Patterns", "*   **Fine-tuning:** While RAG is often an alternative to fine-tuning, both can be used."),
    ], 1))

# From commons-os a3-thinking-toyota-problem-solving.md: its own eight sections, two of which the
# format names (Core Principles, Commons Alignment Assessment).
A3 = CLASSIFICATION + "".join(
    f"\n### {n}. {title}\n\n{text}\n" for n, (title, text) in enumerate([
        ("Introduction", "A3 Thinking is a problem-solving methodology that originated at Toyota."),
        ("The A3 Process", "The A3 process follows a structured sequence of steps, typically including:"),
        ("Core Principles", "A3 Thinking is based on several core principles, including:"),
        ("Benefits", "The benefits of using A3 Thinking include:"),
        ("Applications", "A3 Thinking can be applied to a wide range of problems."),
        ("Relationship to Lean", "A3 Thinking is a key component of the Lean methodology."),
        ("Limitations", "While A3 Thinking is a powerful tool, it is not a silver bullet."),
        ("Commons Alignment Assessment (v2.0)", "This assessment evaluates the pattern based on the Commons OS v2.0."),
    ], 1))

V2 = ["Overview", "Core Principles", "Key Practices", "Application Context", "Implementation",
      "Evidence & Impact", "Cognitive Era Considerations", "Commons Alignment Assessment", "Resources & References"]

# From commons-os natural-language-processing-for-requirements.md: the nine v2.0 headings left empty
# above the written sections (the last skeleton heading directly above the first written one).
SKELETON = CLASSIFICATION.replace("# Empathy Mapping\n", "# Natural Language Processing for Requirements\n") + \
    "\n" + "\n".join(f"## {n}. {title}\n" for n, title in enumerate(V2, 1)).rstrip("\n") + "\n" + "".join(
        f"## {n}. {title}\n\nNatural Language Processing for Requirements Engineering, {title.lower()}.\n\n"
        for n, title in enumerate(V2, 1))


# -- a file that mixes two layouts --------------------------------------------------------------------


def test_mixed_layouts_are_one_finding_at_the_first_borrowed_heading(check):
    findings = check(MIXED, name="empathy-mapping.md")
    assert section_rows(findings) == [("PL401", "missing-section", line_of(MIXED, "### 4. Application Context"))]
    message = findings[0].message
    assert "mix section layouts" in message
    assert (f"`Application Context` (line {line_of(MIXED, '### 4. Application Context')}), "
            f"`Evidence & Impact` (line {line_of(MIXED, '### 6. Evidence & Impact')}) are from the v2.0 assessment "
            "layout, the others from the legacy layout") in message
    assert "the legacy layout lacks `7 Pillars Assessment`, `When to Use`" in message
    assert "the v2.0 assessment layout lacks `Cognitive Era`, `Commons Alignment Assessment`, " \
           "`Resources & References`" in message


def test_mixed_layouts_numbers_are_the_files_own_and_not_renumbered(check):
    # `### 5. Implementation` is the file's fifth heading: "renumber it 4" was a false finding.
    assert rows(check(MIXED, name="empathy-mapping.md"), "section-number-mismatch") == []


def test_a_legacy_file_with_one_extra_v2_heading_and_nothing_missing_passes(check):
    # (the two legacy sections added unnumbered: `7 Pillars Assessment` starts with a digit of its own)
    text = edit(MIXED, "### 7. Anti-Patterns", "### 7 Pillars Assessment\n\nScored.\n\n### When to Use\n\n"
                "Often.\n\n### 7. Anti-Patterns")
    assert section_rows(check(text, name="empathy-mapping.md")) == []


# -- a file that follows none of the layouts -------------------------------------------------------


@pytest.mark.parametrize("text, first, found", [
    pytest.param(GOF, "### 1. Intent", "`1. Intent`, `2. Motivation`, `3. Applicability`", id="GoF layout"),
    pytest.param(A3, "### 1. Introduction", "`1. Introduction`, `2. The A3 Process`, `3. Core Principles`",
                 id="own layout"),
])
def test_foreign_layout_is_one_finding_naming_the_layouts_and_the_headings(check, text, first, found):
    findings = check(text, name="empathy-mapping.md")
    assert section_rows(findings) == [("PL401", "missing-section", line_of(text, first))]
    message = findings[0].message
    assert message.startswith("the headings follow none of the format's section layouts: found " + found)
    assert "the legacy layout (Overview, Core Principles, Key Practices, Implementation" in message
    assert "the v2.0 assessment layout (Overview, Core Principles, Key Practices, Application Context" in message
    assert "e.g. `### 1. Overview`" in message


def test_foreign_layout_says_which_headings_are_required_ones(check):
    assert "only `Implementation` names a required section" in check(GOF, name="empathy-mapping.md")[0].message
    assert "only `Core Principles`, `Commons Alignment Assessment` name required sections" in \
        check(A3, name="empathy-mapping.md")[0].message


def test_foreign_layout_in_a_v7_file_names_the_v7_layout(check):
    # The GoF headings above under the v7.1 frontmatter: Consequences, Implementation and Known Uses are
    # v7.1 names, but the other seven headings are not.
    text = VALID.split("### Section 1: Context")[0] + GOF.split("# Retrieval-Augmented Generation Pattern\n")[1]
    findings = check(text)
    assert section_rows(findings) == [("PL401", "missing-section", line_of(text, "### 1. Intent"))]
    assert "the format expects the v7.1 layout (Context, Problem, Solution, Implementation" in findings[0].message


def test_two_references_in_a_foreign_layout_are_still_a_duplicate(check):
    # From commons-os ml-pipeline-orchestration-pattern.md: `### 7. References` and `### 8. References`.
    text = edit(GOF, "### 10. Related Patterns", "### 10. References\n\nSee sources in frontmatter.\n\n### 11. References")
    found = section_rows(check(text, name="empathy-mapping.md"))
    assert found == [("PL401", "missing-section", line_of(text, "### 1. Intent")),
                     ("PL403", "duplicate-section", line_of(text, "### 11. References"))]


def test_a_stub_that_follows_the_layout_is_not_a_foreign_layout(check):
    # Two v7.1 sections written, six to come: the file follows v7.1, it is not finished.
    text = VALID.split("### Section 3: Solution")[0]
    findings = check(text)
    assert section_rows(findings) == [("PL401", "missing-section", line_of(text, "### Section 2: Problem"))]
    assert findings[0].message.startswith("6 of the 8 sections of the v7.1 layout are missing; add "
                                          "`### Section 3: Solution`, `### Section 4: Implementation`")


# -- an empty skeleton of headings -------------------------------------------------------------------


def test_empty_skeleton_above_the_written_sections_is_one_finding(check):
    findings = check(SKELETON, name="empathy-mapping.md")
    first = line_of(SKELETON, "## 1. Overview")
    last = line_of(SKELETON, "## 9. Resources & References")
    written = line_of(SKELETON, "## 1. Overview", nth=2)
    assert section_rows(findings) == [("PL403", "duplicate-section", first)]
    assert findings[0].message == (
        f"an empty skeleton of 9 section headings (lines {first}-{last}: `1. Overview` ... "
        f"`9. Resources & References`) stands above the written sections that repeat them from line {written}; "
        "delete the skeleton")


def test_skeleton_set_aside_the_written_sections_are_checked(check):
    # A written section missing below the skeleton is still reported, where the written sections are.
    text = edit(SKELETON, "## 6. Evidence & Impact\n\nNatural Language Processing for Requirements Engineering, "
                "evidence & impact.\n\n", "")
    found = section_rows(check(text, name="empathy-mapping.md"))
    assert found == [("PL403", "duplicate-section", line_of(text, "## 1. Overview")),
                     ("PL401", "missing-section", line_of(text, "## 7. Cognitive Era Considerations", nth=2))]


def test_unfilled_template_is_one_empty_section_finding(check):
    # The skeleton with nothing written below it: the sections are all there, all empty.
    text = SKELETON.split("## 9. Resources & References\n")[0] + "## 9. Resources & References\n"
    findings = check(text, name="empathy-mapping.md")
    assert section_rows(findings) == [("PL405", "empty-section", line_of(text, "## 1. Overview"))]
    assert findings[0].message.startswith("9 sections in a row have no text (`Overview`, `Core Principles`, ")


def test_two_empty_sections_are_two_findings(check):
    text = edit(edit(MIXED, "1.  **Radical Openness and Inclusivity.** The platform must be open to the widest "
                     "possible range of participants.\n", ""),
                "1.  **Implement a Dynamic Reputation and Trust System.** Create a multi-faceted reputation system.\n", "")
    assert rows(check(text, name="empathy-mapping.md"), "empty-section") == [
        ("PL405", "empty-section", line_of(text, "### 2. Core Principles")),
        ("PL405", "empty-section", line_of(text, "### 3. Key Practices"))]


# -- names and numbers -------------------------------------------------------------------------------


def test_seven_pillars_spelled_out_is_the_7_pillars_assessment(check):
    # From commons-os beachhead-market.md: unnumbered `##` legacy headings with `Seven Pillars Assessment`.
    legacy = ["Overview", "Core Principles", "Key Practices", "Implementation", "Seven Pillars Assessment",
              "When to Use", "Anti-Patterns", "References"]
    text = CLASSIFICATION + "".join(f"\n## {title}\n\nText.\n" for title in legacy)
    assert section_rows(check(text, name="empathy-mapping.md")) == []
    assert section_rows(check(text.replace("Seven Pillars", "7 Pillars"), name="empathy-mapping.md")) == []


def test_number_that_counts_the_files_own_headings_is_not_renumbered(check):
    # A v7.1 file with a numbered References section of its own after Solution: the later numbers
    # count the file's headings, one more than the format's.
    text = VALID
    for n in range(8, 3, -1):
        text = text.replace(f"### Section {n}: ", f"### Section {n + 1}: ")
    text = edit(text, "### Section 5: Implementation", "### Section 4: Sources\n\n- A book.\n\n### Section 5: Implementation")
    assert section_rows(check(text)) == []


def test_skipped_number_is_reported_at_each_heading_it_shifts(check):
    text = VALID
    for n in range(8, 3, -1):
        text = text.replace(f"### Section {n}: ", f"### Section {n + 1}: ")
    assert rows(check(text), "section-number-mismatch") == [
        ("PL404", "section-number-mismatch", line_of(text, f"### Section {n + 1}: ")) for n in range(4, 9)]


# -- the real files, read in place ------------------------------------------------------------------

DEV = SHARED / "corpus-dev" / "commons-os"


@pytest.mark.skipif(not DEV.is_dir(), reason="../shared/corpus-dev is not available")
@pytest.mark.parametrize("name, expected", [
    ("let-the-best-emerge.md", [("missing-section", "### 4. Application Context")]),
    ("multi-homing-strategy.md", [("missing-section", "### 4. Application Context")]),
    ("a3-thinking-toyota-problem-solving.md", [("missing-section", "### 1. Introduction")]),
    ("retrieval-augmented-generation.md", [("missing-section", "### 1. Intent")]),
    ("ml-pipeline-orchestration-pattern.md", [("missing-section", "### 1. Introduction"),
                                              ("duplicate-section", "### 8. References")]),
    ("natural-language-processing-for-requirements.md", [("duplicate-section", "## 1. Overview")]),
    ("beachhead-market.md", []),
    # `### 8. References` holds the alignment assessment, `### References` the references: a real duplicate.
    ("audit-logging-pattern.md", [("duplicate-section", "### References")]),
])
def test_real_files_get_one_section_finding_per_root_cause(name, expected):
    path = DEV / name
    text = path.read_text(encoding="utf-8")
    found = run([os.fspath(path)], Options(select=["sections"])).findings
    assert [(f.name, f.line) for f in found if f.name in SECTION_RULES] == \
        [(rule, line_of(text, heading)) for rule, heading in expected]
