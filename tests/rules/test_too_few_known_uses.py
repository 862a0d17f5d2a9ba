"""too-few-known-uses: examples counted as a reader counts them (real-file excerpts, messages by parts); the
simple cases are data in tests/cases/body.yaml."""

import pytest

from helpers import VALID, edit, line_of, rows

NAME = "too-few-known-uses"
CODE = "PL409"
USES = "- **Employee-owned firms:** open-book management.\n- **Participatory cities:** public budgets.\n"


# Examples counted as a reader counts them (issue 19): labels inside one paragraph, bold names,
# and an example paragraph that a `---` right under it turned into a heading.

def _reported(check, uses: str):
    text = edit(VALID, USES, uses)
    found = [f for f in check(text) if f.name == NAME]
    return text, found


# Shortened from a real commons-os file (home-as-psychological-container.md): one paragraph,
# a bold lead sentence, then one bold label per context.
LABELLED_PARAGRAPH = (
    "**Christopher Alexander's pattern language reveals this in practice.** In the 1970s, Alexander "
    "studied why some buildings felt alive. **Corporate use**: Patagonia's headquarters in Ventura "
    "retained its original character. **Activist use**: The Black Panther Party's community spaces "
    "were designed as homes. **Government use**: Singapore's Housing Development Board let residents "
    "modify their units.\n")


@pytest.mark.parametrize("uses", [
    LABELLED_PARAGRAPH,
    # From a real commons-engineering file (high-end-premium-branding.md): two named brands in one
    # paragraph, after an introductory sentence.
    "The automotive industry provides classic examples. Brands like **Porsche** and **Rolls-Royce** do not "
    "sell mere transportation; they sell performance.\n",
    # From a real commons-os file (commons-as-practice.md): a bold-led example, then a paragraph whose
    # example is named in bold mid-sentence.
    "**Wikipedia** is a quintessential example of a commons as practice.\n\n"
    "On a different scale, the **Open Source Software** movement embodies this pattern.\n",
    "**Mondragon (Spain):** worker cooperatives.\n\nAnother example is the **Buurtzorg** model of nursing.\n",
], ids=["labels in one paragraph", "two names in one paragraph", "bold lead and a named paragraph",
        "label, then a named example"])
def test_examples_inside_paragraphs_are_counted(check, uses):
    assert _reported(check, uses)[1] == []


def test_a_paragraph_turned_into_a_heading_by_a_rule_under_it_is_still_an_example(check):
    # As in a real commons-engineering file (tiered-access-model.md): the second example paragraph
    # has `---` right under it, which CommonMark reads as a level-2 heading ending the `###` section.
    uses = ("**Employee-owned firms:** open-book management.\n\n"
            "**Participatory cities:** public budgets.\n---\n")
    assert _reported(check, uses)[1] == []


def test_the_count_stops_at_the_next_section_after_a_turned_paragraph(check):
    text = edit(VALID, USES, "Several organisations use it.\n\n**Employee-owned firms:** open-book management.\n---\n")
    text = edit(text, "Agents answer members' questions about the ledger.",
                "**Agents:** answer members' questions.\n\n**Bots:** summarise the ledger.")
    findings = [f for f in check(text) if f.name == NAME]
    assert rows(findings) == [(CODE, NAME, line_of(text, "### Section 6: Known Uses"))]
    assert findings[0].message.startswith("Known Uses gives 1 example;")


def test_setext_section_headings_are_sections_not_turned_paragraphs(check):
    # A file that writes every section heading with an underline: the next section ends Known Uses.
    text = VALID
    for number, name in enumerate(["Context", "Problem", "Solution", "Implementation", "Consequences",
                                   "Known Uses", "Cognitive Era", "Vitality"], 1):
        heading = f"Section {number}: {name}"
        text = edit(text, f"### {heading}\n", f"{heading}\n{'-' * len(heading)}\n")
    text = edit(text, USES, "**Employee-owned firms:** open-book management.\n")
    text = edit(text, "Agents answer members' questions about the ledger.",
                "**Agents:** answer members' questions.\n\n**Bots:** summarise the ledger.")
    assert rows(check(text), NAME) == [(CODE, NAME, line_of(text, "Section 6: Known Uses"))]


@pytest.mark.parametrize("uses", [
    # A labelled example: bold names inside it are emphasis, not more examples.
    "**Mondragon Corporation (Spain):** a federation of worker cooperatives. Its **General Assembly** "
    "elects the board; the **Caja Laboral** bank lends to new cooperatives.\n",
    # A named example whose part is named after `whose`.
    "One example is the **Mondragon Corporation**, whose **General Assembly** elects its board.\n",
    # A label alone, then its story: the names in the story belong to it.
    "**Case 1: Mozilla (Tech)**\n\nMozilla published its roadmap on **Firefox Nightly** every week.\n",
    # One name written twice.
    "**Spotify** offers a free tier. Later, **Spotify** added podcasts.\n",
    # Bold emphasis that names nothing.
    "Employee-owned firms use **open-book** management, and **every** member reads the books.\n",
], ids=["labelled example with bold parts", "name and its part", "label then its text", "name twice",
        "lowercase emphasis"])
def test_one_real_example_is_still_reported(check, uses):
    text, found = _reported(check, uses)
    assert rows(found) == [(CODE, NAME, line_of(text, "### Section 6: Known Uses"))]
    assert found[0].message.startswith("Known Uses gives 1 example;")

