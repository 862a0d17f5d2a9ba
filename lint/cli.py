"""Command line: `main(argv) -> int`, `lint [check] PATH...`, `lint rules`, `lint explain NAME-or-CODE`, `lint
schema`; `lint graph`, `lint report` (pages/cli.py), `lint init` (init/) and `lint server` (server/) are
dispatched from here. What the commands share is in commandline.py."""

from __future__ import annotations

import gc
import json
import os
import sys
from typing import TextIO

from .commandline import (EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, add_run_arguments, new_parser, progress_display,
                          run_groups, say, writable)

COMMANDS = ("check", "rules", "explain", "schema", "graph", "report", "init", "server")


def main(argv: list[str] | None = None, stdout: TextIO | None = None) -> int:
    if argv is None:
        # A command's process is short: the collector's full passes over the run's million objects
        # (about 50 ms at 100,000 files, once the runner turns it back on) would free nothing it needs.
        gc.disable()
    argv = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    if stdout is None and hasattr(out, "reconfigure"):
        out.reconfigure(errors="backslashreplace")
    command = argv.pop(0) if argv and argv[0] in COMMANDS else "check"
    try:
        if command == "rules":
            return _rules(argv, out)
        if command == "explain":
            return _explain(argv, out)
        if command == "schema":
            return _schema(argv, out)
        if command in ("init", "server"):  # init/ and server/, imported only for their command
            import importlib

            return importlib.import_module(f".{command}", __package__).main(argv, out)
        if command in ("graph", "report"):
            from .pages import cli as pages_cli

            return pages_cli.main(command, argv, out)
        return _check(argv, out)
    except KeyboardInterrupt:
        print("lint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `lint ... | head`: the reader has gone, which is no error of ours
        try:
            sys.stdout = open(os.devnull, "w")  # keep the interpreter from complaining at exit
        except OSError:
            pass
        return EXIT_FINDINGS


def _check(argv: list[str], out: TextIO) -> int:
    from . import config as config_module
    from .discovery import UsageError
    from .report import REPORTERS

    parser = new_parser("lint", "Check pattern files. Folders are searched for *.md; files named are checked "
                     "whatever their extension. Other commands: `lint rules`, `lint explain NAME`. "
                     "(To check a folder named like a command, write ./rules.)")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders to check (default: .)")
    parser.add_argument("--format", "--output-format", dest="format", choices=sorted(REPORTERS), default=None,
                        help="report format (default: text, or github when $GITHUB_ACTIONS is set)")
    parser.add_argument("--output-file", "-o", metavar="PATH",
                        help="write the report to PATH instead of standard output")
    parser.add_argument("--statistics", action="store_true",
                        help="print the number of findings per rule instead (as JSON with --format json)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply the configured excludes to files named on the command line too (pre-commit)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), default=None,
                        help="lowest severity that makes the exit status 1 (default: error)")
    parser.add_argument("--max-file-size", type=int, default=None, metavar="BYTES",
                        help="files larger than this are reported (file-too-large), not read")
    parser.add_argument("--select", type=_names, metavar="RULES",
                        help="run only these rules (comma-separated codes, names, groups or code prefixes)")
    parser.add_argument("--extend-select", type=_names, default=[], metavar="RULES",
                        help="run these rules too (e.g. section-length, which is off by default)")
    parser.add_argument("--ignore", type=_names, default=[], metavar="RULES", help="do not run these rules")
    parser.add_argument("--stdin-filename", metavar="PATH",
                        help="check standard input as if it were the file PATH (its links resolved against "
                             "PATH's library; PATH need not exist): for editors")
    add_run_arguments(parser, quiet="print findings only: no progress display, no summary line")
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes, then report what is left")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: also the unsafe fixes")
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff of what --fix would change; write nothing (exit 1 if any)")
    parser.add_argument("--show-fixes", action="store_true", help="with --fix: list the fixes applied")
    parser.add_argument("--exit-non-zero-on-fix", action="store_true",
                        help="with --fix: exit 1 when a file was changed (for pre-commit)")
    from .baseline import add_arguments as add_baseline_arguments

    add_baseline_arguments(parser)
    parser.add_argument("--show-config", action="store_true", help="print the resolved configuration and exit")
    parser.add_argument("--show-files", action="store_true",
                        help="list the files that would be checked, with their format, and what is skipped and why")
    args = parser.parse_args(argv)
    report_format = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    stdin = None
    if args.stdin_filename is not None:
        if args.paths:
            parser.error("--stdin-filename checks standard input: give no other PATH")
        if args.fix or args.diff:
            parser.error("--fix and --diff work on files; with --stdin-filename, findings only")
        args.paths = [args.stdin_filename]
        stdin = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode("utf-8")
    problem = writable(args.output_file) if args.output_file else None
    if problem:
        say("lint", problem)
        return EXIT_USAGE
    try:
        groups = run_groups(args, select=args.select,
                            extend_select=args.extend_select, ignore=args.ignore,
                            max_file_size=args.max_file_size, force_exclude=args.force_exclude,
                            live_fixes=args.fix or args.diff, stdin=stdin)
    except config_module.ConfigError as exc:
        say("lint", str(exc))
        return EXIT_USAGE
    if args.write_baseline is not None and (args.diff or stdin is not None):
        parser.error("--write-baseline records a run over files: not with --diff or --stdin-filename")
    if args.show_config:  # of the first path's library
        config = groups[0][1].config
        json.dump({**config.as_dict(), "fail-on": args.fail_on or config.fail_on}, out, indent=2, default=str)
        out.write("\n")
        return EXIT_OK
    results, written, changed = [], [], False
    progress = progress_display(args, report_format == "text")
    from . import baseline as baseline_module

    try:
        if args.show_files:
            for paths, options in groups:
                _show_files(paths, options, out)
            return EXIT_OK
        baselines = baseline_module.prepare(args, groups)  # a bad baseline file stops the run before it starts
        for paths, options in groups:
            result, fixed, would_change = _check_group(paths, options, args, out, progress)
            results.append(result)
            written += fixed
            changed = changed or would_change
    except (UsageError, baseline_module.BaselineError) as exc:
        say("lint", str(exc))
        return EXIT_USAGE
    finally:
        if progress is not None:
            progress.clear()
    if args.diff:
        return EXIT_FINDINGS if changed else EXIT_OK
    try:
        for line in baseline_module.finish(args, groups, results, baselines, stdin):
            say("lint", line)
    except OSError as exc:
        say("lint", f"cannot write the baseline: {exc.strerror or exc}")
        return EXIT_USAGE
    result = _merged(results)
    try:
        _report(result, report_format, args, out, args.fail_on or groups[0][1].config.fail_on)
    except OSError as exc:  # checked before the run; the folder may have gone since
        if not args.output_file or isinstance(exc, BrokenPipeError):
            raise
        say("lint", f"{args.output_file}: cannot write the report: {exc.strerror or exc}")
        return EXIT_USAGE
    if args.show_fixes:
        from .report.text import safe

        for outcome in written:
            for name, line, title in outcome.fixed:
                out.write(f"fixed {safe(outcome.path)}:{line}: [{name}] {safe(title)}\n")
    if result.baseline is not None and result.baseline.fixed and not args.statistics \
            and (args.strict_baseline or report_format != "text" and not args.quiet):
        # (the text report's summary says it; other formats are read by tools, the log shows this)
        say("lint", baseline_module.fixed_line(result.baseline)
            + (" (--strict-baseline: the run fails until they are dropped)" if args.strict_baseline else ""))
    if result.internal_errors:
        return EXIT_USAGE
    if written and args.exit_non_zero_on_fix:
        return EXIT_FINDINGS
    if args.exit_zero:
        return EXIT_OK
    if args.strict_baseline and result.baseline is not None and result.baseline.fixed:
        return EXIT_FINDINGS
    fails = any(one.fails(args.fail_on or options.config.fail_on) for one, (_, options) in zip(results, groups))
    return EXIT_FINDINGS if fails else EXIT_OK


