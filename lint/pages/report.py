"""`lint report`: the library's health page, one self-contained HTML file.

`aggregate(data)` (figures.py) turns the library model (lint/pages/model.py) into the page's figures: only
totals and top lists, so the page stays small however large the library. Every count comes from
the model's findings the way `lint --format json` would count them (the dangling targets too: a
link whose finding is suppressed or whose rule did not run is not counted). `render(data)`
writes the page: tables in plain HTML (readable without JavaScript, and what the tests read),
charts drawn in the browser by plotly.js, inlined; the page's own CSS and script are
static/report.css and static/report.js, package data read through assets.py.
"""

from __future__ import annotations

import html
from typing import Any

from . import assets
from .figures import BIN_WIDTH, NONE, SCORE_MAX, SCORE_MIN, SCORES, SEVERITIES, TOP, aggregate

COLOURS = {"error": "#c62828", "warning": "#c77700", "info": "#1f6fb2", "bar": "#3f5f8a", "score": "#2e7d5b"}
SCORE_TITLES = {"vitality": "Vitality", "overall_score": "Overall score"}


# ----------------------------------------------------------------------------- page

def render(data: dict[str, Any]) -> str:
    figures = aggregate(data)
    charts = _charts(figures)
    body = "\n".join([
        _header(figures),
        '<main class="wrap">',
        _headline(figures),
        _rules_section(figures),
        _groups_section(figures),
        _dangling_section(figures),
        _patterns_section(figures),
        _scores_section(figures),
        _files_section(figures),
    ])
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        # nothing is fetched: the page is one file, read without a network
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        'script-src \'unsafe-inline\'; style-src \'unsafe-inline\'; img-src data:; font-src data:">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Library health: {_e(figures['root'])}</title>",
        # the page's own files (static/): their text follows a newline, as the page always had it
        "<style>\n" + assets.page_file("report.css") + "</style>",
        "</head>",
        "<body>",
        body,
        "</main>",
        assets.json_script("report-charts", charts),
        assets.script(assets.plotly_js()),
        assets.script("\n" + assets.page_file("report.js")),
        "</body>",
        "</html>",
        "",
    ])


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _n(value: int) -> str:
    return f"{value:,}"


