"""Hostile and malformed input (see /work/shared/HOSTILE-INPUTS.md): one test per input.

Each asserts: no exception, no internal error (PL000), and either the specific finding
(code, line) or a clean skip. The README's table of hostile inputs cites these test names.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
import subprocess
import sys
import threading
import time

import pytest

from helpers import CLASSIFICATION, COLLECTION, STANDALONE, edit, line_of, pattern
from lint import cli, discovery
from lint.runner import Options, run

FORMATS = ("text", "json", "github", "sarif", "junit", "markdown", "gitlab")
ID_LINE = "id: pat_01khm0pp0qw6rb1r861rg6dfh1\n"


def lint(tmp_path, content, name="transparent-ledger.md", **options):
    """Findings of one file (library rules left out), after checking no internal error happened."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    options.setdefault("ignore", ["graph"])
    result = run([os.fspath(path)], Options(**options))
    assert result.internal_errors == 0, [f.message for f in result.findings if f.code == "PL000"]
    assert not [f for f in result.findings if f.code == "PL000"]
    return result.findings


def codes(findings):
    return [(f.code, f.line) for f in findings]


def frontmatter(yaml_text: str) -> str:
    """A file whose frontmatter claims to be a pattern (an id) and holds `yaml_text` from line 3."""
    return "---\n" + ID_LINE + yaml_text + "\n---\n\nBody.\n"


def outputs(paths, *extra):
    """Every report format's output for `paths` (no exception, no internal error)."""
    out = {}
    for fmt in FORMATS:
        stream = io.StringIO()
        status = cli.main(["--no-cache", "--format", fmt, *extra, "--", *paths], stdout=stream)
        assert status in (0, 1), (fmt, status, stream.getvalue()[:2000])
        out[fmt] = stream.getvalue()
    return out


def assert_no_forged_commands(out: dict[str, str]):
    for fmt, text in out.items():
        for line in text.split("\n"):
            if fmt == "github":
                assert not line.startswith("::error file=a"), line
            else:
                assert not line.startswith("::"), (fmt, line)


# --- YAML -------------------------------------------------------------------------------------------

def test_yaml_syntax_error(tmp_path):
    findings = lint(tmp_path, frontmatter("title: [a, b"))
    assert ("PL103", 3) in codes(findings)


def test_billion_laughs_finishes_fast(tmp_path):
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):  # 9 levels in all
        previous, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    start = time.perf_counter()
    findings = lint(tmp_path, frontmatter("\n".join(lines)))
    assert time.perf_counter() - start < 2
    assert [f.code for f in findings if f.code == "PL107"] == ["PL107"]


def test_alias_cycle(tmp_path):
    findings = lint(tmp_path, frontmatter("a: &x [*x]"))
    assert ("PL107", 3) in codes(findings)


def test_100000_nested_brackets(tmp_path):
    start = time.perf_counter()
    findings = lint(tmp_path, frontmatter("a: " + "[" * 100_000))
    assert time.perf_counter() - start < 2
    assert ("PL108", 3) in codes(findings)


def test_3000_level_block_nesting(tmp_path):
    nested = "a:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(3000)) + "  " * 3001 + "v"
    findings = lint(tmp_path, frontmatter(nested))
    assert [f.code for f in findings if f.code == "PL108"] == ["PL108"]


def test_duplicate_keys_one_and_true_are_distinct(tmp_path):
    findings = lint(tmp_path, frontmatter("1: a\ntrue: b\nx: 1\nx: 2"))
    assert [(f.code, f.line) for f in findings if f.code == "PL104"] == [("PL104", 6)]


def test_python_object_apply_tag_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    findings = lint(tmp_path, frontmatter(f"t: !!python/object/apply:os.system ['touch {marker}']"))
    assert ("PL106", 3) in codes(findings)
    assert not marker.exists()


def test_include_tag_refused(tmp_path):
    findings = lint(tmp_path, frontmatter("t: !include /etc/passwd"))
    assert ("PL106", 3) in codes(findings)
    assert not any("root:" in f.message for f in findings)


