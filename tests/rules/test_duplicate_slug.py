"""duplicate-slug cases that are not data: a file whose YAML breaks, timing. Its other cases are in
tests/cases/library/library.yaml."""

import os

from helpers import pattern, rows

NAME = "duplicate-slug"
ALPHA = "pat_01khvcxczrfztsmcf9fgrgy593"
X, Y = os.path.join("x", "alpha.md"), os.path.join("y", "alpha.md")


def test_file_with_broken_yaml_named_like_the_slug_is_not_a_duplicate(library):
    broken = "---\nid: pat_01khvcxd2eemjtdcran0mzqtv1\nslug: alpha\ntitle: \"Alpha\n---\n\nBroken.\n"
    findings = library({X: pattern("alpha", ALPHA), Y: broken})
    assert rows(findings, NAME) == []
    assert [f.name for f in findings] == ["yaml-syntax"]


def test_thousands_sharing_a_slug_each_name_five_others_in_linear_time():
    from helpers import assert_linear, index_of, typeid
    from lint import registry

    rule = registry.find(NAME)

    def work(n):
        index = index_of({f"lib/p{i:05}.md": {"id": typeid(i), "slug": "alpha", "relationships": {}} for i in range(n)})
        return lambda: list(rule.check(index, {}))

    found = work(8)()
    assert [p.path for p in found] == [f"lib/p{i:05}.md" for i in range(8)]
    others = ", ".join(f"lib/p{i:05}.md" for i in (0, 1, 2, 3, 5))
    assert found[4].message == f"slug `alpha` is also the slug of {others} and 2 more; give each pattern its own slug"
    assert_linear(work, 4000)
