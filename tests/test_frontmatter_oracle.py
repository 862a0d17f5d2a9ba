"""python-frontmatter as an oracle: on every well-formed real file our reader must agree with it.

We do not read files with python-frontmatter (it is silent about BOMs, unclosed frontmatter,
CR line endings and duplicate keys, and forgets positions); where the input is well formed,
both must see the same metadata and the same body.
"""

from __future__ import annotations

import datetime

import frontmatter
import pytest
import yaml

from helpers import SHARED
from lint import document

FILES = sorted([*SHARED.glob("corpus-sample/**/*.md"), *SHARED.glob("seeds/*.txt")]) if SHARED.is_dir() else []


def _plain(value):
    """python-frontmatter builds dates, we keep the text the author wrote: compare both as ISO text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        value = str(value)
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value).isoformat()
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@pytest.mark.skipif(not FILES, reason="../shared/ is not beside the repository")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_metadata_and_body(path):
    ours = document.load(str(path))
    try:
        theirs = frontmatter.load(str(path))
    except yaml.YAMLError:
        assert any(rule == "yaml-syntax" for rule, _ in ours.problems)
        return
    if not ours.has_frontmatter:
        assert theirs.metadata == {}
        return
    assert _plain(theirs.metadata) == _plain(ours.frontmatter)
    assert theirs.content.strip() == ours.body.strip()
