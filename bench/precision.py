"""A review sheet for measuring precision: `python bench/precision.py DIR [DIR...] --sample N --seed S`.

Lints the folders (the command line in this process: `lint --no-cache --format json DIR...`,
so the library's configuration applies; options this script does not know, such as
`--select`, `--ignore` or `--config FILE`, go to `lint`), then draws a stratified sample of
N findings and writes a sheet a person marks one finding at a time:

- every rule that fired gets at least one finding (when N is smaller than the number of rules
  that fired, the N rules with most findings get one each, and the sheet says which rules
  were left out);
- the rest of N goes to the rules in proportion to how many findings each has (largest
  remainder; a rule never gets more than it has), so the large ones get more;
- within a rule, the findings are drawn by a random generator seeded with the seed and the
  rule's name: the same findings and seed give the same sheet, byte for byte, in every
  process (no timestamps, no hash order).

The sheet (Markdown, or CSV with `--format csv` or an `-o` ending in `.csv`) has a table with
an empty `verdict` column (correct / defensible / false) and a `note` column, and for each
finding the file, line and column, the message and the source lines around it, the line
reported marked `>`. Precision is then (correct + defensible) / marked, per rule and overall.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import os
import random
import sys
from collections import defaultdict

VERDICTS = "correct / defensible / false"


def lint_findings(folders: list[str], lint_args: list[str]) -> list[dict]:
    """The findings of `lint --no-cache --format json` on the folders (run in this process)."""
    from lint.cli import main

    out = io.StringIO()
    status = main(["--no-cache", "--format", "json", *lint_args, "--", *folders], stdout=out)
    if status not in (0, 1):
        raise SystemExit(f"lint failed (exit {status}) on {' '.join(folders)}")
    return json.loads(out.getvalue())["findings"]


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """How many findings to draw from each rule: at least one per rule, the rest in proportion
    to the rules' sizes, never more than a rule has, N in all (or every finding when there are
    fewer). Ties go by rule name, so the allocation depends on nothing but the sizes and N."""
    total = sum(sizes.values())
    n = min(n, total)
    if n <= 0:
        return {}
    # the largest rules first (ties by name): they keep their one finding when N is too small for all
    order = sorted(sizes, key=lambda rule: (-sizes[rule], rule))
    if n < len(order):
        return {rule: 1 for rule in order[:n]}
    counts = {rule: 1 for rule in order}
    left = n - len(order)
    while left > 0:
        room = {rule: sizes[rule] - counts[rule] for rule in order if sizes[rule] > counts[rule]}
        weight = sum(room.values())
        shares = {rule: left * room[rule] / weight for rule in room}
        given = {rule: min(room[rule], math.floor(shares[rule])) for rule in room}
        handed = sum(given.values())
        # the largest remainders get one more each, until N is reached (ties by size, then name)
        for rule in sorted(room, key=lambda r: (-(shares[r] - math.floor(shares[r])), -sizes[r], r)):
            if handed >= left:
                break
            if given[rule] < room[rule]:
                given[rule] += 1
                handed += 1
        for rule, extra in given.items():
            counts[rule] += extra
        left -= handed
    return counts


def sample(findings: list[dict], n: int, seed: int) -> tuple[list[dict], dict[str, int], list[str]]:
    """(the findings drawn, in sheet order; how many each rule fired; the rules left out)."""
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for finding in findings:
        by_rule[finding["name"]].append(finding)
    for group in by_rule.values():
        group.sort(key=lambda f: (f["path"], f["line"], f["column"], f["message"]))
    sizes = {rule: len(group) for rule, group in by_rule.items()}
    counts = allocate(sizes, n)
    drawn = []
    for rule in sorted(counts):
        drawn += random.Random(f"{seed}:{rule}").sample(by_rule[rule], counts[rule])
    drawn.sort(key=lambda f: (f["code"], f["name"], f["path"], f["line"], f["column"], f["message"]))
    return drawn, sizes, sorted(set(sizes) - set(counts))


def context(path: str, line: int, around: int) -> list[tuple[int, str, bool]]:
    """(number, text, is the line reported) of the lines around `line` in the file."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            lines = handle.read().replace("\r\n", "\n").split("\n")
    except OSError:
        return []
    first, last = max(1, line - around), min(len(lines), line + around)
    return [(number, lines[number - 1], number == line) for number in range(first, last + 1)]


