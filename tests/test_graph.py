"""`lint graph`: the library model (lint/pages/model.py) and its outputs (lint/pages/graph.py).

The model is checked on a library written by hand here (resolved links, a dangling target, a
generalization cycle, neighbourhoods); DOT and Mermaid by parsing them back (no Graphviz needed);
the HTML page in headless Chromium, on a generated library (everything drawn) and on a synthetic
20,000-pattern model built directly (too large: only a neighbourhood is drawn).
"""

from __future__ import annotations

import fnmatch
import io
import json
import os
import random
import re
import shutil
import subprocess
import tomllib
from collections import deque
from pathlib import Path

import pytest

from browser import needs_chromium, page
from helpers import CLASSIFICATION, edit, load_generator, pattern
from lint.cli import main
from lint.pages import assets, graph, model
from lint.runner import Options

RED = graph.RED


def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["graph", *argv], stdout=out), out.getvalue()


def build(*paths) -> dict:
    return model.build([os.fspath(p) for p in paths], Options(live_fixes=False))


# ---------------------------------------------------------------------------------------------
# a library written by hand

TINY = {
    # alpha and beta specialize to each other (a generalization cycle); both name a missing pattern
    "alpha.md": pattern("alpha", "pat_01khm0pp0qw6rb1r861rg6dfa1", "  specializes_to: [beta]\n  enables: [gamma, ghost-pattern]\n"),
    "beta.md": edit(pattern("beta", "pat_01khm0pp0qw6rb1r861rg6dfa2", "  specializes_to: [alpha]\n  requires: [ghost-pattern]\n"),
                    "  status: stable", "  status: draft"),
    "gamma.md": edit(pattern("gamma", "pat_01khm0pp0qw6rb1r861rg6dfa3", "  enables: [delta]\n"),
                     "  domain: finance", "  domain: governance"),
    "delta.md": edit(edit(edit(CLASSIFICATION, "slug: empathy-mapping", "slug: delta"), "title: Empathy Mapping", "title: Delta"),
                     "id: pat_01kg5023yje10ty287508kv3vv", "id: pat_01khm0pp0qw6rb1r861rg6dfa4"),
}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder, build(folder)


def edge_rows(data) -> set[tuple]:
    return {(e["from"], e["to"], e["type"]) for e in data["edges"]}


def test_model_nodes_and_resolved_links(tiny):
    _, data = tiny
    assert [n["id"] for n in data["nodes"]] == ["alpha.md", "beta.md", "delta.md", "gamma.md", "missing:ghost-pattern"]
    assert edge_rows(data) == {
        ("alpha.md", "beta.md", "specializes_to"), ("alpha.md", "gamma.md", "enables"),
        ("alpha.md", "missing:ghost-pattern", "enables"), ("beta.md", "alpha.md", "specializes_to"),
        ("beta.md", "missing:ghost-pattern", "requires"), ("gamma.md", "delta.md", "enables")}
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes["beta.md"]["status"], nodes["gamma.md"]["domain"]) == ("draft", "governance")
    assert (nodes["delta.md"]["format"], nodes["alpha.md"]["format"]) == ("classification", "v7")
    assert nodes["alpha.md"]["findings"] > 0 and nodes["gamma.md"]["findings"] == 0  # the cycle, the dangling link


def test_model_dangling_placeholder_counts_its_references(tiny):
    _, data = tiny
    ghost = [n for n in data["nodes"] if n["dangling"]]
    assert len(ghost) == 1
    assert (ghost[0]["id"], ghost[0]["slug"], ghost[0]["references"]) == ("missing:ghost-pattern", "ghost-pattern", 2)
    assert ghost[0]["referenced_by"] == ["alpha.md", "beta.md"]
    assert {(e["from"], e["dangling"]) for e in data["edges"] if e["to"] == ghost[0]["id"]} == {("alpha.md", True), ("beta.md", True)}
    assert not any(e["dangling"] for e in data["edges"] if e["to"] != ghost[0]["id"])


def test_model_marks_the_generalization_cycle(tiny):
    _, data = tiny
    assert data["cycles"] == [["alpha.md", "beta.md"]]
    assert {(e["from"], e["to"]) for e in data["edges"] if e["cycle"]} == {("alpha.md", "beta.md"), ("beta.md", "alpha.md")}