def _x(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{_n(count)} {one if count == 1 else (many or one + 's')}"


def _header(f: dict) -> str:
    h = f["headline"]
    links = [("sec-rules", "Per rule"), ("sec-groups", "Per group"), ("sec-dangling", "Dangling targets"),
             ("sec-patterns", "Status and format"), ("sec-scores", "Scores"), ("sec-files", "Files")]
    nav = " ".join(f'<a href="#{i}">{t}</a>' for i, t in links)
    return (f'<header><div class="wrap"><h1>Library health <span class="root" id="root">{_e(f["root"])}</span></h1>'
            f'<p class="sub">{_plural(h["files"], "file")} checked: {_plural(h["patterns"], "pattern")}, '
            f'{_n(h["skipped"])} skipped (not patterns).</p>'
            f'<nav>{nav}</nav></div></header>')


def _headline(f: dict) -> str:
    h = f["headline"]
    cards = [("files", "files", ""), ("patterns", "patterns", ""), ("errors", "errors", "error"),
             ("warnings", "warnings", "warning"), ("findings", "findings", ""),
             ("dangling_targets", "dangling targets", ""), ("files_with_findings", "files with findings", "")]
    if "new" in h:  # a baseline was used
        cards[5:5] = [("new", "new (not in the baseline)", "error"), ("baselined", "baselined", ""),
                      ("baseline_fixed", "baseline findings fixed", "")]
    out = ['<section id="sec-headline" class="figures">']
    for key, label, tone in cards:
        value = h[key]
        cls = f" tone-{tone}" if tone and value else ""
        out.append(f'<div class="card figure{cls}" data-figure="{key}" data-value="{value}">'
                   f'<div class="value">{_n(value)}</div><div class="label">{label}</div></div>')
    out.append("</section>")
    return "\n".join(out)


def _sev(severity: str) -> str:
    return f'<span class="sev sev-{_e(severity)}">{_e(severity)}</span>'


def _section(ident: str, title: str, intro: str, chart: str, table: str, wide: bool = False) -> str:
    return (f'<section id="{ident}" class="card"><h2>{title}</h2>'
            + (f'<p class="intro">{intro}</p>' if intro else "")
            + f'<div class="split{" wide-table" if wide else ""}">{chart}<div class="table">{table}</div></div></section>')


def _chart(ident: str) -> str:
    return f'<div class="chart" id="{ident}" data-chart="{ident}"><noscript>The chart needs JavaScript; ' \
           f'the table shows the same figures.</noscript></div>'


def _empty(text: str) -> str:
    return f'<p class="empty">{text}</p>'


def _rules_section(f: dict) -> str:
    rows = [f'<tr data-rule="{_e(r["rule"])}" data-code="{_e(r["code"])}" data-group="{_e(r["group"])}" '
            f'data-severity="{_e(r["severity"])}" data-count="{r["count"]}">'
            f'<td><code>{_e(r["code"])}</code></td><td>{_e(r["rule"])}</td><td>{_e(r["group"])}</td>'
            f'<td>{_sev(r["severity"])}</td><td class="num">{_n(r["count"])}</td></tr>' for r in f["rules"]]
    table = ('<table id="per-rule"><thead><tr><th>code</th><th>rule</th><th>group</th><th>severity</th>'
             '<th class="num">findings</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    if not rows:
        table += _empty("No findings.")
    intro = f'{_plural(len(f["rules"]), "rule")} reported {_plural(f["headline"]["findings"], "finding")}; ' \
            'rules that found nothing are not listed. <code>lint explain NAME</code> says what a rule checks ' \
            'and how to fix what it reports.'
    return _section("sec-rules", "Findings per rule", intro, _chart("chart-per-rule"), table)


def _groups_section(f: dict) -> str:
    rows = [f'<tr data-group="{_e(g["group"])}" data-count="{g["count"]}" data-errors="{g["error"]}" '
            f'data-warnings="{g["warning"]}" data-info="{g["info"]}">'
            f'<td>{_e(g["group"])}</td><td class="num">{_n(g["error"])}</td><td class="num">{_n(g["warning"])}</td>'
            f'<td class="num">{_n(g["info"])}</td><td class="num total">{_n(g["count"])}</td>'
            f'<td class="num">{_n(g["rules"])}</td></tr>' for g in f["groups"]]
    table = ('<table id="per-group"><thead><tr><th>group</th><th class="num">errors</th><th class="num">warnings</th>'
             '<th class="num">info</th><th class="num">total</th><th class="num">rules</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    if not rows:
        table += _empty("No findings.")
    return _section("sec-groups", "Findings per group", "", _chart("chart-per-group"), table)


def _dangling_section(f: dict) -> str:
    d = f["dangling"]
    rows = []
    for t in d["top"]:
        names = ", ".join(f'<span class="path">{_e(p)}</span>' for p in t["named_by"])
        if t["patterns"] > len(t["named_by"]):
            names += f' <span class="muted">+{_n(t["patterns"] - len(t["named_by"]))} more</span>'
        hint = f'<code>{_e(t["did_you_mean"])}</code>' if t["did_you_mean"] else ""
        rows.append(f'<tr data-target="{_e(t["target"])}" data-links="{t["links"]}" data-patterns="{t["patterns"]}">'
                    f'<td><code>{_e(t["target"])}</code></td><td class="num">{_n(t["links"])}</td>'
                    f'<td class="num">{_n(t["patterns"])}</td><td>{names}</td><td>{hint}</td></tr>')
    table = ('<table id="top-dangling"><thead><tr><th>target</th><th class="num">links</th>'
             '<th class="num">patterns</th><th>named in</th><th>did you mean</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    if not d["ran"]:
        table += _empty("The dangling-link rules did not run (<code>--select</code>/<code>--ignore</code> or the "
                        "configuration left them out), so no targets are counted.")
    elif not rows:
        table += _empty("No link names a missing pattern.")
    intro = (f'{_plural(d["links"], "link")} name {_plural(d["targets"], "pattern")} the library does not have '
             f'(relationships, inferred links and body links). The targets named most are the next patterns to '
             f'write, unless the <i>did you mean</i> column shows a typo.'
             + (f' The {TOP} named most:' if d["targets"] > TOP else ""))
    return _section("sec-dangling", "Dangling targets: the next patterns to write", intro,
                    _chart("chart-dangling"), table, wide=True)


def _tally_table(ident: str, heading: str, rows: list[dict]) -> str:
    body = "".join(f'<tr data-value="{_e(r["value"])}" data-count="{r["count"]}">'
                   f'<td{" class=muted" if r["value"] == NONE else ""}>{_e(r["value"])}</td>'
                   f'<td class="num">{_n(r["count"])}</td></tr>' for r in rows)
    return (f'<table id="{ident}"><thead><tr><th>{heading}</th><th class="num">patterns</th></tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _patterns_section(f: dict) -> str:
    intro = f'The {_plural(f["patterns_in_scope"], "pattern")} checked; <i>{NONE}</i>: the pattern gives no value ' \
            '(or its format is not known).'
    return (f'<section id="sec-patterns" class="card"><h2>Patterns by status and format</h2><p class="intro">{intro}</p>'
            f'<div class="pair"><div>{_chart("chart-status")}{_tally_table("by-status", "status", f["status"])}</div>'
            f'<div>{_chart("chart-format")}{_tally_table("by-format", "format", f["format"])}</div></div></section>')


def _scores_section(f: dict) -> str:
    rows, notes, blocks = [], [], []
    for name in SCORES:
        s = f["scores"][name]
        rows.append(f'<tr data-score="{name}" data-count="{s["count"]}" data-missing="{s["missing"]}" '
                    f'data-mean="{"" if s["mean"] is None else repr(s["mean"])}" '
                    f'data-median="{"" if s["median"] is None else repr(s["median"])}">'
                    f'<td>{SCORE_TITLES[name]}</td><td class="num">{_n(s["count"])}</td>'
                    f'<td class="num">{_x(s["mean"])}</td><td class="num">{_x(s["median"])}</td>'
                    f'<td class="num">{_x(s["min"], 1)}</td><td class="num">{_x(s["max"], 1)}</td>'
                    f'<td class="num">{_n(s["missing"])}</td></tr>')
        note = f'{_plural(s["missing"], "pattern has", "patterns have")} no {SCORE_TITLES[name].lower()}'
        if s["missing_by_format"]:
            note += " (" + ", ".join(f"{_e(fmt)}: {_n(c)}" for fmt, c in s["missing_by_format"]) + ")"
        if s["invalid"]:
            note += f'; {_plural(s["invalid"], "value is", "values are")} not a finite number'
        if s["outside"]:
            note += f'; {_plural(s["outside"], "value lies", "values lie")} outside 0–5 (not in the histogram)'
        notes.append(f'<li data-score="{name}">{note}.</li>')
        bins = "".join(f'<tr data-start="{b["start"]}" data-end="{b["end"]}" data-count="{b["count"]}">'
                       f'<td>{b["start"]:.1f}–{b["end"]:.1f}</td><td class="num">{_n(b["count"])}</td></tr>'
                       for b in s["bins"])
        blocks.append(f'<div>{_chart("chart-" + name)}<details><summary>{SCORE_TITLES[name]} bins</summary>'
                      f'<table id="hist-{name}" class="bins"><thead><tr><th>range</th><th class="num">patterns'
                      f'</th></tr></thead><tbody>{bins}</tbody></table></details></div>')
    table = ('<table id="score-stats"><thead><tr><th>score</th><th class="num">patterns with it</th>'
             '<th class="num">mean</th><th class="num">median</th><th class="num">min</th><th class="num">max</th>'
             '<th class="num">no score</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>")
    return (f'<section id="sec-scores" class="card"><h2>Vitality and overall score</h2>'
            f'<p class="intro">Bins 0.5 wide; each holds its lower edge, the last one holds 5.</p>'
            f'<div class="pair">{"".join(blocks)}</div>{table}<ul class="notes">{"".join(notes)}</ul></section>')


def _files_section(f: dict) -> str:
    info = any(r["info"] for r in f["files"])
    rows = [f'<tr data-path="{_e(r["path"])}" data-errors="{r["error"]}" data-warnings="{r["warning"]}" '
            f'data-info="{r["info"]}" data-total="{r["count"]}">'
            f'<td class="path">{_e(r["shown"])}</td><td class="num">{_n(r["error"])}</td>'
            f'<td class="num">{_n(r["warning"])}</td>' + (f'<td class="num">{_n(r["info"])}</td>' if info else "")
            + f'<td class="num total">{_n(r["count"])}</td></tr>' for r in f["files"]]
    table = ('<table id="top-files"><thead><tr><th>path</th><th class="num">errors</th><th class="num">warnings</th>'
             + ('<th class="num">info</th>' if info else "") + '<th class="num">total</th></tr></thead><tbody>'
             + "".join(rows) + "</tbody></table>")
    if not rows:
        table += _empty("No file has a finding.")
    total = f["headline"]["files_with_findings"]
    intro = f'{_plural(total, "file has", "files have")} findings' + \
            (f"; the {TOP} with most:" if total > TOP else ":")
    return (f'<section id="sec-files" class="card"><h2>Files with most findings</h2><p class="intro">{intro}</p>'
            f'{table}</section>')


# ----------------------------------------------------------------------------- charts

def _label(text: str, limit: int = 48) -> str:
    """Text for plotly, which reads a few HTML tags and entities in labels: escaped, so it shows as written."""
    text = text if len(text) <= limit else text[:limit - 1] + "…"
    return html.escape(text, quote=False)


def _bars(ident: str, labels: list[str], values: list[int], colours, hover: str, title: str) -> dict:
    """A horizontal bar chart, largest at the top."""
    return {"id": ident, "data": [{
        "type": "bar", "orientation": "h", "y": [_label(t) for t in labels], "x": values,
        "marker": {"color": colours}, "hovertemplate": hover + "<extra></extra>"}],
        "layout": {"height": max(140, 22 * len(labels) + 70), "yaxis": {"autorange": "reversed", "automargin": True},
                   "xaxis": {"title": {"text": title}, "rangemode": "tozero", "tickformat": ","}}}


def _columns(ident: str, labels: list[str], values: list[int], hover: str) -> dict:
    return {"id": ident, "data": [{"type": "bar", "x": [_label(t, 24) for t in labels], "y": values,
                                   "marker": {"color": COLOURS["bar"]}, "hovertemplate": hover + "<extra></extra>"}],
            "layout": {"height": 260, "xaxis": {"type": "category", "automargin": True},
                       "yaxis": {"title": {"text": "patterns"}, "rangemode": "tozero", "tickformat": ","}}}


def _charts(f: dict) -> list[dict]:
    rules = f["rules"]
    charts = [_bars("chart-per-rule", [f'{r["code"]} {r["rule"]}' for r in rules], [r["count"] for r in rules],
                    [COLOURS.get(r["severity"], COLOURS["bar"]) for r in rules], "%{y}: %{x} findings", "findings")]
    groups = f["groups"]
    charts.append({"id": "chart-per-group", "data": [
        {"type": "bar", "orientation": "h", "name": severity, "y": [_label(g["group"]) for g in groups],
         "x": [g[severity] for g in groups], "marker": {"color": COLOURS[severity]},
         "hovertemplate": "%{y}: %{x} " + severity + "s<extra></extra>"}
        for severity in SEVERITIES if any(g[severity] for g in groups)] or [{"type": "bar", "x": [], "y": []}],
        "layout": {"barmode": "stack", "height": max(140, 30 * len(groups) + 90), "showlegend": True,
                   "legend": {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
                   "yaxis": {"autorange": "reversed", "automargin": True},
                   "xaxis": {"title": {"text": "findings"}, "rangemode": "tozero", "tickformat": ","}}})
    top = f["dangling"]["top"]
    charts.append(_bars("chart-dangling", [t["target"] for t in top], [t["links"] for t in top], COLOURS["bar"],
                        "%{y}: named by %{x} links", "links naming the target"))
    for key in ("status", "format"):
        rows = f[key]
        charts.append(_columns(f"chart-{key}", [r["value"] for r in rows], [r["count"] for r in rows],
                               "%{x}: %{y} patterns"))
    for name in SCORES:
        bins = f["scores"][name]["bins"]
        charts.append({"id": f"chart-{name}", "data": [{
            "type": "bar", "x": [(b["start"] + b["end"]) / 2 for b in bins], "y": [b["count"] for b in bins],
            "width": BIN_WIDTH, "customdata": [f'{b["start"]:.1f}–{b["end"]:.1f}' for b in bins],
            "marker": {"color": COLOURS["score"], "line": {"color": "#ffffff", "width": 1}},
            "hovertemplate": "%{customdata}: %{y} patterns<extra></extra>"}],
            "layout": {"height": 260, "title": {"text": SCORE_TITLES[name], "x": 0.02, "font": {"size": 14}},
                       "bargap": 0, "xaxis": {"range": [SCORE_MIN, SCORE_MAX], "dtick": 1, "tick0": 0,
                                                  "ticks": "outside", "ticklen": 6, "tickcolor": "#c9ced6"},
                       "yaxis": {"title": {"text": "patterns"}, "rangemode": "tozero", "tickformat": ","}}})
    for chart in charts:
        _whole_ticks(chart)
        if not any(len(trace.get("x") or ()) for trace in chart["data"]):
            chart["layout"]["annotations"] = [{"text": "nothing to show", "showarrow": False,
                                               "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}]
    return charts


def _whole_ticks(chart: dict) -> None:
    """Counts are whole numbers: no tick at 0.5 findings when the largest bar is small."""
    horizontal = chart["data"][0].get("orientation") == "h"
    if chart["layout"].get("barmode") == "stack":
        sums = [sum(values) for values in zip(*(trace.get("x") or () for trace in chart["data"]))]
    else:
        sums = [v for trace in chart["data"] for v in (trace.get("x" if horizontal else "y") or ())]
    if max(sums, default=0) <= 8:
        axis = chart["layout"].setdefault("xaxis" if horizontal else "yaxis", {})
        axis.update({"dtick": 1, "tick0": 0, "range": [0, max(max(sums, default=0), 1) * 1.05]})
