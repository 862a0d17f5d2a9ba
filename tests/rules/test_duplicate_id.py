"""duplicate-id cases that are not data: timing. Its other cases are in tests/cases/library/library.yaml."""

NAME = "duplicate-id"
ALPHA = "pat_01khvcxczrfztsmcf9fgrgy593"


def test_thousands_sharing_an_id_each_name_five_others_in_linear_time():
    """Each of 16,000 files naming the 15,999 others made 16,000 messages of 400 KB each."""
    from helpers import assert_linear, index_of
    from lint import registry

    rule = registry.find(NAME)

    def work(n):
        index = index_of({f"lib/p{i:05}.md": {"id": ALPHA, "slug": f"p{i}", "relationships": {}} for i in range(n)})
        return lambda: list(rule.check(index, {}))

    found = work(8)()
    assert [p.path for p in found] == [f"lib/p{i:05}.md" for i in range(8)]
    others = ", ".join(f"lib/p{i:05}.md" for i in range(1, 6))
    assert found[0].message == f"id `{ALPHA}` is also the id of {others} and 2 more; give each pattern its own TypeID"
    assert found[7].message.startswith(f"id `{ALPHA}` is also the id of lib/p00000.md, lib/p00001.md, ")
    assert_linear(work, 4000)