def test_a_one_file_graph_marks_a_cycle_through_a_pattern_outside_it(tiny):
    folder, _ = tiny
    data = model.build([os.fspath(folder / "alpha.md")], Options())
    assert data["cycles"] == [["alpha.md", "beta.md"]]  # beta.md is not checked, its link to alpha.md is drawn
    assert {(e["from"], e["to"]) for e in data["edges"] if e["cycle"]} == {("alpha.md", "beta.md"), ("beta.md", "alpha.md")}


@pytest.mark.parametrize("depth, expected", [
    (0, {"gamma.md": 0}),
    (1, {"gamma.md": 0, "alpha.md": 1, "delta.md": 1}),
    (2, {"gamma.md": 0, "alpha.md": 1, "delta.md": 1, "beta.md": 2, "missing:ghost-pattern": 2}),
])
def test_model_around(tiny, depth, expected):
    _, data = tiny
    part = model.around(data, "gamma", depth)
    assert {n["id"]: n["distance"] for n in part["nodes"]} == expected
    assert (part["around"], part["depth"]) == (["gamma.md"], depth)
    assert all(e["from"] in expected and e["to"] in expected for e in part["edges"])
    assert len(part["edges"]) == len([e for e in data["edges"] if e["from"] in expected and e["to"] in expected])
    assert part["cycles"] == (data["cycles"] if depth == 2 else [])


def test_cli_around_unknown_name_exits_2_with_a_suggestion(tiny, capsys):
    folder, _ = tiny
    code, out = run_cli(str(folder), "--around", "gama", "-q")
    assert (code, out) == (2, "")
    assert "no pattern called `gama`" in capsys.readouterr().err.replace("\n", " ")
    code, _ = run_cli(str(folder), "--around", "gama", "-q")
    assert "did you mean `gamma`?" in capsys.readouterr().err


def test_cli_around_draws_the_neighbourhood(tiny):
    folder, _ = tiny
    code, out = run_cli(str(folder), "--around", "gamma", "--depth", "1", "--format", "json", "-q")
    assert code == 0
    data = json.loads(out)
    assert {n["id"] for n in data["nodes"]} == {"gamma.md", "alpha.md", "delta.md"}
    assert (data["around"], data["depth"]) == (["gamma.md"], 1)


# ---------------------------------------------------------------------------------------------
# dot and mermaid, parsed back

QUOTED = r'"(?:[^"\\\n]|\\.)*"'  # Graphviz: \" is a quote, \\ a backslash pair, no raw newline
VALUE = rf'(?:{QUOTED}|[\w.#]+|<.*>)'
ATTRS = rf'\w+={VALUE}(?:, \w+={VALUE})*'
DOT_NODE = re.compile(rf'  ({QUOTED}) \[({ATTRS})\];')
DOT_EDGE = re.compile(rf'  ({QUOTED}) -> ({QUOTED}) \[({ATTRS})\];')


def parse_dot(text: str) -> tuple[dict, list]:
    """{id: attributes} and [(from, to, attributes)]; fails on any line that is not one statement."""
    lines = text.split("\n")
    assert lines[-1] == "" and all(line.isprintable() for line in lines), "invisible characters in the output"
    body = [line for line in lines if line and not line.startswith("//")]
    assert body[0] == 'digraph "patterns" {' and body[-1] == "}"
    nodes, edges = {}, []
    for line in body[1:-1]:
        if line.startswith(("  graph [", "  node [", "  edge [")):
            continue
        if match := DOT_NODE.fullmatch(line):
            assert match.group(1) not in nodes, f"node declared twice: {line}"
            nodes[match.group(1)] = _attrs(match.group(2))
        elif match := DOT_EDGE.fullmatch(line):
            edges.append((match.group(1), match.group(2), _attrs(match.group(3))))
        else:
            raise AssertionError(f"not a DOT statement: {line!r}")
    assert all(a in nodes and b in nodes for a, b, _ in edges), "an edge names an undeclared node"
    return nodes, edges


def _attrs(text: str) -> dict[str, str]:
    return dict(re.findall(rf'(\w+)=({VALUE})(?:, |$)', text))


def dot_label(quoted: str) -> str:
    """What Graphviz shows for a quoted label (the escapes graph.py writes)."""
    text = re.sub(r'\\(.)', lambda m: {"n": "\n", '"': '"', "\\": "\\"}[m.group(1)], quoted[1:-1])
    return text.replace("&amp;", "&")