def _check_group(paths: list[str], settings, args, out: TextIO, progress=None):
    """(result, the fixed files written, whether --diff found something to change) for the paths one
    configuration governs. Each run after a fix pass is a new run with its own settings (the group's
    are not changed): the findings that remain, or those with live fixes for the next pass."""
    import dataclasses

    from .runner import run

    result = run(paths, settings, progress)
    written = []
    if not (args.fix or args.diff):
        return result, written, False
    from . import fix

    refused: dict[str, str] = {}  # path -> why its fixes were not written
    cleaned: set[str] = set()  # folders already rid of temporary files killed fixers left
    for passes in range(1, fix.MAX_PASSES + 1):
        outcomes = fix.fix_files(result.findings, result.rules, settings, unsafe=args.unsafe_fixes, skip=refused)
        changed = [o for o in outcomes if not o.refused and o.after != o.before]
        if args.diff:  # what the first pass would write (a fix that makes another file fixable shows next time)
            for outcome in changed:
                out.write(fix.diff(outcome))
            for outcome in outcomes:
                if outcome.refused:
                    say("lint", f"{outcome.path}: not fixed: {outcome.refused}")
            return result, written, bool(changed)
        for outcome in changed:
            outcome.refused = fix.write(outcome, cleaned)
            if outcome.refused is None:
                written.append(outcome)
        refused.update((o.path, o.refused) for o in outcomes if o.refused)
        if not any(o.refused is None for o in changed):
            break
        result = run(paths, dataclasses.replace(settings, live_fixes=False), progress)  # what is left, at its new lines
        left = fix.fixable_left(result.findings, args.unsafe_fixes, refused)
        if not left:
            break
        if passes == fix.MAX_PASSES:  # never a silent stop: what is still fixable says so
            for finding in left:
                refused.setdefault(finding.path, f"fixing one file made others fixable for more than {passes} "
                                                 f"pass{'es' * (passes != 1)} over the library (a bug: please "
                                                 "report it)")
            break
        # writing made more fixable (a relationship key renamed: now the other file lacks its half)
        result = run(paths, dataclasses.replace(settings, live_fixes=True), progress)
    result.add([_refusal(path, why) for path, why in sorted(refused.items())])
    return result, written, bool(written)