def test_yaml11_traps_no_and_1_10(tmp_path):
    text = edit(STANDALONE, "  version: 1.2\n", "  version: 1.10\n  usage_stage: no\n")
    found = codes(lint(tmp_path, text))
    assert ("PL105", line_of(text, "version: 1.10")) in found
    assert ("PL105", line_of(text, "usage_stage: no")) in found


@pytest.mark.parametrize("value", ["010", "1:20"])
def test_yaml11_traps_octal_and_sexagesimal(tmp_path, value):
    text = edit(STANDALONE, "  confidence: 3", f"  confidence: {value}")
    found = codes(lint(tmp_path, text))
    assert ("PL205", line_of(text, f"confidence: {value}")) in found


def test_tab_indentation(tmp_path):
    assert ("PL103", 4) in codes(lint(tmp_path, frontmatter("a:\n\tb: 1")))


def test_tab_after_colon(tmp_path):
    assert ("PL109", 3) in codes(lint(tmp_path, frontmatter("a:\t1")))


@pytest.mark.parametrize("value", ["2026-02-30", "0x_", '!!int ""', "!!int ~", '!!timestamp ""', "9" * 5000])
def test_pyyaml_non_yamlerror_scalars(tmp_path, value):
    assert ("PL103", 3) in codes(lint(tmp_path, frontmatter(f"a: {value}")))


def test_non_string_keys(tmp_path):
    found = codes(lint(tmp_path, frontmatter("? [a, b]\n: 1\nnull: x")))
    assert ("PL103", 3) in found


def test_frontmatter_is_a_list(tmp_path):
    assert ("PL102", 2) in codes(lint(tmp_path, "---\n- id: a\n- b\n---\n"))


def test_frontmatter_is_a_scalar(tmp_path):
    assert ("PL102", 2) in codes(lint(tmp_path, "---\nhello\n---\n"))


def test_frontmatter_yaml_directive_9_9(tmp_path):
    assert ("PL103", 2) in codes(lint(tmp_path, "---\n%YAML 9.9\n---\n---\n"))


def test_u2028_in_value_keeps_positions(tmp_path):
    text = edit(STANDALONE, 'title: "Transparent Ledger"', 'title: "Transparent\u2028Ledger"')
    text = edit(text, "slug: transparent-ledger", "slug: Not A Slug")
    assert ("PL302", line_of(text, "slug: Not A Slug")) in codes(lint(tmp_path, text))


def test_control_characters_escaped_in_text_output(tmp_path):
    text = edit(STANDALONE, "slug: transparent-ledger", 'slug: "bad\\e[31mred"')
    path = tmp_path / "transparent-ledger.md"
    path.write_text(text, encoding="utf-8")
    found = codes(lint(tmp_path, text))
    assert ("PL302", line_of(text, "slug:")) in found
    out = outputs([os.fspath(path)])
    assert "\x1b" not in out["text"]
    assert "\\x1b" in out["text"]


def test_forged_workflow_command_in_value(tmp_path):
    text = edit(STANDALONE, 'title: "Transparent Ledger"', 'title: "x\\n::error file=a::forged"')
    text = edit(text, "slug: transparent-ledger", 'slug: "x\\n::error file=a::forged"')
    path = tmp_path / "transparent-ledger.md"
    path.write_text(text, encoding="utf-8")
    lint(tmp_path, text)
    out = outputs([os.fspath(path)])
    assert "forged" in out["text"]  # the value is reported...
    assert_no_forged_commands(out)  # ...but forges no line


# --- Delimiting the frontmatter --------------------------------------------------------------------

def test_missing_closing_delimiter(tmp_path):
    assert ("PL101", 1) in codes(lint(tmp_path, "---\nid: x\nslug: y\n\nBody.\n"))


