"""`lint graph` and `lint report`: the library's link graph and its health page."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..commandline import EXIT_OK, EXIT_USAGE, add_run_arguments, new_parser, progress_display, run_options, say, writable

GRAPH_FORMATS = ("dot", "mermaid", "json", "html")


def main(command: str, argv: list[str], out: TextIO) -> int:
    from .. import config as config_module
    from ..discovery import UsageError
    from .assets import MissingExtra

    parser = _graph_parser() if command == "graph" else _report_parser()
    args = parser.parse_args(argv)
    if command == "graph" and args.depth < 0:
        parser.error("--depth must be 0 or more")
    target = getattr(args, "output_file", None) or getattr(args, "output", None)
    problem = writable(target) if target else None
    if problem:  # before the run, which may take a while
        say(f"lint {command}", problem)
        return EXIT_USAGE
    from ..baseline import BaselineError

    progress = progress_display(args, True)
    try:
        paths, settings = run_options(args, live_fixes=False)
        text = _graph(args, paths, settings, progress) if command == "graph" else \
            _report(paths, settings, args, progress)
    except (config_module.ConfigError, UsageError, MissingExtra, BaselineError) as exc:
        say(f"lint {command}", str(exc))
        return EXIT_USAGE
    finally:
        if progress is not None:
            progress.clear()
    if target:
        try:
            _write(target, text)
        except OSError as exc:  # the folder went away or filled up during the run
            say(f"lint {command}", f"{target}: cannot write the page: {exc.strerror or exc}")
            return EXIT_USAGE
        if not args.quiet:
            say(f"lint {command}", f"wrote {target}")
    else:
        out.write(text)
    return EXIT_OK


def _graph_parser():
    parser = new_parser("lint graph", "Draw the library's relationship graph: one node per pattern, one edge per "
                     "link, dangling targets as red placeholder nodes, generalization cycles highlighted.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders (default: .)")
    parser.add_argument("--format", choices=GRAPH_FORMATS, default=None,
                        help="dot (Graphviz), mermaid, json, or html: one self-contained page to open in a "
                             "browser (default: html when --output-file ends in .html, else dot)")
    parser.add_argument("--output-file", "-o", metavar="PATH", help="write to PATH instead of standard output")
    parser.add_argument("--around", metavar="SLUG", help="only the neighbourhood of this pattern")
    parser.add_argument("--depth", type=int, default=1, metavar="N",
                        help="with --around: how many links away from it (default: 1)")
    parser.add_argument("--color-by", choices=("format", "status"), default="status",
                        help="what the nodes' colour shows (default: status)")
    add_run_arguments(parser, quiet="no progress display, no 'wrote' line")
    return parser


def _report_parser():
    parser = new_parser("lint report", "Write the library's health page: findings per rule and group, the "
                     "dangling targets referenced most, patterns by status and format, score distributions, "
                     "the patterns with most findings. One self-contained HTML file.")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders (default: .)")
    parser.add_argument("--output", "--output-file", "-o", dest="output", metavar="PATH", default="report.html",
                        help="where to write the page (default: report.html; - for standard output)")
    add_run_arguments(parser, quiet="no progress display, no 'wrote' line")
    from ..baseline import add_arguments

    add_arguments(parser, write=False)  # the page counts new and baselined findings
    return parser


def _graph(args, paths: list[str], settings, progress=None) -> str:
    from ..discovery import UsageError
    from . import graph, model

    fmt = args.format or ("html" if (args.output_file or "").lower().endswith((".html", ".htm")) else "dot")
    if fmt == "html":
        from . import assets

        assets.vis_network_js()  # say that the extra is missing before the run, not after it
    data = model.build(paths, settings, progress)
    if args.around:
        found = model.around(data, args.around, args.depth)
        if found is None:
            from rapidfuzz import process

            near = process.extractOne(args.around, model.names(data), score_cutoff=70)
            hint = f"; did you mean `{near[0]}`?" if near else ""
            raise UsageError(f"--around: no pattern called `{args.around}` under {', '.join(paths)}{hint}")
        data = found
    return graph.render(data, fmt, color_by=args.color_by)


def _report(paths: list[str], settings, args=None, progress=None) -> str:
    """The page shows every finding (the library's health includes what a baseline defers), and,
    with a baseline, how many are new and how many baselined."""
    import dataclasses

    from .. import baseline, runner
    from . import assets, model, report

    assets.plotly_js()  # say that the extra is missing before the run, not after it
    file = baseline.named(args, settings.config) if args is not None else None
    known = baseline.load(file) if file else None  # a bad file stops here, before the run
    result = runner.run(paths, dataclasses.replace(settings, keep_library=True), progress)
    if known is None:
        return report.render(model.from_result(result))
    everything = list(result.findings)
    baseline.apply(result, known, paths or ["."])
    outcome = result.baseline
    result.findings = everything  # shown in full; the counts say which are new
    result.summary.errors = sum(1 for f in everything if f.severity == "error")
    result.summary.warnings = sum(1 for f in everything if f.severity == "warning")
    data = model.from_result(result)
    data["baseline"] = outcome.as_dict()
    return report.render(data)


def _write(path: str, text: str) -> None:
    """Atomically: a page half written over the old one helps nobody."""
    if path == "-":
        sys.stdout.write(text)
        return
    import tempfile

    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777  # an existing page keeps its mode
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask  # a new one gets what open() would give it (mkstemp's is 0600)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".lint-page-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        if os.path.exists(temp):
            os.unlink(temp)
        raise