def _merged(results: list):
    """One result of the runs of several configurations (the paths given belong to several libraries)."""
    if len(results) == 1:
        return results[0]
    from .findings import Finding
    from .runner import Result

    merged = Result(root=results[0].root)
    for result in results:
        merged.findings += result.findings
        merged.paths += result.paths
        merged.internal_errors += result.internal_errors
        merged.rules += tuple(r for r in result.rules if r not in merged.rules)
        for name, value in result.summary.as_dict().items():
            setattr(merged.summary, name, getattr(merged.summary, name) + value)
    merged.findings.sort(key=Finding.sort_key)
    from .baseline import merged as merged_baseline

    merged.baseline = merged_baseline([result.baseline for result in results])
    return merged


def _report(result, report_format: str, args, out: TextIO, fail_on: str = "error") -> None:
    from .report import REPORTERS, Context, context_for

    # backslashreplace: a file name that is not valid UTF-8 must not end the run with a traceback
    target = open(args.output_file, "w", encoding="utf-8", errors="backslashreplace") if args.output_file else out
    try:
        if args.statistics:
            _statistics(result, target, as_json=report_format == "json")
        else:
            context = context_for(target) if target is out else Context()
            context.quiet = args.quiet
            context.fail_on = fail_on
            REPORTERS[report_format](result, target, context)
    finally:
        if target is not out:
            target.close()


def _statistics(result, out: TextIO, as_json: bool = False) -> None:
    """Findings per rule, most first; with `as_json`, as ruff's `--statistics --output-format json`:
    a list of {code, name, severity, count, fixable} (fixable: how many of them)."""
    from collections import Counter

    counts = Counter((f.code, f.name, f.severity) for f in result.findings)
    fixables = Counter(f.code for f in result.findings if f.fixable)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        json.dump([{"code": code, "name": name, "severity": severity, "count": n, "fixable": fixables[code]}
                   for (code, name, severity), n in rows], out, indent=2)
        out.write("\n")
        return
    for (code, name, severity), n in rows:
        fixable = fixables[code]
        out.write(f"{n:>6}  {code}  {name:<28} {severity}{f'  ({fixable} fixable)' if fixable else ''}\n")
    s = result.summary
    plural = lambda n, word: f"{n} {word}{'s' * (n != 1)}"  # noqa: E731
    out.write(f"{len(result.findings):>6}  total in {plural(s.files, 'file')} ({plural(s.errors, 'error')}, "
              f"{plural(s.warnings, 'warning')})\n")
    if result.baseline is not None and result.baseline.hidden:
        out.write(f"{result.baseline.hidden:>6}  hidden by the baseline ({result.baseline.file})\n")