def mermaid_label(quoted: str) -> str:
    assert quoted[0] == quoted[-1] == '"' and '"' not in quoted[1:-1]
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), quoted[1:-1].replace("#quot;", '"'))


HOSTILE = ['He said "hi" \\ back\\slash"]', '</script><img src=x onerror=alert(1)>', "line\nbreak # &amp; `|x|`;",
           "ends with a backslash\\"]


def hostile_model() -> dict:
    """Slugs, titles, ids and a relationship type no output may take as syntax."""
    nodes = [dict(id=f"{text}.md", label=text, slug=text, title=f"Title {text}", path=f"/lib/{text}.md", format="v7",
                  status=text if i == 0 else "stable", domain=None, vitality=None, overall_score=None, findings=0,
                  in_scope=True, dangling=False) for i, text in enumerate(HOSTILE)]
    nodes.append(dict(id='missing:gh"ost\\', label='gh"ost\\', slug='gh"ost\\', title=None, path=None, format=None,
                      status=None, domain=None, vitality=None, overall_score=None, findings=0, in_scope=False,
                      dangling=True, references=1, referenced_by=[nodes[0]["id"]]))
    edges = [dict(zip(("from", "to", "type"), row), kind="relationship", label=None, line=3, cycle=cycle, dangling=False)
             for row, cycle in (((nodes[0]["id"], nodes[1]["id"], 'en"ables|<x>'), False),
                                ((nodes[1]["id"], nodes[2]["id"], "specializes_to"), True),
                                ((nodes[2]["id"], nodes[1]["id"], "specializes_to"), True),
                                ((nodes[3]["id"], nodes[0]["id"], "requires"), False))]
    edges.append(dict(edges[0], to=nodes[-1]["id"], type="enables", dangling=True))
    nodes.append(dict(nodes[1], id="esc\x1b[31m\u202e.md", slug="esc\x1b[31m\u202e", label="esc"))
    return {"root": "/lib", "nodes": nodes, "edges": edges, "cycles": [[nodes[1]["id"], nodes[2]["id"]]]}


def test_dot_counts_styles_and_escaping(tiny):
    _, data = tiny
    nodes, edges = parse_dot(graph.render(data, "dot"))
    assert len(nodes) == len(data["nodes"]) and len(edges) == len(data["edges"])
    ghost = nodes['"missing:ghost-pattern"']
    assert (ghost["color"], ghost["style"]) == (f'"{RED}"', '"dashed,filled"') and "missing" in dot_label(ghost["label"])
    assert all("color" not in n and n["fillcolor"] != f'"{RED}"' for key, n in nodes.items() if n is not ghost)
    cycle = [(a, b) for a, b, attrs in edges if attrs.get("penwidth") == "3" and attrs["color"] == f'"{RED}"']
    assert sorted(cycle) == [('"alpha.md"', '"beta.md"'), ('"beta.md"', '"alpha.md"')]
    assert [attrs["color"] for _, _, attrs in edges] == [
        f'"{RED if e["cycle"] else graph.TYPE_COLORS[e["type"]]}"' for e in data["edges"]]
    by_status = {dot_label(n["label"]): n["fillcolor"] for n in nodes.values() if "fillcolor" in n}
    assert by_status["alpha"] == by_status["gamma"] != by_status["beta"]  # stable, stable, draft


def test_dot_hostile_text(tmp_path):
    data = hostile_model()
    text = graph.render(data, "dot", color_by="status")
    nodes, edges = parse_dot(text)  # every statement still one line, every string closed
    assert len(nodes) == len(data["nodes"]) and len(edges) == len(data["edges"])
    labels = {dot_label(n["label"]) for n in nodes.values()}
    assert set(HOSTILE) <= labels and "missing: gh\"ost\\" in labels
    assert "esc\\x1b[31m\\u202e" in labels  # invisible characters spelled out
    assert "\x1b" not in text and "\u202e" not in text
    assert dot_label(next(a for _, _, a in edges if "cycle" in a.get("label", ""))["label"]) == "cycle: specializes_to"
    if shutil.which("dot"):  # Graphviz is optional: the parse above is the check without it
        done = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr.decode()