def test_delimiter_inside_block_scalar(tmp_path):
    # The frontmatter ends at the first `---` line (the documented grammar); the rest is body.
    text = "---\nid: pat_01khm0pp0qw6rb1r861rg6dfh1\nsummary: |\n  a\n---\n  b\n---\nBody.\n"
    lint(tmp_path, text)


def test_toml_frontmatter_pattern(tmp_path):
    assert codes(lint(tmp_path, '+++\nid = "pat_x"\nslug = "x"\n+++\n')) == [("PL110", 1)]


def test_toml_frontmatter_page_skipped(tmp_path):
    path = tmp_path / "page.md"
    path.write_text('+++\ntitle = "x"\n+++\n')
    result = run([os.fspath(path)], Options())
    assert result.findings == [] and result.summary.skipped == 1


def test_empty_file(tmp_path):
    assert codes(lint(tmp_path, "")) == [("PL006", 1)]


@pytest.mark.parametrize("content", ["---", "---\n", "---\n---", "---\n---\n"])
def test_only_delimiters(tmp_path, content):
    assert lint(tmp_path, content) == []


# --- Bytes and encodings ---------------------------------------------------------------------------

def test_bom(tmp_path):
    assert codes(lint(tmp_path, b"\xef\xbb\xbf" + STANDALONE.encode())) == [("PL004", 1)]


def test_crlf(tmp_path):
    assert codes(lint(tmp_path, STANDALONE.replace("\n", "\r\n"))) == [("PL005", 1)]


def test_lone_cr(tmp_path):
    assert codes(lint(tmp_path, STANDALONE.replace("\n", "\r"))) == [("PL005", 1)]


def test_invalid_utf8(tmp_path):
    data = STANDALONE.encode()
    offset = data.index(b"title:")
    assert codes(lint(tmp_path, data[:offset] + b"\xff" + data[offset:])) == [("PL003", line_of(STANDALONE, "title:"))]


def test_utf16_with_bom(tmp_path):
    assert codes(lint(tmp_path, STANDALONE.encode("utf-16"))) == [("PL003", 1)]


def test_nul_bytes(tmp_path):
    data = STANDALONE.encode()
    offset = data.index(b"slug:")
    assert codes(lint(tmp_path, data[:offset] + b"\x00" + data[offset:])) == [("PL003", line_of(STANDALONE, "slug:"))]


def test_binary_file_named_md(tmp_path):
    assert codes(lint(tmp_path, bytes(range(256)) * 40, name="image.md")) == [("PL003", 1)]


# --- Size ------------------------------------------------------------------------------------------

def test_20mb_file_not_read(tmp_path):
    path = tmp_path / "big.md"
    with open(path, "wb") as handle:
        handle.write(STANDALONE.encode())
        handle.truncate(20 * 1024 * 1024)  # sparse: 20 MB without writing them
    start = time.perf_counter()
    result = run([os.fspath(path)], Options(max_file_size=10 * 1024 * 1024))
    assert time.perf_counter() - start < 1
    assert codes(result.findings) == [("PL002", 1)]


def test_1mb_single_line_body(tmp_path):
    start = time.perf_counter()
    findings = lint(tmp_path, STANDALONE + "word " * 200_000 + "\n")
    assert time.perf_counter() - start < 5
    assert all(f.code != "PL000" for f in findings)


# --- Files and folders -----------------------------------------------------------------------------

def test_symlink_loop_each_file_once(tmp_path):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "transparent-ledger.md").write_text(STANDALONE)
    (library / "loop").symlink_to("..")
    (library / "self").symlink_to(".")
    result = run([os.fspath(library)], Options())
    assert result.internal_errors == 0
    assert result.summary.files == 1
    assert [os.path.basename(p) for p in result.paths] == ["transparent-ledger.md"]


