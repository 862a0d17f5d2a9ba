"""conflicting-link cases that are not data: timing. Its other cases are in tests/cases/library/library.yaml."""

NAME = "conflicting-link"


def test_one_target_repeated_thousands_of_times_takes_linear_time():
    """Each entry is compared with the first of each list that excludes it, not with every entry
    before it (16,000 repeats took 36 s)."""
    from helpers import assert_linear, index_of, typeid
    from lint import registry

    rule = registry.find(NAME)

    def work(n):
        index = index_of({"lib/alpha.md": {"id": typeid(0), "slug": "alpha",
                                           "relationships": {"requires": ["beta"] * n, "alternatives": ["beta"] * n}},
                          "lib/beta.md": {"id": typeid(1), "slug": "beta", "relationships": {}}}, ["lib/alpha.md"])
        return lambda: list(rule.check(index, {}))

    found = work(3)()
    assert [p.message.split(";")[0] for p in found] == \
        ["`beta` is listed under `alternatives` and under `requires` (line 1), which exclude each other"] * 3
    assert_linear(work, 4000)