def _snippet(rows: list[tuple[int, str, bool]]) -> str:
    width = len(str(rows[-1][0])) if rows else 1
    return "\n".join(f"{'>' if marked else ' '} {number:>{width}} | {text}" for number, text, marked in rows)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(drawn, sizes, left_out, folders, n, seed, around) -> str:
    out = [f"# Precision review: {len(drawn)} of {sum(sizes.values()):,} findings", "",
           f"Folders: {', '.join(f'`{f}`' for f in folders)}; `--sample {n} --seed {seed}`. Mark each finding's "
           f"verdict ({VERDICTS}) and say why in the note.", "",
           "| rule | fired | sampled |", "|---|---:|---:|"]
    sampled = defaultdict(int)
    for finding in drawn:
        sampled[finding["name"]] += 1
    for rule in sorted(sizes, key=lambda r: (-sizes[r], r)):
        out.append(f"| {rule} | {sizes[rule]:,} | {sampled[rule]} |")
    if left_out:
        out += ["", f"Left out (N is smaller than the number of rules that fired): {', '.join(left_out)}."]
    out += ["", "| # | rule | file:line:column | verdict | note |", "|---:|---|---|---|---|"]
    for number, finding in enumerate(drawn, 1):
        where = f"{finding['path']}:{finding['line']}:{finding['column']}"
        out.append(f"| {number} | {finding['code']} {finding['name']} | {_cell(where)} |  |  |")
    for number, finding in enumerate(drawn, 1):
        snippet = _snippet(context(finding["path"], finding["line"], around))
        fence = "```"
        while fence in snippet:
            fence += "`"
        out += ["", f"## {number}. {finding['code']} {finding['name']} ({finding['severity']})", "",
                f"`{finding['path']}:{finding['line']}:{finding['column']}`", "", "> " + finding["message"].replace("\n", " "), "",
                fence + "text", snippet, fence, "", "verdict: ", "", "note: "]
    return "\n".join(out) + "\n"


def csv_sheet(drawn, around) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["number", "code", "rule", "severity", "path", "line", "column", "message", "context",
                     "verdict", "note"])
    for number, finding in enumerate(drawn, 1):
        writer.writerow([number, finding["code"], finding["name"], finding["severity"], finding["path"],
                         finding["line"], finding["column"], finding["message"],
                         _snippet(context(finding["path"], finding["line"], around)), "", ""])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     epilog="Options not listed here are passed to `lint`.")
    parser.add_argument("folders", nargs="+", metavar="DIR")
    parser.add_argument("--sample", type=int, default=100, metavar="N", help="findings to draw (default 100)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--context", type=int, default=3, metavar="LINES",
                        help="source lines shown before and after the line reported (default 3)")
    parser.add_argument("--format", choices=("markdown", "csv"), default=None,
                        help="the sheet's format (default: csv for an -o ending in .csv, else markdown)")
    parser.add_argument("-o", "--output", default="-", help="the sheet's file (default: standard output)")
    args, lint_args = parser.parse_known_args(argv)
    if args.sample < 1:
        parser.error("--sample must be at least 1")
    kind = args.format or ("csv" if args.output.lower().endswith(".csv") else "markdown")
    drawn, sizes, left_out = sample(lint_findings(args.folders, lint_args), args.sample, args.seed)
    sheet = csv_sheet(drawn, args.context) if kind == "csv" else \
        markdown(drawn, sizes, left_out, args.folders, args.sample, args.seed, args.context)
    if args.output == "-":
        sys.stdout.write(sheet)
    else:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            handle.write(sheet)
    print(f"{len(drawn)} of {sum(sizes.values()):,} findings from {len(sizes)} rules"
          + (f" ({len(left_out)} rules left out: N is too small)" if left_out else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
