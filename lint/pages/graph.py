"""`lint graph`'s outputs: the library model (model.py) as Graphviz DOT, Mermaid, JSON, or one
self-contained HTML page drawn with vis-network.

Everything that comes from the files (ids, slugs, titles, relationship types, statuses) is
escaped for the output it lands in: a quoted DOT string, a quoted Mermaid label, a JSON string
inside a <script> element, or DOM text set through textContent by the page's script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

GRAPH_KEYS = ("root", "nodes", "edges", "cycles", "around", "depth")
COLOR_BY = ("status", "format")

# The page draws at most this many nodes and links at once; above that, the neighbourhood of one
# pattern. Measured in headless Chromium (software rendering, 2 cores) on neighbourhoods cut from
# the generated 3,600-pattern library: a full frame costs ~10 ms per 1,000 links plus a little per
# node (500 nodes / 1,012 links: 13-18 ms; 1,000 / 2,854: 21-44 ms; 1,500 / 5,574: 45-77 ms;
# 1,854 / 7,944: 86-109 ms), the layout (100 iterations) 1.1, 2.7, 4.6 and 5.9 s. Panning and
# zooming a large drawing hides the links (5 ms a frame at 1,000 nodes, 10 ms at 1,500).
# 1,000 nodes and 3,000 links keep a full frame near 40 ms (~25 frames a second) and the layout under 3 s.
DRAW_LIMIT = 1000
EDGE_LIMIT = 3000
# Drawings larger than this stop the physics simulation once laid out, so the page stays idle.
BIG_DRAWING = 300

# Fixed palettes. Red is kept for what needs attention (dangling targets, generalization cycles),
# grey for unknown values.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5")
UNKNOWN = "#c7c7c7"
RED = "#d62728"
DANGLING_FILL = "#fde0dc"
TYPE_COLORS = {
    "specializes_to": "#9467bd", "generalizes_from": "#c5b0d5", "enables": "#2ca02c", "requires": "#ff7f0e",
    "alternatives": "#8c564b", "complementary": "#17becf", "tools": "#bcbd22", "related": "#1f77b4",
    "inferred": "#7f7f7f", "body": "#e377c2",
}
EXTRA_TYPE_COLORS = ("#aec7e8", "#ffbb78", "#98df8a", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79",
                     "#637939", "#8c6d31", "#7b4173", "#3182bd")


def render(data: dict[str, Any], fmt: str, color_by: str = "status") -> str:
    """`data` (model.build, or model.around of it) as `fmt`: dot, mermaid, json or html."""
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")
    renderers = {"dot": _dot, "mermaid": _mermaid, "json": _json, "html": _html}
    if fmt not in renderers:
        raise ValueError(f"unknown graph format {fmt!r} (expected one of {', '.join(renderers)})")
    return renderers[fmt](data, color_by)


def graph_part(data: dict[str, Any]) -> dict[str, Any]:
    """What the graph outputs carry: the model without its findings, summary and rules."""
    return {key: data[key] for key in GRAPH_KEYS if key in data}


# ---------------------------------------------------------------------------------------------
# colours


def _sort_key(value: Any) -> tuple:
    return (0, value) if isinstance(value, str) else (1, str(value))


def node_palette(nodes: list[dict], key: str) -> dict[Any, str]:
    """Colour of each value of `key` (status or format) the patterns have: the palette in the
    values' sorted order, so the same values always get the same colours."""
    values = sorted({n[key] for n in nodes if not n["dangling"] and _hashable(n.get(key))}, key=_sort_key)
    return {value: PALETTE[i % len(PALETTE)] for i, value in enumerate(values)}


def type_palette(edges: list[dict]) -> dict[Any, str]:
    """Colour of each relationship type: fixed ones for the known types, then the rest in sorted order."""
    others = sorted({e["type"] for e in edges if _hashable(e["type"]) and e["type"] not in TYPE_COLORS},
                    key=_sort_key)
    colours = {t: c for t, c in TYPE_COLORS.items()}
    colours.update({t: EXTRA_TYPE_COLORS[i % len(EXTRA_TYPE_COLORS)] for i, t in enumerate(others)})
    return colours


def _hashable(value: Any) -> bool:
    return value is not None and isinstance(value, (str, int, float))


# ---------------------------------------------------------------------------------------------
# json


def _json(data: dict[str, Any], color_by: str) -> str:
    return _json_text(graph_part(data), indent=2) + "\n"


def _json_text(value: Any, **options) -> str:
    text = json.dumps(value, ensure_ascii=False, **options)
    # File names that are not valid UTF-8 arrive as lone surrogates, which no encoder accepts;
    # JSON can still say them exactly as \udcXX escapes (they only occur inside strings).
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


# ---------------------------------------------------------------------------------------------
# text helpers shared by dot and mermaid

_HIDDEN = ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")


def _visible(value: Any, keep_newline: bool = False) -> str:
    """`value` as text with control, format (bidi) and surrogate characters spelled out as
    \\xNN / \\uNNNN, so nothing invisible reaches the output."""
    text = "" if value is None else str(value)
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\n" and keep_newline:
            out.append(ch)
        elif ch == "\t":
            out.append(" ")
        elif not ch.isprintable() and ch != " " and unicodedata.category(ch) in _HIDDEN:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _comment(value: Any) -> str:
    """`value` for a one-line comment: JSON-quoted, so a newline cannot end the comment."""
    return _json_text(value if isinstance(value, (str, int, float)) or value is None else str(value))


# ---------------------------------------------------------------------------------------------
# dot


def _dot_id(value: str) -> str:
    """A quoted DOT ID. Distinct values give distinct IDs: a literal backslash is doubled, and
    only escapes of invisible characters start with a single one."""
    out = []
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif not ch.isprintable() and ch != " ":
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _dot_text(value: Any) -> str:
    """A quoted DOT label or tooltip: shown as written. Backslashes are doubled (Graphviz reads
    \\N, \\G, \\l ... in labels), newlines become line breaks, `&` is spelled `&amp;` (Graphviz
    decodes entities in labels)."""
    text = _visible(value, keep_newline=True).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\n", "\\n") + '"'