def test_walk_lists_what_os_walk_would_in_its_order(tmp_path):
    """discovery._walk reads directory entries with os.scandir (no system call per file); it must
    list exactly what a sorted, top-down os.walk that skips hidden folders lists, in that order."""
    for folder in ("b", "a/z", "a/c", ".hidden", "a/.git", "B"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    for name in ("b/2.md", "b/1.md", "a/z/x.md", "a/c/y.md", "a/top.md", "root.md", ".hidden/h.md",
                 "a/.git/g.md", "B/u.md", "note.txt", "a/.dot.md"):
        (tmp_path / name).write_text("x")
    (tmp_path / "a" / "c" / "link.md").symlink_to(tmp_path / "root.md")
    (tmp_path / "a" / "folder-link").symlink_to(tmp_path / "b", target_is_directory=True)
    expected = []
    for folder, dirs, files in os.walk(tmp_path, followlinks=False):
        dirs[:] = [d for d in sorted(dirs) if not d.startswith(".")]
        expected += [(os.path.join(folder, f), os.path.islink(os.path.join(folder, f)))
                     for f in sorted(files) if f.endswith(".md")]
    paths, links = discovery._walk(os.fspath(tmp_path))
    assert [(path, path in links) for path in paths] == expected
    assert ("a/c/link.md", True) in [(os.path.relpath(p, tmp_path), link) for p, link in expected]


@pytest.mark.parametrize("checked", ["transparent-ledger.md", "alias.md"])
@pytest.mark.parametrize("through_a_linked_folder", [False, True])
def test_a_symlink_to_a_checked_file_is_that_file_not_a_duplicate(tmp_path, checked, through_a_linked_folder):
    library = tmp_path / "lib"
    library.mkdir()
    (library / "transparent-ledger.md").write_text(STANDALONE)
    (library / "alias.md").symlink_to(library / "transparent-ledger.md")
    if through_a_linked_folder:  # the paths given are not the files' real paths
        (tmp_path / "linked").symlink_to(library, target_is_directory=True)
        library = tmp_path / "linked"
    for paths in ([os.fspath(library / checked)], [os.fspath(library)]):
        names = {f.name for f in run(paths, Options()).findings}
        assert not names & {"duplicate-id", "duplicate-slug"}, (paths, names)


def test_symlink_to_outside_file_not_followed_or_quoted(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text("---\nid: SECRET-TOKEN\nslug: SECRET-TOKEN\ntitle: [SECRET-TOKEN\n---\nSECRET-TOKEN\n")
    library = tmp_path / "lib"
    library.mkdir()
    (library / "transparent-ledger.md").write_text(STANDALONE)
    link = library / "secret.md"
    link.symlink_to(secret)
    walked = run([os.fspath(library)], Options())
    assert os.fspath(link) not in walked.paths and walked.summary.files == 1
    for out in (outputs([os.fspath(library)]), outputs([os.fspath(link)])):
        for fmt, text in out.items():
            assert "SECRET-TOKEN" not in text, fmt


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_md_no_hang(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    results = {}

    def work():
        results["named"] = run([os.fspath(fifo)], Options())
        results["walked"] = run([os.fspath(tmp_path)], Options())

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "the run hangs on a FIFO"
    assert codes(results["named"].findings) == [("PL001", 1)]
    assert ("PL001", 1) in codes(results["walked"].findings) or results["walked"].summary.files == 0


def test_directory_named_md(tmp_path):
    folder = tmp_path / "x.md"
    folder.mkdir()
    named = run([os.fspath(folder)], Options())
    assert named.internal_errors == 0 and named.findings == []
    (tmp_path / "y.md").mkdir()
    walked = run([os.fspath(tmp_path)], Options())
    assert walked.internal_errors == 0


def test_unreadable_file(tmp_path):
    path = tmp_path / "transparent-ledger.md"
    path.write_text(STANDALONE)
    path.chmod(0)
    try:
        result = run([os.fspath(path)], Options(ignore=["graph"]))
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert result.internal_errors == 0
    assert codes(result.findings) in ([("PL001", 1)], [])  # root reads it anyway


def test_file_deleted_between_listing_and_reading(tmp_path, monkeypatch):
    import lint.runner as runner_module

    gone = os.fspath(tmp_path / "gone.md")
    monkeypatch.setattr(discovery, "collect", lambda *a, **k: [gone])
    monkeypatch.setattr(runner_module, "collect", discovery.collect)  # the runner imported it by name
    result = run([os.fspath(tmp_path)], Options())
    assert result.internal_errors == 0
    assert codes(result.findings) == [("PL001", 1)]


@pytest.mark.parametrize("name", ["with space.md", "new\nline.md", "-leading-dash.md", "ünïcødé-名前.md",
                                  "bidi\u202eevil.md", "esc\x1b[31m.md", "::error file=a::x.md"])
def test_hostile_file_names_every_format(tmp_path, name):
    text = edit(STANDALONE, "slug: transparent-ledger", "slug: Bad Slug")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run([os.fspath(path)], Options(ignore=["graph"]))
    assert result.internal_errors == 0
    assert ("PL302", line_of(text, "slug:")) in codes(result.findings)
    out = outputs([os.fspath(path)], "--ignore", "graph")
    assert_no_forged_commands(out)
    assert "\x1b" not in out["text"]
    for fmt in ("text", "github"):
        assert all(not line.startswith("line.md") for line in out[fmt].split("\n")), fmt


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system refuses non-UTF-8 names")
def test_file_name_with_invalid_utf8(tmp_path):
    raw = os.path.join(os.fsencode(tmp_path), b"bad-\xff\xfe-name.md")
    with open(raw, "wb") as handle:
        handle.write(edit(STANDALONE, "slug: transparent-ledger", "slug: Bad Slug").encode())
    path = os.fsdecode(raw)
    result = run([path], Options(ignore=["graph"]))
    assert result.internal_errors == 0
    assert "PL302" in [f.code for f in result.findings]
    out = outputs([path], "--ignore", "graph")
    assert_no_forged_commands(out)
    walked = outputs([os.fspath(tmp_path)], "--ignore", "graph")
    assert all(walked.values())


# --- Crashes found while writing these tests -------------------------------------------------------

def test_section_number_with_5000_digits(tmp_path):
    """`int()` of more than 4,300 digits raises ValueError (Python's int_max_str_digits)."""
    text = edit(STANDALONE, "### Section 1: Context", "### Section " + "9" * 5000 + ": Context")
    lint(tmp_path, text)  # asserts no PL000


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
@pytest.mark.parametrize("name", ["nl\n::error file=x,line=1::X.md", "esc\x1b[2J\rcr.md"])
def test_hostile_names_in_every_human_facing_output(tmp_path, capsys, name):
    """The same hostile file name through every way the linter talks to a person or a CI log: each
    report format, `--statistics`, `--diff`'s headers, `--fix --show-fixes`, the `not fixed` line and
    usage errors on standard error. None holds a raw control character or a line a CI system could
    read as a command of its own."""
    fixable = edit(STANDALONE, "overall_score: 4.4", "overall_score: 3.9")  # a safe fix to show
    path = tmp_path / name
    path.write_text(fixable, encoding="utf-8")
    streams = dict(outputs([os.fspath(path)], "--ignore", "graph"))

    def run(label: str, *argv: str) -> None:
        stream = io.StringIO()
        cli.main(["--no-cache", "--ignore", "graph", *argv], stdout=stream)
        streams[label] = stream.getvalue() + capsys.readouterr().err

    run("statistics", "--statistics", "--", os.fspath(path))
    run("diff", "--diff", "--", os.fspath(path))
    run("usage error", "--diff", "--", os.fspath(path), os.fspath(tmp_path / (name + "-missing")))
    path.chmod(0o444)
    run("not written", "--fix", "--show-fixes", "--", os.fspath(path))  # read-only: fix-not-applied
    path.chmod(0o644)
    run("show-fixes", "--fix", "--show-fixes", "--", os.fspath(path))
    assert "overall_score: 4.4" in path.read_text(encoding="utf-8")
    for output, text in streams.items():
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text.replace("\r\n", "\n")), output
        for line in text.split("\n"):
            if output == "github":
                assert not line.startswith("::error file=x"), line
            else:
                assert not line.startswith("::"), (output, line)
    shown = "\\x0a" if "\n" in name else "\\x1b"  # each output names the file, escaped
    assert shown in streams["diff"] and shown in streams["usage error"] and "no such file" in streams["usage error"]
    assert shown in streams["not written"] and "fixes were not written" in streams["not written"]
    assert any(line.startswith("fixed ") and shown in line for line in streams["show-fixes"].split("\n"))


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system refuses non-UTF-8 names")
def test_sarif_of_a_file_name_that_is_not_utf8(tmp_path):
    """Through a real standard output and an output file (the crash was a UnicodeEncodeError and an
    empty report): the name's bytes percent-encoded in the uri, the message readable."""
    raw = os.path.join(os.fsencode(tmp_path), b"bad-\xff-name.md")
    with open(raw, "wb") as handle:
        handle.write(edit(STANDALONE, "slug: transparent-ledger", "slug: Bad Slug").encode())
    for extra in ([], ["-o", os.fspath(tmp_path / "out.sarif")]):
        proc = subprocess.run([sys.executable, "-m", "lint", "--no-cache", "--format", "sarif", *extra, "."],
                              cwd=tmp_path, capture_output=True, timeout=120)
        assert proc.returncode == 1, proc.stderr
        log = json.loads(proc.stdout if not extra else (tmp_path / "out.sarif").read_bytes())
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
        assert uris == {"bad-%FF-name.md"}


# --- Values the library index reads ----------------------------------------------------------------

# Each format's list of other names (the schema's key), and the key of the other formats (unknown there).
ALIAS_FILES = {
    "v7.md": (edit(STANDALONE, "slug: transparent-ledger", "slug: v7"), 'aliases: ["Open Book Management"]\n',
              "aliases", "aliases_list"),
    "classification.md": (edit(CLASSIFICATION, "slug: empathy-mapping", "slug: classification"), "aliases: []\n",
                          "aliases", "aliases_list"),
    "collection.md": (edit(COLLECTION, "slug: adaptive-learning", "slug: collection"),
                      "aliases_list:\n- Personalized Learning Paths\n", "aliases_list", "aliases"),
}


@pytest.mark.parametrize("value", ["5", "1.5", "true", ".nan", "{a: b}", "[1, {a: b}, [c]]"])
def test_other_names_of_the_wrong_type_every_command(tmp_path, value):
    """`aliases: 5` (or a float, a boolean, .nan, a mapping) in any format, under its own key or the
    other formats' key: a wrong-type (or unknown-field) finding, never a crash of the library index,
    in every command and every output format."""
    expected = []
    for name, (text, written, key, other) in ALIAS_FILES.items():
        for field, stem in ((key, name[:-3]), (other, name[:-3] + "-other")):
            odd = edit(text, written, f"{field}: {value}\n")
            odd = edit(odd, f"slug: {name[:-3]}", f"slug: {stem}")
            (tmp_path / f"{stem}.md").write_text(odd, encoding="utf-8")
            rule = "wrong-type" if field == key else "unknown-field"
            if not (rule == "wrong-type" and value.startswith("[1")):  # an item: a number where text is meant
                expected.append((f"{stem}.md", rule, line_of(odd, f"{field}: ")))
    # a dangling link near their names, so did-you-mean reads every pattern's other names
    (tmp_path / "linker.md").write_text(pattern("linker", "pat_01khm0pp0qw6rb1r861rg6dfa9",
                                                "  enables: [collectionn, v7-othr]\n"), encoding="utf-8")
    folder = os.fspath(tmp_path)
    stream = io.StringIO()
    assert cli.main(["--no-cache", "--format", "json", folder], stdout=stream) == 1
    import json

    found = json.loads(stream.getvalue())["findings"]
    assert not [f for f in found if f["code"] == "PL000"]
    got = {(os.path.basename(f["path"]), f["name"], f["line"]) for f in found}
    assert set(expected) <= got, sorted(set(expected) - got)
    if value.startswith("[1"):
        assert {(f"{stem}.md", "yaml-implicit-type") for stem in ("v7", "classification", "collection")} \
            <= {(os.path.basename(f["path"]), f["name"]) for f in found}
    hints = {f["message"].rsplit("; ", 1)[-1] for f in found if f["name"] == "dangling-link"}
    assert hints == {"did you mean `collection`?", "did you mean `v7-other`?"}, hints
    for fmt, text in outputs([folder]).items():
        assert "Traceback" not in text and text, fmt
    assert cli.main(["--exit-zero", "--format", "json", folder], stdout=io.StringIO()) == 0  # with the cache
    assert cli.main(["--exit-zero", "--format", "json", folder], stdout=io.StringIO()) == 0  # warm
    assert cli.main(["--format", "json", os.fspath(tmp_path / "linker.md")], stdout=io.StringIO()) == 1  # one file
    for fmt in ("dot", "mermaid", "json", "html"):
        stream = io.StringIO()
        assert cli.main(["graph", "--no-cache", "--quiet", "--format", fmt, folder], stdout=stream) == 0, fmt
        assert "collection" in stream.getvalue()
    page = tmp_path / "out" / "report.html"
    page.parent.mkdir()
    assert cli.main(["report", "--no-cache", "--quiet", "-o", os.fspath(page), folder], stdout=io.StringIO()) == 0
    assert page.stat().st_size > 0


# --- Library rules on many links ---------------------------------------------------------------------

def _shape(name: str, n: int) -> dict[str, dict]:
    from helpers import typeid

    def one(slug, number, **relationships):
        return {"id": typeid(number), "slug": slug, "title": slug.title(), "relationships": relationships}

    if name == "one target repeated in one list":
        return {"lib/alpha.md": one("alpha", 0, requires=["beta"] * n, alternatives=["beta"] * n,
                                    generalizes_from=["beta"] * n, complementary=["alpha"] * n),
                "lib/beta.md": one("beta", 1, specializes_to=["alpha"] * n)}
    if name == "one list of distinct targets":  # half of them missing, each close to a pattern's name
        files = {"lib/alpha.md": one("alpha", 0, enables=[f"pattern-number-{i}" for i in range(n)])}
        files.update({f"lib/p{i}.md": one(f"pattern-number-{i}x", i + 1) for i in range(0, n, 2)})
        return files
    if name == "patterns linking to one":
        files = {f"lib/c{i}.md": one(f"c{i}", i + 1, generalizes_from=["parent"], enables=["parent"], requires=["parent"])
                 for i in range(n)}
        files["lib/parent.md"] = one("parent", 0, specializes_to=[f"c{i}" for i in range(0, n, 2)])
        return files
    if name == "patterns sharing an id and a slug":
        return {f"lib/c{i}.md": one("same", 0) for i in range(n)}
    if name == "one generalization loop":
        return {f"lib/c{i}.md": one(f"c{i}", i, generalizes_from=[f"c{(i + 1) % n}"]) for i in range(n)}
    raise AssertionError(name)


@pytest.mark.parametrize("shape", ["one target repeated in one list", "one list of distinct targets",
                                   "patterns linking to one", "patterns sharing an id and a slug",
                                   "one generalization loop"])
def test_library_rules_take_linear_time(shape):
    """Every library rule together, on 8,000 and 16,000 links of one shape: conflicting-link took
    36 s on one target repeated 16,000 times, missing-reciprocal-link, duplicate-id and
    duplicate-slug grew as the square too."""
    from helpers import assert_linear, index_of
    from lint import registry

    rules = [rule for rule in registry.all_rules() if rule.scope == "library"]

    def work(n):
        files = _shape(shape, n)

        def call():
            index = index_of(files)
            return {rule.name: list(rule.check(index, {})) for rule in rules}
        return call

    assert any(work(4)().values())
    assert_linear(work, 8000, deadline=60)