MERMAID_NODE = re.compile(r'  (n\d+)\[("[^"\n]*")\]')
MERMAID_EDGE = re.compile(r'  (n\d+) (-->|-\.->)\|("[^"\n]*")\| (n\d+)')


def parse_mermaid(text: str):
    lines = text.split("\n")
    assert lines[-1] == "" and all(line.isprintable() for line in lines)
    body = [line for line in lines[:-1] if not line.lstrip().startswith("%%")]
    assert body[0] == "flowchart LR"
    nodes, edges, classes, members, styles = {}, [], {}, {}, []
    for line in body[1:]:
        if match := MERMAID_NODE.fullmatch(line):
            nodes[match.group(1)] = mermaid_label(match.group(2))
        elif match := MERMAID_EDGE.fullmatch(line):
            edges.append((match.group(1), match.group(4), mermaid_label(match.group(3))))
        elif match := re.fullmatch(r"  classDef (\w+) (\S.*)", line):
            classes[match.group(1)] = match.group(2)
        elif match := re.fullmatch(r"  class ([\w,]+) (\w+)", line):
            members.update({node: match.group(2) for node in match.group(1).split(",")})
        elif match := re.fullmatch(r"  linkStyle ([\d,]+) (\S+)", line):
            styles.append(([int(i) for i in match.group(1).split(",")], match.group(2)))
        else:
            raise AssertionError(f"not a Mermaid statement: {line!r}")
    assert all(a in nodes and b in nodes for a, b, _ in edges)
    return nodes, edges, classes, members, styles


def test_mermaid_counts_styles_and_escaping(tiny):
    _, data = tiny
    nodes, edges, classes, members, styles = parse_mermaid(graph.render(data, "mermaid", color_by="format"))
    assert len(nodes) == len(data["nodes"]) and len(edges) == len(data["edges"])
    assert [label for _, _, label in edges] == [e["type"] for e in data["edges"]]
    ghost = next(key for key, label in nodes.items() if label == "missing: ghost-pattern")
    assert members[ghost] == "dangling" and f"stroke:{RED}" in classes["dangling"] and "stroke-dasharray" in classes["dangling"]
    named = {label: key for key, label in nodes.items()}
    assert members[named["alpha"]] == members[named["gamma"]] != members[named["delta"]]  # v7, v7, classification
    cycle_links = [i for indexes, style in styles if f"stroke:{RED}" in style and "stroke-width:4px" in style for i in indexes]
    assert sorted((edges[i][0], edges[i][1]) for i in cycle_links) == sorted(
        [(named["alpha"], named["beta"]), (named["beta"], named["alpha"])])
    styled = sorted(i for indexes, _ in styles for i in indexes)
    assert styled == list(range(len(edges)))  # every link styled exactly once


def test_mermaid_hostile_text():
    data = hostile_model()
    text = graph.render(data, "mermaid")
    nodes, edges, *_ = parse_mermaid(text)
    assert set(HOSTILE) <= set(nodes.values()) and 'missing: gh"ost\\' in nodes.values()
    assert 'en"ables|<x>' in [label for _, _, label in edges]
    assert "</script" not in text and "<img" not in text and "\x1b" not in text and "\u202e" not in text


# ---------------------------------------------------------------------------------------------
# json and the command line


def test_json_is_the_models_graph_part(tiny):
    folder, data = tiny
    code, out = run_cli(str(folder), "--format", "json", "-q")
    assert code == 0 and out.endswith("}\n")
    assert json.loads(out) == {key: data[key] for key in ("root", "nodes", "edges", "cycles")}
    assert json.loads(graph.render(data, "json")) == json.loads(out)
    assert '\n  "nodes": [' in out  # indented


def test_json_keeps_undecodable_file_names():
    data = hostile_model()
    data["nodes"][0]["path"] = "/lib/caf\udce9.md"  # invalid UTF-8 arrives as a lone surrogate
    text = graph.render(data, "json")
    text.encode("utf-8")  # no lone surrogate left in the text
    assert json.loads(text)["nodes"][0]["path"] == "/lib/caf\udce9.md"


def test_cli_default_is_dot_on_stdout(tiny):
    folder, _ = tiny
    code, out = run_cli(str(folder), "-q")
    assert code == 0  # findings (the cycle, the dangling link) do not fail the graph
    nodes, edges = parse_dot(out)
    assert len(nodes) == 5 and len(edges) == 6