def _html_text(value: Any) -> str:
    """Text inside a Graphviz HTML-like label."""
    text = _visible(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _value_name(value: Any) -> str:
    return "(none)" if value is None else str(value)


def _dot(data: dict[str, Any], color_by: str) -> str:
    nodes, edges = data["nodes"], data["edges"]
    colours = node_palette(nodes, color_by)
    types = type_palette(edges)
    dangling = [n for n in nodes if n["dangling"]]
    lines = [
        f"// pattern-lint graph of {_comment(data.get('root'))}: {len(nodes) - len(dangling)} patterns, "
        f"{len(dangling)} dangling targets, {len(edges)} links, {len(data.get('cycles', []))} generalization cycles",
        f"// node fill: {color_by}; red dashed boxes: dangling targets (linked to, but no such pattern); "
        "thick red edges: on a generalization cycle",
    ]
    if data.get("around") is not None:
        lines.append(f"// around {_comment(', '.join(map(str, data['around'])))}, depth {data.get('depth')}")
    lines += [
        'digraph "patterns" {',
        '  graph [rankdir=LR, overlap=false, splines=true, fontname="Helvetica"];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, color="#555555"];',
        '  edge [fontname="Helvetica", fontsize=8, arrowsize=0.6];',
    ]
    for n in nodes:
        if n["dangling"]:
            lines.append(
                f"  {_dot_id(n['id'])} [label={_dot_text('missing: ' + _visible(n['label']))}, "
                f'style="dashed,filled", fillcolor="{DANGLING_FILL}", color="{RED}", fontcolor="{RED}", '
                f"penwidth=2, tooltip={_dot_text(_dangling_tooltip(n))}];")
        else:
            fill = colours.get(n.get(color_by), UNKNOWN) if _hashable(n.get(color_by)) else UNKNOWN
            lines.append(f"  {_dot_id(n['id'])} [label={_dot_text(n['slug'] or n['label'])}, "
                         f'fillcolor="{fill}", tooltip={_dot_text(_tooltip(n))}];')
    for e in edges:
        colour = RED if e["cycle"] else types.get(e["type"], UNKNOWN) if _hashable(e["type"]) else UNKNOWN
        attributes = [f'color="{colour}"', f"tooltip={_dot_text(_edge_text(e))}"]
        if e["cycle"]:
            attributes += ["penwidth=3", f'fontcolor="{RED}"', f"label={_dot_text('cycle: ' + _visible(e['type']))}"]
        if e["kind"] == "inferred":
            attributes.append("style=dashed")
        lines.append(f"  {_dot_id(e['from'])} -> {_dot_id(e['to'])} [{', '.join(attributes)}];")
    lines += _dot_legend(nodes, edges, color_by, colours, types)
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_legend(nodes, edges, color_by, colours, types) -> list[str]:
    used = {n.get(color_by) for n in nodes if not n["dangling"]}
    rows = [f'<tr><td colspan="2"><b>{_html_text(color_by)}</b></td></tr>']
    for value, colour in colours.items():
        rows.append(f'<tr><td bgcolor="{colour}" width="16"></td><td align="left">{_html_text(value)}</td></tr>')
    if any(not _hashable(v) for v in used):
        rows.append(f'<tr><td bgcolor="{UNKNOWN}" width="16"></td><td align="left">(none)</td></tr>')
    if any(n["dangling"] for n in nodes):
        rows.append(f'<tr><td bgcolor="{DANGLING_FILL}" width="16"></td>'
                    f'<td align="left"><font color="{RED}">missing (dangling target)</font></td></tr>')
    rows.append('<tr><td colspan="2"><b>links</b></td></tr>')
    for kind in sorted({e["type"] for e in edges if _hashable(e["type"])}, key=_sort_key):
        rows.append(f'<tr><td align="left" colspan="2"><font color="{types.get(kind, UNKNOWN)}">&#9472;&#9472;</font> '
                    f'{_html_text(kind)}</td></tr>')
    if any(e["cycle"] for e in edges):
        rows.append(f'<tr><td align="left" colspan="2"><font color="{RED}"><b>&#9473;&#9473;</b></font> '
                    "generalization cycle</td></tr>")
    # the graph's own label, so the legend adds no node that could be taken for a pattern
    return [f'  graph [labelloc=b, labeljust=l, label=<<table border="1" color="#999999" cellborder="0" '
            f'cellspacing="2"><tr><td colspan="2"><b>Legend</b></td></tr>{"".join(rows)}</table>>];']


def _tooltip(n: dict) -> str:
    parts = [str(n.get("title") or n.get("slug") or n.get("label") or ""), str(n.get("path") or "")]
    for key in ("format", "status", "domain"):
        parts.append(f"{key}: {_value_name(n.get(key))}")
    parts.append(f"findings: {n.get('findings', 0)}")
    return "\n".join(parts)


def _dangling_tooltip(n: dict) -> str:
    who = ", ".join(map(str, n.get("referenced_by") or []))
    return f"missing: no pattern called {n['label']}\nreferenced {n.get('references', 0)} times by {who}"


def _edge_text(e: dict) -> str:
    text = f"{e['from']} {e['type']} {e['to']}"
    if e.get("label"):
        text += f" ({e['label']})"
    if e.get("line"):
        text += f", line {e['line']}"
    return text


# ---------------------------------------------------------------------------------------------
# mermaid

_MERMAID_SPECIAL = set('"#&<>`|\\[]{}();')


def _mermaid_text(value: Any) -> str:
    """Text for a quoted Mermaid label: quotes as #quot;, every character Mermaid or its HTML
    rendering could read as syntax, and every invisible one, as a #NNN; entity code."""
    out = []
    for ch in "" if value is None else str(value):
        if ch == '"':
            out.append("#quot;")
        elif ch in _MERMAID_SPECIAL or (not ch.isprintable() and ch != " "):
            out.append(f"#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def _mermaid(data: dict[str, Any], color_by: str) -> str:
    nodes, edges = data["nodes"], data["edges"]
    colours = node_palette(nodes, color_by)
    types = type_palette(edges)
    ids = {n["id"]: f"n{i}" for i, n in enumerate(nodes)}
    lines = [
        f"%% pattern-lint graph of {_comment(data.get('root'))}: {len(nodes)} nodes, {len(edges)} links; "
        f"node fill: {color_by}; red dashed: dangling targets; thick red links: generalization cycles",
    ]
    if len(edges) > 500:
        lines.append("%% more than 500 links: raise Mermaid's maxEdges setting (and maxTextSize) to render this")
    lines.append("flowchart LR")
    for n in nodes:
        label = ("missing: " + str(n["label"])) if n["dangling"] else (n["slug"] or n["label"])
        lines.append(f'  {ids[n["id"]]}["{_mermaid_text(label)}"]')
    by_type: dict[Any, list[int]] = {}
    cycle_links: list[int] = []
    index = 0
    for e in edges:
        if e["from"] not in ids or e["to"] not in ids:
            continue
        arrow = "-.->" if e["kind"] == "inferred" else "-->"
        lines.append(f'  {ids[e["from"]]} {arrow}|"{_mermaid_text(e["type"])}"| {ids[e["to"]]}')
        if e["cycle"]:
            cycle_links.append(index)
        else:
            by_type.setdefault(e["type"] if _hashable(e["type"]) else None, []).append(index)
        index += 1
    # colour groups: one class per value of color_by (named by position: values come from files)
    groups: dict[str, list[str]] = {}
    names = {value: f"c{i}" for i, value in enumerate(colours)}
    for n in nodes:
        if n["dangling"]:
            groups.setdefault("dangling", []).append(ids[n["id"]])
        else:
            value = n.get(color_by)
            groups.setdefault(names.get(value, "unknown") if _hashable(value) else "unknown", []).append(ids[n["id"]])
    for value, name in names.items():
        lines.append(f"  %% class {name}: {color_by} {_comment(value)}")
        lines.append(f"  classDef {name} fill:{colours[value]},stroke:#555555,color:#000000")
    lines.append(f"  classDef unknown fill:{UNKNOWN},stroke:#555555,color:#000000")
    lines.append(f"  classDef dangling fill:{DANGLING_FILL},stroke:{RED},stroke-width:2px,"
                 f"stroke-dasharray:5 5,color:{RED}")
    for name, members in groups.items():
        for start in range(0, len(members), 200):  # keep lines a reasonable length
            lines.append(f"  class {','.join(members[start:start + 200])} {name}")
    for kind in sorted(by_type, key=lambda t: (t is None, _sort_key(t) if t is not None else (0, ""))):
        colour = types.get(kind, UNKNOWN) if kind is not None else UNKNOWN
        lines += _link_styles(by_type[kind], f"stroke:{colour}")
    lines += _link_styles(cycle_links, f"stroke:{RED},stroke-width:4px")
    return "\n".join(lines) + "\n"


def _link_styles(indexes: list[int], style: str) -> list[str]:
    return [f"  linkStyle {','.join(map(str, indexes[start:start + 200]))} {style}"
            for start in range(0, len(indexes), 200)]


# ---------------------------------------------------------------------------------------------
# html


def _html(data: dict[str, Any], color_by: str) -> str:
    from . import assets

    graph = graph_part(data)
    config = {
        "colorBy": color_by, "limit": DRAW_LIMIT, "edgeLimit": EDGE_LIMIT, "big": BIG_DRAWING,
        # [value, colour] pairs: values stay JSON values (a status may be a number)
        "palettes": {key: [[v, c] for v, c in node_palette(graph["nodes"], key).items()] for key in COLOR_BY},
        "types": [[t, c] for t, c in type_palette(graph["edges"]).items()],
        "unknown": UNKNOWN, "red": RED, "danglingFill": DANGLING_FILL,
    }
    title = f"Pattern graph: {_visible(graph.get('root') or '.')}"
    parts = {
        "TITLE": _html_text(title),
        "VIS_CSS": assets.vis_network_css().replace("</style", "<\\/style"),
        "STYLE": _STYLE,
        "CONFIG": assets.json_script("graph-config", config),
        "VIS_JS": assets.script(assets.vis_network_js()),
        "APP_JS": assets.script(_APP),
        "DATA": assets.json_script("graph-data", graph),
    }
    # one pass, so nothing inserted (the root's name, the data) is read for placeholders again
    return re.sub(r"@([A-Z_]+)@", lambda m: parts[m.group(1)], _PAGE)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>@TITLE@</title>
<style>@VIS_CSS@</style>
<style>@STYLE@</style>
</head>
<body>
<header>
  <h1 id="title">@TITLE@</h1>
  <div class="search">
    <input id="search" type="search" placeholder="Search slug or title" autocomplete="off"
           aria-label="Search patterns by slug or title" aria-controls="suggestions" aria-autocomplete="list">
    <ul id="suggestions" role="listbox" hidden></ul>
  </div>
  <label>Depth <select id="depth" aria-label="Neighbourhood depth"></select></label>
  <button id="show-all" type="button">Show all</button>
  <button id="fit" type="button">Fit</button>
  <label>Colour by <select id="color-by"><option value="status">status</option><option value="format">format</option></select></label>
</header>
<div id="status" role="status" aria-live="polite" data-state="loading">Loading...</div>
<main>
  <aside id="sidebar">
    <section id="legend"><h2>Legend</h2><div id="node-legend"></div><div id="edge-legend"></div></section>
    <section id="filters"></section>
  </aside>
  <div id="graph"></div>
  <aside id="details"><h2>Details</h2><p class="hint">Click a pattern, or search for one, to see its details and its neighbourhood.</p></aside>
</main>
@CONFIG@
@DATA@
@VIS_JS@
@APP_JS@
</body>
</html>
"""

_STYLE = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #222; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 12px; padding: 6px 12px; background: #f4f4f6; border-bottom: 1px solid #ddd; flex-wrap: wrap; }
header h1 { font-size: 15px; margin: 0 8px 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 30%; }
.search { position: relative; }
#search { width: 280px; padding: 4px 6px; }
#suggestions { position: absolute; z-index: 10; top: 100%; left: 0; width: 420px; max-height: 360px; overflow-y: auto;
  margin: 2px 0 0; padding: 0; list-style: none; background: #fff; border: 1px solid #bbb; box-shadow: 0 4px 12px rgba(0,0,0,.15); }
#suggestions li { padding: 4px 8px; cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#suggestions li.active, #suggestions li:hover { background: #e6f0fb; }
#suggestions .sub { color: #777; margin-left: 6px; }
#status { padding: 4px 12px; background: #fffbe6; border-bottom: 1px solid #eee0a0; min-height: 26px; }
#status[data-partial="true"] { background: #fff1e0; }
main { flex: 1; display: flex; min-height: 0; }
#sidebar { width: 250px; overflow-y: auto; border-right: 1px solid #ddd; padding: 6px 10px; background: #fafafa; }
#details { width: 300px; overflow-y: auto; border-left: 1px solid #ddd; padding: 6px 10px; background: #fafafa; }
#graph { flex: 1; min-width: 0; position: relative; background: #fff; }
h2 { font-size: 13px; margin: 10px 0 4px; }
fieldset { border: 1px solid #ddd; margin: 6px 0; padding: 4px 6px; }
legend { font-weight: 600; }
fieldset .values { max-height: 180px; overflow-y: auto; }
fieldset label { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
fieldset .count { color: #888; }
fieldset .bulk { font-size: 11px; }
fieldset .bulk button { font-size: 11px; padding: 0 4px; }
.swatch { display: inline-block; width: 12px; height: 12px; border: 1px solid #555; vertical-align: middle; margin-right: 6px; border-radius: 6px; }
.swatch.box { border-radius: 2px; border: 2px dashed #d62728; }
.line { display: inline-block; width: 22px; height: 0; border-top: 2px solid; vertical-align: middle; margin-right: 6px; }
.line.dashed { border-top-style: dashed; }
.line.thick { border-top-width: 5px; }
.legend-row { overflow-wrap: anywhere; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 8px; }
dt { color: #666; }
dd { margin: 0; overflow-wrap: anywhere; }
.missing { color: #d62728; font-weight: 600; }
.hint { color: #777; }
.links { list-style: none; padding: 0; margin: 4px 0; }
.links li { overflow-wrap: anywhere; }
button.link { background: none; border: none; padding: 0; color: #0645ad; cursor: pointer; font: inherit; text-align: left; }
button.link:hover { text-decoration: underline; }
"""

_APP = r"""
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graph-config").textContent);
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  window.graphData = data;
  var nodes = data.nodes, edges = data.edges, N = nodes.length, E = edges.length;
  var LIMIT = config.limit, EDGE_LIMIT = config.edgeLimit, BIG = config.big, RED = config.red, UNKNOWN = config.unknown;
  var statusEl = document.getElementById("status");

  // ---- indexes ---------------------------------------------------------------------------
  function key(value) {  // one string per distinct JSON value; "" for none
    if (value === null || value === undefined) return "";
    return (typeof value === "string" ? "s:" : "n:") + String(value);
  }
  function name(value) { return value === null || value === undefined ? "(none)" : String(value); }
  var index = new Map();
  nodes.forEach(function (n, i) { index.set(n.id, i); });
  var ends = new Int32Array(2 * E), adjacency = [];
  for (var i = 0; i < N; i++) adjacency.push([]);
  edges.forEach(function (e, k) {
    var a = index.has(e.from) ? index.get(e.from) : -1, b = index.has(e.to) ? index.get(e.to) : -1;
    ends[2 * k] = a; ends[2 * k + 1] = b;
    if (a < 0 || b < 0) return;
    adjacency[a].push(k);
    if (b !== a) adjacency[b].push(k);
  });
  var palettes = {};
  Object.keys(config.palettes).forEach(function (dimension) {
    var map = new Map();
    config.palettes[dimension].forEach(function (pair) { map.set(key(pair[0]), pair[1]); });
    palettes[dimension] = map;
  });
  var typeColours = new Map();
  config.types.forEach(function (pair) { typeColours.set(key(pair[0]), pair[1]); });
  function nodeColour(n, dimension) {
    var colour = palettes[dimension].get(key(n[dimension]));
    return colour || UNKNOWN;
  }
  function typeColour(type) { return typeColours.get(key(type)) || UNKNOWN; }
  var searchText = nodes.map(function (n) {
    return [String(n.slug || n.label || "").toLowerCase(), String(n.title || "").toLowerCase()];
  });

  // ---- facets (filters) ------------------------------------------------------------------
  var FACETS = [["format", "Format"], ["status", "Status"], ["domain", "Domain"], ["type", "Relationship type"]];
  var facetValues = {};  // facet -> [{key, value, count}]
  FACETS.forEach(function (facet) {
    var counts = new Map(), values = new Map();
    var items = facet[0] === "type" ? edges : nodes;
    items.forEach(function (item) {
      if (item.dangling && facet[0] !== "type") return;
      var value = item[facet[0]], k = key(value);
      values.set(k, value);
      counts.set(k, (counts.get(k) || 0) + 1);
    });
    facetValues[facet[0]] = Array.from(values.keys()).sort(function (a, b) {
      if (a === "" || b === "") return a === "" ? 1 : -1;
      return a < b ? -1 : a > b ? 1 : 0;
    }).map(function (k) { return {key: k, value: values.get(k), count: counts.get(k)}; });
  });
  var state = {
    colorBy: config.colorBy === "format" ? "format" : "status",
    excluded: {format: new Set(), status: new Set(), domain: new Set(), type: new Set()},
    showDangling: true,
    focus: null,        // array of node indexes at the centre of the drawing, or null: everything
    focusAuto: false,   // the focus was picked because the graph is too large, not by the user
    depth: 2,
    selected: null,
  };
  if (Array.isArray(data.around) && data.around.length) {
    state.focus = data.around.filter(function (id) { return index.has(id); }).map(function (id) { return index.get(id); });
    if (!state.focus.length) state.focus = null;
    if (typeof data.depth === "number") state.depth = data.depth;
  }

  // ---- visibility ------------------------------------------------------------------------
  function visibility() {
    var nodeOn = new Uint8Array(N), edgeOn = new Uint8Array(E), degree = new Int32Array(N), plain = new Uint8Array(N);
    var ex = state.excluded, forced = new Set(state.focus || []);
    for (var i = 0; i < N; i++) {
      var n = nodes[i];
      if (n.dangling) continue;
      plain[i] = ex.format.has(key(n.format)) || ex.status.has(key(n.status)) || ex.domain.has(key(n.domain)) ? 0 : 1;
      nodeOn[i] = plain[i] || forced.has(i) ? 1 : 0;
    }
    var reached = new Uint8Array(N);
    for (var k = 0; k < E; k++) {
      var a = ends[2 * k], b = ends[2 * k + 1];
      if (a < 0 || b < 0 || ex.type.has(key(edges[k].type))) continue;
      var da = nodes[a].dangling, db = nodes[b].dangling;
      if (da || db) {  // a dangling target is shown when a shown pattern links to it
        if (!(state.showDangling || forced.has(da ? a : b))) continue;
        if (nodeOn[da ? b : a] || (da && db)) { edgeOn[k] = 1; reached[da ? a : b] = 1; }
      } else if (nodeOn[a] && nodeOn[b]) {
        edgeOn[k] = 1;
      }
    }
    var count = 0, patterns = 0;
    for (i = 0; i < N; i++) {
      if (nodes[i].dangling) nodeOn[i] = reached[i] || forced.has(i) ? 1 : 0;
      if (nodeOn[i]) { count++; if (!nodes[i].dangling) patterns++; }
    }
    var links = 0;
    for (k = 0; k < E; k++) if (edgeOn[k]) { links++; degree[ends[2 * k]]++; degree[ends[2 * k + 1]]++; }
    return {nodeOn: nodeOn, edgeOn: edgeOn, degree: degree, count: count, patterns: patterns, links: links, plain: plain};
  }

  function mostLinked(shown) {
    var best = -1;
    for (var i = 0; i < N; i++) {
      if (shown.nodeOn[i] && !nodes[i].dangling && (best < 0 || shown.degree[i] > shown.degree[best])) best = i;
    }
    if (best < 0) for (i = 0; i < N; i++) if (shown.nodeOn[i]) { best = i; break; }
    return best;
  }

  function other(k, i) { return ends[2 * k] === i ? ends[2 * k + 1] : ends[2 * k]; }

  // The patterns within `depth` links of `starts`, nearest first, stopping before the drawing
  // would pass LIMIT nodes or EDGE_LIMIT links.
  function neighbourhood(starts, depth, shown) {
    var distance = new Map(), queue = [], cut = false, links = 0;
    starts.forEach(function (s) { if (!distance.has(s)) { distance.set(s, 0); queue.push(s); } });
    for (var h = 0; h < queue.length && !cut; h++) {
      var i = queue[h], d = distance.get(i);
      if (d >= depth) continue;
      var list = adjacency[i];
      for (var x = 0; x < list.length; x++) {
        var k = list[x];
        if (!shown.edgeOn[k]) continue;
        var j = other(k, i);
        if (distance.has(j)) continue;
        var added = 0, around = adjacency[j];  // the links j brings into the drawing
        for (var y = 0; y < around.length; y++) {
          var o = other(around[y], j);
          if (shown.edgeOn[around[y]] && (distance.has(o) || o === j)) added++;
        }
        if (distance.size >= LIMIT || links + added > EDGE_LIMIT) { cut = true; break; }
        links += added;
        distance.set(j, d + 1);
        queue.push(j);
      }
    }
    return {distance: distance, cut: cut};
  }

  function tooLarge(shown) { return shown.count > LIMIT || shown.links > EDGE_LIMIT; }

  // ---- drawing ---------------------------------------------------------------------------
  var container = document.getElementById("graph");
  var nodeSet = new vis.DataSet(), edgeSet = new vis.DataSet();
  var network = new vis.Network(container, {nodes: nodeSet, edges: edgeSet}, {
    autoResize: true,
    layout: {improvedLayout: false, randomSeed: 7},
    nodes: {shape: "dot", size: 10, borderWidth: 1, font: {size: 12, face: "system-ui, Helvetica, Arial, sans-serif"},
            scaling: {label: {drawThreshold: 6}}},
    edges: {smooth: false, width: 1, arrows: {to: {enabled: true, scaleFactor: 0.45}}, selectionWidth: 2,
            color: {inherit: false}},
    physics: {enabled: true, solver: "forceAtlas2Based",
              forceAtlas2Based: {gravitationalConstant: -60, centralGravity: 0.008, springLength: 90,
                                 springConstant: 0.08, damping: 0.5, avoidOverlap: 0},
              maxVelocity: 60, minVelocity: 1, timestep: 0.5,
              stabilization: {enabled: false}},
    interaction: {hover: false, tooltipDelay: 250, navigationButtons: false, keyboard: false, multiselect: false},
  });
  window.network = network;
  var draws = 0, drawing = false, current = null;

  function tooltip(n) {
    if (n.dangling) {
      return "missing: " + name(n.label) + "\nno pattern has this name; linked " + n.references +
        " time(s) from " + (n.referenced_by || []).length + " pattern(s)";
    }
    return name(n.slug || n.label) + (n.title ? "\n" + name(n.title) : "") + "\nformat: " + name(n.format) +
      "  status: " + name(n.status) + "  domain: " + name(n.domain) + "\nfindings: " + n.findings;
  }

  function visNode(i, distance, degree, focus) {
    var n = nodes[i];
    if (n.dangling) {
      return {id: n.id, label: "\u26a0 missing: " + name(n.label), shape: "box", borderWidth: 2,
              shapeProperties: {borderDashes: [6, 4]}, margin: 6,
              color: {background: config.danglingFill, border: RED,
                      highlight: {background: "#fbb4ae", border: RED}, hover: {background: "#fbb4ae", border: RED}},
              font: {color: RED, size: 12}, title: tooltip(n), dangling: true};
    }
    var colour = nodeColour(n, state.colorBy);
    var isFocus = focus && focus.has(i);
    var node = {id: n.id, label: name(n.slug || n.label), title: tooltip(n),
                size: isFocus ? 26 : (distance === 1 ? 12 : 8) + Math.min(10, Math.sqrt(degree)),
                borderWidth: isFocus ? 4 : 1,
                color: {background: colour, border: isFocus ? "#000000" : "#444444",
                        highlight: {background: colour, border: "#000000"}, hover: {background: colour, border: "#000000"}}};
    if (isFocus) node.font = {size: 22, bold: true, strokeWidth: 5, strokeColor: "#ffffff"};
    else if (distance === 1) node.font = {size: 16};
    return node;
  }

  function visEdge(k) {
    var e = edges[k];
    var colour = e.cycle ? RED : typeColour(e.type);
    var title = name(e.type) + (e.label ? " (" + name(e.label) + ")" : "") + ": " + name(e.from) + " \u2192 " +
      name(e.to) + (e.line ? " (line " + e.line + ")" : "") + (e.cycle ? "\non a generalization cycle" : "");
    return {id: k, from: e.from, to: e.to, title: title, width: e.cycle ? 5 : 1,
            dashes: e.kind === "inferred" || !!e.dangling, cycle: !!e.cycle,
            color: {color: colour, highlight: colour, hover: colour, opacity: e.cycle ? 1 : 0.8}};
  }

  function ringPositions(distance) {
    var rings = new Map();
    distance.forEach(function (d, i) { if (!rings.has(d)) rings.set(d, []); rings.get(d).push(i); });
    var positions = new Map();
    rings.forEach(function (members, d) {
      var radius = d === 0 ? (members.length > 1 ? 60 : 0) : 140 * d + 12 * Math.sqrt(members.length) * d;
      members.forEach(function (i, m) {
        var angle = 2 * Math.PI * m / members.length + d * 0.5;
        positions.set(i, {x: radius * Math.cos(angle), y: radius * Math.sin(angle)});
      });
    });
    return positions;
  }

  function draw() {
    // a centre picked only because the graph was too large is picked again: the filters may have changed
    if (state.focusAuto) { state.focus = null; state.focusAuto = false; }
    var shown = visibility();
    if (state.focus === null && tooLarge(shown)) {
      var best = mostLinked(shown);
      if (best >= 0) { state.focus = [best]; state.focusAuto = true; }
    }
    if (state.focus) shown = visibility();  // a centre the user chose is drawn even when filtered out
    var chosen, distance = null, cut = false;
    if (state.focus) {
      var hood = neighbourhood(state.focus, state.depth, shown);
      distance = hood.distance; cut = hood.cut;
      chosen = Array.from(distance.keys());
    } else {
      chosen = [];
      for (var i = 0; i < N; i++) if (shown.nodeOn[i]) chosen.push(i);
    }
    var drawn = new Uint8Array(N);
    chosen.forEach(function (i) { drawn[i] = 1; });
    var focus = new Set(state.focus || []);
    var positions = distance ? ringPositions(distance) : null;
    var visNodes = chosen.map(function (i) {
      var node = visNode(i, distance ? distance.get(i) : 0, shown.degree[i], focus);
      if (positions) { var p = positions.get(i); node.x = p.x; node.y = p.y; }
      return node;
    });
    var visEdges = [];
    for (var k = 0; k < E; k++) if (shown.edgeOn[k] && drawn[ends[2 * k]] && drawn[ends[2 * k + 1]]) visEdges.push(visEdge(k));
    var dangling = 0;
    chosen.forEach(function (i) { if (nodes[i].dangling) dangling++; });
    var big = visNodes.length > BIG;
    current = {shown: shown, nodes: visNodes.length, edges: visEdges.length, dangling: dangling, cut: cut,
               partial: visNodes.length < shown.count, big: big};
    draws++;
    drawing = true;
    setStatus("drawing");
    network.setOptions({
      physics: {enabled: true, stabilization: {enabled: true, iterations: big ? 100 : 300, updateInterval: 25, fit: true}},
      interaction: {hideEdgesOnDrag: big, hideEdgesOnZoom: big},
    });
    nodeSet = new vis.DataSet(visNodes);
    edgeSet = new vis.DataSet(visEdges);
    network.setData({nodes: nodeSet, edges: edgeSet});
    updateShowAll(shown);
    if (!visNodes.length) finished();  // otherwise setData starts the stabilization, which ends in finished()
  }

  function finished() {
    if (!drawing) return;
    drawing = false;
    if (current && current.big) network.setOptions({physics: {enabled: false}});
    if (state.selected !== null && nodeSet.get(nodes[state.selected].id)) network.selectNodes([nodes[state.selected].id]);
    network.fit({animation: false});
    if (network.getScale() > 1.2) network.moveTo({scale: 1.2});  // a few nodes: do not blow them up
    setStatus("ready");
  }
  network.on("stabilizationIterationsDone", finished);
  network.on("stabilizationProgress", function (p) {
    if (drawing) statusEl.dataset.progress = String(Math.round(100 * p.iterations / p.total));
    if (drawing) statusText("Laying out " + current.nodes.toLocaleString("en-US") + " nodes: " +
                             Math.round(100 * p.iterations / p.total) + "%");
  });

  function statusText(text) {
    statusEl.textContent = text;
  }

  function setStatus(phase) {
    var c = current, shown = c.shown;
    statusEl.dataset.state = phase;
    statusEl.dataset.nodes = String(c.nodes);
    statusEl.dataset.edges = String(c.edges);
    statusEl.dataset.dangling = String(c.dangling);
    statusEl.dataset.total = String(shown.count);
    statusEl.dataset.partial = String(c.partial);  // fewer nodes drawn than the filters let through
    statusEl.dataset.tooLarge = String(tooLarge(shown));
    statusEl.dataset.mode = state.focus ? "neighbourhood" : "all";
    statusEl.dataset.focus = state.focus ? state.focus.map(function (i) { return nodes[i].id; }).join("\n") : "";
    statusEl.dataset.draws = String(draws);
    if (phase !== "ready") { statusText("Laying out " + c.nodes.toLocaleString("en-US") + " nodes..."); return; }
    var fmt = function (n) { return n.toLocaleString("en-US"); };
    var count = function (n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); };
    var drawnPatterns = c.nodes - c.dangling;
    var text;
    if (!shown.count) {
      text = N ? "No patterns match the filters." : "No patterns to draw.";
    } else if (state.focus) {
      var centre = state.focus.map(function (i) { return name(nodes[i].slug || nodes[i].label); }).join(", ");
      text = "Showing " + fmt(drawnPatterns) + " of " + count(shown.patterns, "pattern", "patterns");
      if (c.dangling) text += " and " + count(c.dangling, "missing target", "missing targets");
      text += ", " + count(c.edges, "link", "links") + ": ";
      if (tooLarge(shown)) {
        text += "the graph is too large to draw at once (" + fmt(shown.count) + " nodes and " + fmt(shown.links) +
          " links; the limit is " + fmt(LIMIT) + " nodes and " + fmt(EDGE_LIMIT) + " links): search, click, or " +
          "narrow the filters. ";
      }
      text += "Neighbourhood of " + centre + " (depth " + state.depth + ")";
      var hidden = state.focus.filter(function (i) { return !nodes[i].dangling && !shown.plain[i]; });
      if (hidden.length) text += "; the filters hide " + (hidden.length === 1 ? "it" : "some of these") + ", drawn anyway as the centre";
      if (c.cut) text += ", cut short at the drawing limit";
      text += ".";
    } else {
      text = "Showing all " + count(drawnPatterns, "pattern", "patterns");
      if (c.dangling) text += " and " + count(c.dangling, "missing target", "missing targets");
      text += ", " + count(c.edges, "link", "links");
      var filteredOut = N - shown.count;
      text += filteredOut ? " (" + fmt(filteredOut) + " hidden by the filters)." : ".";
    }
    var cycles = edgeSet.get({filter: function (e) { return e.cycle; }}).length;
    if (cycles) text += " " + count(cycles, "link", "links") + " on generalization cycles (thick red).";
    statusText(text);
  }

  function updateShowAll(shown) {
    var button = document.getElementById("show-all");
    button.disabled = !state.focus || tooLarge(shown);
    button.title = tooLarge(shown) ? "The filtered graph has " + shown.count + " nodes and " + shown.links +
      " links, more than can be drawn at once: narrow the filters first" : "Draw every pattern the filters let through";
  }

  // ---- details ---------------------------------------------------------------------------
  var details = document.getElementById("details");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function linkTo(i, text) {
    var button = el("button", text, "link");
    button.type = "button";
    button.addEventListener("click", function () { choose(i); });
    return button;
  }
  function fmtNumber(value) { return value === null || value === undefined ? "(none)" : String(value); }

  function showDetails(i) {
    var n = nodes[i];
    details.textContent = "";
    details.appendChild(el("h2", n.dangling ? "Missing target" : "Pattern"));
    var list = el("dl");
    function row(label, value, cls) { list.appendChild(el("dt", label)); list.appendChild(el("dd", value, cls)); }
    if (n.dangling) {
      row("slug", name(n.label), "missing");
      row("status", "missing: no pattern in the library has this name", "missing");
      row("references", String(n.references));
      row("referenced by", String((n.referenced_by || []).length) + " pattern(s)");
    } else {
      row("slug", name(n.slug));
      row("title", name(n.title));
      row("path", name(n.path));
      row("format", name(n.format));
      row("status", name(n.status));
      row("domain", name(n.domain));
      row("vitality", fmtNumber(n.vitality));
      row("overall score", fmtNumber(n.overall_score));
      row("findings", String(n.findings));
      if (!n.in_scope) row("scope", "outside the paths linted (linked to or from them)");
    }
    details.appendChild(list);
    if (n.dangling && (n.referenced_by || []).length) {
      details.appendChild(el("h2", "Referenced by"));
      var who = el("ul", null, "links");
      n.referenced_by.forEach(function (id) {
        var item = el("li");
        if (index.has(id)) {
          var source = nodes[index.get(id)];
          var button = linkTo(index.get(id), name(source.slug || source.label));
          button.title = id;
          item.appendChild(button);
        } else {
          item.textContent = id;
        }
        who.appendChild(item);
      });
      details.appendChild(who);
    }
    var outgoing = [], incoming = [];
    adjacency[i].forEach(function (k) { (ends[2 * k] === i ? outgoing : incoming).push(k); });
    [["Links from here", outgoing, 1], ["Links to here", incoming, 0]].forEach(function (group) {
      if (!group[1].length) return;
      details.appendChild(el("h2", group[0] + " (" + group[1].length + ")"));
      var ul = el("ul", null, "links");
      group[1].slice(0, 100).forEach(function (k) {
        var e = edges[k], other = ends[2 * k + group[2]];
        var item = el("li");
        var mark = el("span", name(e.type) + (e.cycle ? " (cycle)" : "") + " ");
        if (e.cycle) mark.className = "missing";
        item.appendChild(mark);
        item.appendChild(linkTo(other, name(nodes[other].slug || nodes[other].label)));
        if (nodes[other].dangling) item.appendChild(el("span", " (missing)", "missing"));
        ul.appendChild(item);
      });
      if (group[1].length > 100) ul.appendChild(el("li", "and " + (group[1].length - 100) + " more"));
      details.appendChild(ul);
    });
  }

  function choose(i) {  // centre the drawing on pattern i
    state.selected = i;
    state.focus = [i];
    state.focusAuto = false;
    showDetails(i);
    draw();
  }

  network.on("click", function (params) {
    if (params.nodes && params.nodes.length && index.has(params.nodes[0])) choose(index.get(params.nodes[0]));
  });

  // ---- controls --------------------------------------------------------------------------
  var depthSelect = document.getElementById("depth");
  var depths = [1, 2, 3];
  if (depths.indexOf(state.depth) < 0) depths.push(state.depth);
  depths.sort(function (a, b) { return a - b; }).forEach(function (d) {
    var option = el("option", String(d)); option.value = String(d); depthSelect.appendChild(option);
  });
  depthSelect.value = String(state.depth);
  depthSelect.addEventListener("change", function () {
    state.depth = parseInt(depthSelect.value, 10);
    if (state.focus) { state.focusAuto = false; draw(); }
  });
  document.getElementById("show-all").addEventListener("click", function () {
    state.focus = null; state.focusAuto = false; draw();
  });
  document.getElementById("fit").addEventListener("click", function () { network.fit({animation: false}); });
  var colourSelect = document.getElementById("color-by");
  colourSelect.value = state.colorBy;
  colourSelect.addEventListener("change", function () {
    state.colorBy = colourSelect.value === "format" ? "format" : "status";
    var focus = new Set(state.focus || []);
    nodeSet.update(nodeSet.get({filter: function (n) { return !n.dangling; }}).map(function (n) {
      var i = index.get(n.id), colour = nodeColour(nodes[i], state.colorBy);
      return {id: n.id, color: {background: colour, border: focus.has(i) ? "#000000" : "#444444",
                                highlight: {background: colour, border: "#000000"}, hover: {background: colour, border: "#000000"}}};
    }));
    buildLegend();
  });

  function buildFilters() {
    var box = document.getElementById("filters");
    box.appendChild(el("h2", "Filters"));
    FACETS.forEach(function (facet) {
      var values = facetValues[facet[0]];
      if (!values.length) return;
      var fieldset = el("fieldset");
      fieldset.dataset.facet = facet[0];
      fieldset.appendChild(el("legend", facet[1]));
      var bulk = el("div", null, "bulk");
      var all = el("button", "all"), none = el("button", "none");
      all.type = none.type = "button";
      bulk.appendChild(all); bulk.appendChild(document.createTextNode(" ")); bulk.appendChild(none);
      fieldset.appendChild(bulk);
      var list = el("div", null, "values");
      var boxes = [];
      values.forEach(function (v) {
        var label = el("label");
        var input = document.createElement("input");
        input.type = "checkbox"; input.checked = true; input.value = v.key;
        input.dataset.facet = facet[0]; input.dataset.value = v.value === null ? "" : String(v.value);
        input.addEventListener("change", function () {
          if (input.checked) state.excluded[facet[0]].delete(v.key); else state.excluded[facet[0]].add(v.key);
          draw();
        });
        boxes.push(input);
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + name(v.value) + " "));
        label.appendChild(el("span", "(" + v.count.toLocaleString("en-US") + ")", "count"));
        list.appendChild(label);
      });
      function setAll(on) {
        boxes.forEach(function (input) {
          input.checked = on;
          if (on) state.excluded[facet[0]].delete(input.value); else state.excluded[facet[0]].add(input.value);
        });
        draw();
      }
      all.addEventListener("click", function () { setAll(true); });
      none.addEventListener("click", function () { setAll(false); });
      fieldset.appendChild(list);
      box.appendChild(fieldset);
    });
    var danglingCount = nodes.filter(function (n) { return n.dangling; }).length;
    var fieldset = el("fieldset");
    fieldset.appendChild(el("legend", "Show"));
    var label = el("label");
    var input = document.createElement("input");
    input.type = "checkbox"; input.checked = true; input.id = "show-dangling";
    input.addEventListener("change", function () { state.showDangling = input.checked; draw(); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" missing targets "));
    label.appendChild(el("span", "(" + danglingCount.toLocaleString("en-US") + ")", "count"));
    fieldset.appendChild(label);
    box.appendChild(fieldset);
  }

  function buildLegend() {
    var nodeLegend = document.getElementById("node-legend"), edgeLegend = document.getElementById("edge-legend");
    nodeLegend.textContent = ""; edgeLegend.textContent = "";
    nodeLegend.appendChild(el("div", "Nodes by " + state.colorBy, "hint"));
    facetValues[state.colorBy].forEach(function (v) {
      var row = el("div", null, "legend-row");
      var swatch = el("span", null, "swatch");
      swatch.style.background = palettes[state.colorBy].get(v.key) || UNKNOWN;
      row.appendChild(swatch);
      row.appendChild(document.createTextNode(name(v.value) + " (" + v.count.toLocaleString("en-US") + ")"));
      nodeLegend.appendChild(row);
    });
    var row = el("div", null, "legend-row missing");
    var box = el("span", null, "swatch box");
    box.style.background = config.danglingFill;
    row.appendChild(box);
    row.appendChild(document.createTextNode("missing target (dangling link)"));
    nodeLegend.appendChild(row);
    edgeLegend.appendChild(el("div", "Links by relationship type", "hint"));
    facetValues.type.forEach(function (v) {
      var r = el("div", null, "legend-row");
      var line = el("span", null, "line" + (v.value === "inferred" ? " dashed" : ""));
      line.style.borderTopColor = typeColour(v.value);
      r.appendChild(line);
      r.appendChild(document.createTextNode(name(v.value) + " (" + v.count.toLocaleString("en-US") + ")"));
      edgeLegend.appendChild(r);
    });
    var cycle = el("div", null, "legend-row missing");
    var thick = el("span", null, "line thick");
    thick.style.borderTopColor = RED;
    cycle.appendChild(thick);
    cycle.appendChild(document.createTextNode("on a generalization cycle (" + (data.cycles || []).length + " cycles)"));
    edgeLegend.appendChild(cycle);
  }

  // ---- search ----------------------------------------------------------------------------
  var search = document.getElementById("search"), suggestions = document.getElementById("suggestions");
  var matches = [], active = -1;
  function findMatches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var ranked = [];
    for (var i = 0; i < N; i++) {
      var slug = searchText[i][0], title = searchText[i][1], rank;
      if (slug === q || title === q) rank = 0;
      else if (slug.lastIndexOf(q, 0) === 0) rank = 1;
      else if (title.lastIndexOf(q, 0) === 0) rank = 2;
      else if (slug.indexOf(q) >= 0) rank = 3;
      else if (title.indexOf(q) >= 0) rank = 4;
      else continue;
      if (nodes[i].dangling) rank += 5;
      ranked.push([rank, slug, i]);
    }
    ranked.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]); });
    return ranked.slice(0, 20).map(function (r) { return r[2]; });
  }
  function showSuggestions() {
    matches = findMatches(search.value);
    active = matches.length ? 0 : -1;
    suggestions.textContent = "";
    matches.forEach(function (i, position) {
      var n = nodes[i];
      var item = el("li");
      item.setAttribute("role", "option");
      item.dataset.id = n.id;
      item.appendChild(el("span", name(n.slug || n.label), n.dangling ? "missing" : null));
      item.appendChild(el("span", n.dangling ? "missing target" : name(n.title), "sub"));
      if (position === active) item.className = "active";
      item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
      suggestions.appendChild(item);
    });
    if (!matches.length && search.value.trim()) {
      var none = el("li", "No pattern matches");
      none.className = "hint";
      suggestions.appendChild(none);
    }
    suggestions.hidden = !search.value.trim();
  }
  function pick(i) {
    suggestions.hidden = true;
    search.value = name(nodes[i].slug || nodes[i].label);
    choose(i);
  }
  search.addEventListener("input", showSuggestions);
  search.addEventListener("focus", function () { if (search.value.trim()) showSuggestions(); });
  search.addEventListener("blur", function () { suggestions.hidden = true; });
  search.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!matches.length) return;
      event.preventDefault();
      active = (active + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length;
      Array.prototype.forEach.call(suggestions.children, function (item, position) {
        item.className = position === active ? "active" : "";
        if (position === active) item.scrollIntoView({block: "nearest"});
      });
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!matches.length) matches = findMatches(search.value);
      if (matches.length) pick(matches[Math.max(active, 0)]);
    } else if (event.key === "Escape") {
      suggestions.hidden = true;
    }
  });

  // ---- start -----------------------------------------------------------------------------
  buildFilters();
  buildLegend();
  if (state.focus && state.focus.length) { state.selected = state.focus[0]; showDetails(state.focus[0]); }
  draw();
})();
"""