def _schema(argv: list[str], out: TextIO) -> int:
    from . import formats

    parser = new_parser("lint schema", "Print a format's JSON Schema as one self-contained document, for editors "
                     "(a YAML language server) to validate frontmatter as you type.")
    parser.add_argument("format", nargs="?", default="v7", choices=[f.name for f in formats.FORMATS])
    args = parser.parse_args(argv)
    json.dump(formats.by_name(args.format).bundled_schema(), out, indent=2, ensure_ascii=False)
    out.write("\n")
    return EXIT_OK


def _refusal(path: str, why: str):
    from .findings import Finding
    from .registry import find
    from .rules import fix_not_applied

    rule = find(fix_not_applied.NAME)
    return Finding(path, 1, 1, rule.code, rule.name, rule.severity, fix_not_applied.not_written(why))


def _show_files(paths: list[str], options, out: TextIO) -> int:
    from .discovery import collect
    from .engine import load
    from .report.text import safe

    skipped: list[tuple[str, str]] = []
    for path in collect(paths, options.config, skipped, force_exclude=options.force_exclude):
        doc = load(path, options)
        if doc.is_pattern:
            how = "set by the configuration" if options.config.format_for(path) else "detected"
            shown = (f"format {doc.format.name} ({how})" if doc.format else "pattern in no known format"
                     if isinstance(doc.frontmatter, dict) else "pattern whose frontmatter cannot be read")
            out.write(f"{safe(path)}: {shown}\n")
        else:
            skipped.append((path, _why_skipped(doc)))
    for path, reason in skipped:
        out.write(f"{safe(path)}: skipped: {reason}\n")
    return EXIT_OK


def _why_skipped(doc) -> str:
    if doc.text is None:
        return "unreadable (see its findings)"
    if not doc.has_frontmatter:
        return "no frontmatter"
    if isinstance(doc.frontmatter, dict):
        return "frontmatter has no `id` or `slug`"
    return "frontmatter is empty or not a mapping"


def _names(value: str) -> list[str]:
    return [part for part in (p.strip() for p in value.split(",")) if part]


def _rules(argv: list[str], out: TextIO) -> int:
    from .registry import all_rules

    parser = new_parser("lint rules", "List every rule: code, name, group, default severity and summary.")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    rules = all_rules()
    if args.format == "json":
        json.dump([{"code": r.code, "name": r.name, "group": r.group, "severity": r.severity,
                    "summary": r.summary, "fixable": r.fixable, "default_enabled": r.default_enabled}
                   for r in rules], out, indent=2)
        out.write("\n")
        return EXIT_OK
    width = max(len(r.name) for r in rules)
    group_width = max(len(r.group) for r in rules)
    for r in rules:
        off = "" if r.default_enabled else " (off by default)"
        out.write(f"{r.code}  {r.name:<{width}}  {r.group:<{group_width}}  {r.severity:<7}  {r.summary}{off}\n")
    return EXIT_OK


def _explain(argv: list[str], out: TextIO) -> int:
    from .registry import closest_names, find

    parser = new_parser("lint explain", "Print a rule's documentation.")
    parser.add_argument("rule", metavar="NAME-or-CODE")
    args = parser.parse_args(argv)
    rule = find(args.rule)
    if rule is None:
        near = closest_names(args.rule)
        hint = f"; did you mean {', '.join(near)}?" if near else "; `lint rules` lists them"
        say("lint", f"no rule named {args.rule!r}{hint}")
        return EXIT_USAGE
    out.write(f"{rule.code} {rule.name}  (group: {rule.group}, default severity: {rule.severity}, "
              f"fixable: {'yes' if rule.fixable else 'no'})\n\n{rule.doc}\n")
    if rule.name == "unknown-format":
        from .formats import FORMATS

        out.write("\nKnown formats and how each is detected:\n")
        for fmt in FORMATS:
            out.write(f"  {fmt.name}: {fmt.title}; {fmt.detect_doc}\n")
    return EXIT_OK