def test_cli_output_file_format_follows_the_extension(tiny, tmp_path, capsys):
    folder, _ = tiny
    code, out = run_cli(str(folder), "-o", str(tmp_path / "graph.html"))
    assert (code, out) == (0, "")
    page_text = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert page_text.startswith("<!DOCTYPE html>") and 'id="graph-data"' in page_text
    assert f"wrote {tmp_path / 'graph.html'}" in capsys.readouterr().err
    code, out = run_cli(str(folder), "-o", str(tmp_path / "graph.mmd"), "--format", "mermaid", "-q")
    assert (code, out) == (0, "")
    assert (tmp_path / "graph.mmd").read_text(encoding="utf-8").split("\n")[1] == "flowchart LR"
    code, _ = run_cli(str(folder), "-o", str(tmp_path / "graph.gv"), "-q")
    assert code == 0 and "digraph" in (tmp_path / "graph.gv").read_text(encoding="utf-8")
    assert capsys.readouterr().err == ""


def test_cli_usage_errors_exit_2(tiny, tmp_path, capsys):
    folder, _ = tiny
    assert run_cli(str(tmp_path / "nope"), "-q")[0] == 2
    assert "no such file or folder" in capsys.readouterr().err
    for argv in (["--format", "svg"], ["--depth", "-1"], ["--color-by", "size"]):
        with pytest.raises(SystemExit) as exit_:
            run_cli(str(folder), *argv)
        assert exit_.value.code == 2


def test_render_refuses_unknown_format_and_colouring(tiny):
    _, data = tiny
    with pytest.raises(ValueError):
        graph.render(data, "svg")
    with pytest.raises(ValueError):
        graph.render(data, "dot", color_by="size")


def test_html_is_self_contained_and_escapes_file_text():
    data = hostile_model()
    data["root"] = "/lib/@DATA@ <b>"  # placeholders of the page's template, in a file name
    text = graph.render(data, "html")
    assert "<title>Pattern graph: /lib/@DATA@ &lt;b&gt;</title>" in text and text.count('id="graph-data"') == 1
    assert "vis-network" in text or "vis.Network" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text), "the page loads something from the network"
    data_script = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', text, re.S).group(1)
    assert "</script" not in data_script.lower() and "<img" not in data_script
    assert json.loads(data_script) == graph.graph_part(data)


