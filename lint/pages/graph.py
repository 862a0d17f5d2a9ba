"""`lint graph`'s outputs: the library model (model.py) as Graphviz DOT, Mermaid, JSON, or one
self-contained HTML page drawn with vis-network (its HTML, CSS and script: static/graph.html,
graph.css and graph.js, package data read through assets.py).

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
        # the page's own files (static/): their text follows a newline, as the page always had it
        "STYLE": "\n" + assets.page_file("graph.css"),
        "CONFIG": assets.json_script("graph-config", config),
        "VIS_JS": assets.script(assets.vis_network_js()),
        "APP_JS": assets.script("\n" + assets.page_file("graph.js")),
        "DATA": assets.json_script("graph-data", graph),
    }
    # one pass, so nothing inserted (the root's name, the data) is read for placeholders again
    return re.sub(r"@([A-Z_]+)@", lambda m: parts[m.group(1)], assets.page_file("graph.html"))
