"""links.has_link_mark: the same answer as `"](" in text or "]:" in text` (it only searches faster)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lint import links


@given(st.lists(st.sampled_from(["]", "(", ":", "[", "a", " ", "\n", "—", "é", "]("]), max_size=40).map("".join))
def test_as_the_two_searches(text):
    assert links.has_link_mark(text) is ("](" in text or "]:" in text)


def test_examples():
    assert links.has_link_mark("see [x](y)") and links.has_link_mark("[x]: y") and links.has_link_mark("]]:")
    assert not links.has_link_mark("[x] (y)") and not links.has_link_mark("x]") and not links.has_link_mark("")