def test_page_files_are_package_data():
    """The pages' own HTML, CSS and JavaScript (lint/pages/static/) are declared as package data,
    so a non-editable install ships them; each one the pages read is there."""
    root = Path(__file__).resolve().parent.parent
    declared = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    static = root / "lint" / "pages" / "static"
    files = sorted(p.name for p in static.iterdir())
    assert {"graph.html", "graph.css", "graph.js", "report.css", "report.js"} <= set(files)
    for name in files:
        assert any(fnmatch.fnmatch(f"static/{name}", glob) for glob in declared["lint.pages"]), name
        assert assets.page_file(name) == (static / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# the page in Chromium

READY = """n => { const s = document.getElementById('status').dataset;
                  return s.state === 'ready' && Number(s.draws) >= n; }"""


def wait_drawn(tab, draws: int) -> dict:
    tab.wait_for_function(READY, arg=draws, timeout=30_000)
    return tab.evaluate("Object.assign({}, document.getElementById('status').dataset)")


def drawn(tab) -> tuple[set, set]:
    """(node ids, edge indexes) the network holds."""
    return (set(tab.evaluate("window.network.body.data.nodes.getIds()")),
            set(tab.evaluate("window.network.body.data.edges.getIds()")))


def shown(data, excluded_formats=(), focus=None, depth=None) -> tuple[set, set]:
    """What the page should draw: the patterns whose format is not excluded (the focus always),
    the missing targets they link to, the links between these; with `focus`, only those within
    `depth` links of it."""
    nodes = {n["id"]: n for n in data["nodes"]}
    on = {key for key, n in nodes.items() if key == focus or (not n["dangling"] and n["format"] not in excluded_formats)}
    links = {k for k, e in enumerate(data["edges"]) if e["from"] in on and (e["to"] in on or nodes[e["to"]]["dangling"])}
    on |= {data["edges"][k]["to"] for k in links}
    if focus is not None:
        near, distance, queue = {}, {focus: 0}, deque([focus])
        for k in links:
            e = data["edges"][k]
            near.setdefault(e["from"], []).append(e["to"])
            near.setdefault(e["to"], []).append(e["from"])
        while queue:
            key = queue.popleft()
            for other in near.get(key, ()) if distance[key] < depth else ():
                if other not in distance:
                    distance[other] = distance[key] + 1
                    queue.append(other)
        on = set(distance)
        links = {k for k in links if data["edges"][k]["from"] in on and data["edges"][k]["to"] in on}
    return on, links


HOSTILE_TITLE = 'Quote " back \\ </script><img src=x onerror=alert(1)> "] end'


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """(folder, model, page path): a generated library of 180 patterns with defects (dangling links
    among them), plus a generalization cycle and a pattern with a hostile title, drawn in full."""
    folder = tmp_path_factory.mktemp("generated")
    manifest = load_generator().generate(180, os.fspath(folder), seed=1, defects=True)
    assert any(row["rule"] == "dangling-link" for row in manifest)
    (folder / "cycle-one.md").write_text(pattern("cycle-one", "pat_01khm0pp0qw6rb1r861rg6dfb1",
                                                 "  specializes_to: [cycle-two]\n"), encoding="utf-8")
    (folder / "cycle-two.md").write_text(pattern("cycle-two", "pat_01khm0pp0qw6rb1r861rg6dfb2",
                                                 "  specializes_to: [cycle-one]\n  enables: [cycle-one]\n"), encoding="utf-8")
    title = HOSTILE_TITLE.replace("\\", "\\\\").replace('"', '\\"')
    (folder / "hostile-title.md").write_text(
        edit(pattern("hostile-title", "pat_01khm0pp0qw6rb1r861rg6dfb3", "  enables: [cycle-one, nowhere-at-all]\n"),
             'title: "Hostile-Title"', f'title: "{title}"'), encoding="utf-8")
    data = build(folder)
    out = tmp_path_factory.mktemp("pages") / "generated.html"
    out.write_text(graph.render(data, "html", color_by="status"), encoding="utf-8")
    return folder, data, out


def test_generated_library_model(generated):
    _, data, _ = generated
    nodes = {n["id"]: n for n in data["nodes"]}
    assert len(nodes) == 183 + sum(n["dangling"] for n in nodes.values())
    assert nodes["hostile-title.md"]["title"] == HOSTILE_TITLE
    assert nodes["missing:nowhere-at-all"]["referenced_by"] == ["hostile-title.md"]
    assert data["cycles"] == [["cycle-one.md", "cycle-two.md"]]
    assert sum(n["dangling"] for n in nodes.values()) >= 2


@needs_chromium
def test_page_draws_the_whole_generated_library(generated):
    _, data, path = generated
    dangling = {n["id"] for n in data["nodes"] if n["dangling"]}
    cycle_edges = {k for k, e in enumerate(data["edges"]) if e["cycle"]}
    with page(path) as tab:
        status = wait_drawn(tab, 1)
        assert status["mode"] == "all" and status["partial"] == "false"
        assert drawn(tab) == ({n["id"] for n in data["nodes"]}, set(range(len(data["edges"]))))
        assert (int(status["nodes"]), int(status["edges"]), int(status["dangling"])) == (
            len(data["nodes"]), len(data["edges"]), len(dangling))
        assert tab.evaluate("window.graphData.nodes.length") == len(data["nodes"])
        assert "Showing all" in tab.inner_text("#status")
        # dangling targets: red dashed boxes that say they are missing; cycle links thick and red
        looks = tab.evaluate("""ids => ids.map(id => { const o = window.network.body.nodes[id].options;
            return [o.color.border, o.shape, !!o.shapeProperties.borderDashes, o.label]; })""", sorted(dangling))
        assert all(look[:3] == [RED, "box", True] and "missing" in look[3] for look in looks)
        widths = tab.evaluate("""ids => ids.map(id => { const o = window.network.body.edges[id].options;
            return [o.color.color, o.width]; })""", sorted(cycle_edges))
        assert widths == [[RED, 5]] * len(cycle_edges) and len(cycle_edges) == 2  # not the `enables` between them
        assert tab.locator("#legend").inner_text().count("missing target") == 1
        # the colour switch
        before = tab.evaluate("window.network.body.nodes['hostile-title.md'].options.color.background")
        tab.select_option("#color-by", "format")
        after = tab.evaluate("window.network.body.nodes['hostile-title.md'].options.color.background")
        assert (before, after) == (graph.node_palette(data["nodes"], "status")["stable"],
                                   graph.node_palette(data["nodes"], "format")["v7"])
        # a format filter: the classification patterns go, with their links and the targets only they named
        tab.uncheck("input[data-facet=format][data-value=classification]")
        status = wait_drawn(tab, 2)
        expected = shown(data, excluded_formats={"classification"})
        assert drawn(tab) == expected and int(status["nodes"]) == len(expected[0]) < len(data["nodes"])
        tab.check("input[data-facet=format][data-value=classification]")
        wait_drawn(tab, 3)
        assert len(drawn(tab)[0]) == len(data["nodes"])
        assert tab.requests == [] and tab.errors == []


@needs_chromium
def test_page_search_click_and_details(generated):
    _, data, path = generated
    with page(path) as tab:
        wait_drawn(tab, 1)
        tab.fill("#search", "hostile")
        tab.wait_for_selector("#suggestions li[data-id='hostile-title.md']")
        assert tab.locator("#suggestions li").first.inner_text().startswith("hostile-title")
        tab.click("#suggestions li[data-id='hostile-title.md']")
        status = wait_drawn(tab, 2)
        assert (status["mode"], status["focus"]) == ("neighbourhood", "hostile-title.md")
        part = model.around(data, "hostile-title", 2)
        assert drawn(tab)[0] == {n["id"] for n in part["nodes"]}
        details = tab.inner_text("#details")
        assert HOSTILE_TITLE in details and "nowhere-at-all" in details
        assert tab.locator("#details img").count() == 0
        tab.select_option("#depth", "1")
        wait_drawn(tab, 3)
        assert drawn(tab)[0] == {n["id"] for n in model.around(data, "hostile-title", 1)["nodes"]}
        # the missing target's details: who names it
        tab.click("#details button.link >> text=nowhere-at-all")
        wait_drawn(tab, 4)
        details = tab.inner_text("#details")
        assert "Missing target" in details and "Referenced by\nhostile-title\n" in details
        # a click on a drawn pattern centres the drawing on it
        target = tab.evaluate("""() => { const net = window.network;
            const id = net.body.data.nodes.getIds().find(i => i !== 'missing:nowhere-at-all');
            const p = net.canvasToDOM(net.getPosition(id)); const box = document.getElementById('graph').getBoundingClientRect();
            return {id: net.getNodeAt(p), x: box.left + p.x, y: box.top + p.y}; }""")
        tab.mouse.click(target["x"], target["y"])
        status = wait_drawn(tab, 5)
        assert status["focus"] == target["id"] and target["id"] in tab.inner_text("#details")
        tab.click("#show-all")
        status = wait_drawn(tab, 6)
        assert status["mode"] == "all" and int(status["nodes"]) == len(data["nodes"])
        assert tab.requests == [] and tab.errors == []


@needs_chromium
def test_page_starts_on_the_around_neighbourhood(tiny, tmp_path):
    _, data = tiny
    path = tmp_path / "around.html"
    path.write_text(graph.render(model.around(data, "gamma", 1), "html"), encoding="utf-8")
    with page(path) as tab:
        status = wait_drawn(tab, 1)
        assert (status["mode"], status["focus"], status["nodes"]) == ("neighbourhood", "gamma.md", "3")
        assert tab.input_value("#depth") == "1" and "Gamma" in tab.inner_text("#details")
        tab.set_content(graph.render({"root": ".", "nodes": [], "edges": [], "cycles": []}, "html"))
        status = wait_drawn(tab, 1)
        assert status["nodes"] == "0" and tab.inner_text("#status") == "No patterns to draw."
        assert tab.requests == [] and tab.errors == []


def synthetic_model(count=20_000, links=60_000, seed=5) -> dict:
    """A model of `count` patterns and about `links` links, built directly (no files, no linter):
    one hub that 3,000 patterns link to, 40 missing targets, one generalization cycle."""
    rng = random.Random(seed)
    domains = ["community", "culture", "ecology", "education", "finance", "governance", "health", "technology"]
    nodes = [{"id": f"p{i:05d}.md", "label": f"pattern-{i}", "slug": f"pattern-{i}", "title": f"Pattern number {i}",
              "path": f"/lib/p{i:05d}.md", "format": "classification" if i % 3 == 0 else "v7",
              "status": rng.choice(["draft", "revised", "stable"]), "domain": rng.choice(domains), "vitality": 3.5,
              "overall_score": 4.0, "findings": i % 4, "in_scope": True, "dangling": False} for i in range(count)]
    ghosts = [{"id": f"missing:ghost-{j}", "label": f"ghost-{j}", "slug": f"ghost-{j}", "title": None, "path": None,
               "format": None, "status": None, "domain": None, "vitality": None, "overall_score": None, "findings": 0,
               "in_scope": False, "dangling": True, "references": 0, "referenced_by": []} for j in range(40)]
    types = ["enables", "requires", "alternatives", "complementary", "tools", "inferred"]
    edges, seen = [], set()

    def link(a, b, kind, cycle=False):
        if a != b and (a, b, kind) not in seen:
            seen.add((a, b, kind))
            edges.append({"from": a, "to": b, "type": kind, "kind": "inferred" if kind == "inferred" else "relationship",
                          "label": "complementary" if kind == "inferred" else None, "line": 40, "cycle": cycle,
                          "dangling": b.startswith("missing:")})

    for source in rng.sample(range(1, count), 3000):
        link(nodes[source]["id"], nodes[0]["id"], "enables")
    for j, ghost in enumerate(ghosts):
        for source in rng.sample(range(1, count), 1 + j % 3):
            link(nodes[source]["id"], ghost["id"], "requires")
            ghost["references"] += 1
            ghost["referenced_by"].append(nodes[source]["id"])
    link(nodes[1]["id"], nodes[2]["id"], "specializes_to", cycle=True)
    link(nodes[2]["id"], nodes[1]["id"], "specializes_to", cycle=True)
    while len(edges) < links:
        link(nodes[rng.randrange(1, count)]["id"], nodes[rng.randrange(1, count)]["id"], rng.choice(types))
    return {"root": "/lib", "nodes": nodes + ghosts, "edges": edges, "cycles": [[nodes[1]["id"], nodes[2]["id"]]]}


@needs_chromium
def test_page_large_library_draws_a_neighbourhood(tmp_path):
    data = synthetic_model()
    path = tmp_path / "large.html"
    path.write_text(graph.render(data, "html", color_by="format"), encoding="utf-8")
    hub = data["nodes"][0]["id"]
    # a classification pattern not linked to the hub (which would bring in its 3,000 neighbours),
    # whose neighbourhood holds patterns of both formats
    near_hub = {e["from"] for e in data["edges"] if e["to"] == hub}
    for node in data["nodes"][3::3]:
        focus = node["id"]
        around = shown(data, focus=focus, depth=2)
        filtered = shown(data, excluded_formats={"classification"}, focus=focus, depth=2)
        if focus not in near_hub and 10 < len(around[0]) < 300 and len(filtered[0]) < len(around[0]):
            break
    else:
        pytest.fail("no pattern to search for")
    assert node["format"] == "classification" and focus in filtered[0]  # the focus stays, filtered or not
    with page(path) as tab:
        status = wait_drawn(tab, 1)
        nodes, edges = drawn(tab)
        assert status["partial"] == "true" and status["focus"] == hub and hub in nodes
        assert len(nodes) <= graph.DRAW_LIMIT and len(edges) <= graph.EDGE_LIMIT
        assert (int(status["nodes"]), int(status["edges"]), int(status["total"])) == (len(nodes), len(edges), 20_040)
        text = tab.inner_text("#status")
        assert f"Showing {len(nodes) - int(status['dangling']):,} of 20,000 patterns" in text
        assert "too large to draw at once" in text
        assert tab.is_disabled("#show-all")
        # choosing a search result draws its neighbourhood
        tab.fill("#search", "pattern-" + str(int(focus[1:6])))
        tab.press("#search", "Enter")
        status = wait_drawn(tab, 2)
        assert status["focus"] == focus and drawn(tab) == around
        # a format filter: the neighbourhood among what is left (the focus itself always drawn)
        tab.uncheck("input[data-facet=format][data-value=classification]")
        status = wait_drawn(tab, 3)
        assert drawn(tab) == filtered and int(status["nodes"]) == len(filtered[0])
        assert tab.requests == [] and tab.errors == []
