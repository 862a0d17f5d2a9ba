"""What every command of the command line shares (`lint check` in cli.py, `lint graph` and `lint
report` in pages/cli.py, `lint init` in init/): exit statuses, the argument parser, the options of
a run and the settings made of them, messages on standard error, the check that an output path is
writable. The commands import it; it imports none of them."""

from __future__ import annotations

import argparse
import os
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def say(prog: str, message: str) -> None:
    """One line on standard error, `prog: message`, with what came from files, names or the command
    line escaped as every report escapes it (report.text.safe): a file name holding a line break or
    an escape sequence cannot forge a line (a GitHub workflow command) or rewrite the terminal."""
    from .report.text import safe

    print(f"{prog}: {safe(message)}", file=sys.stderr)


def new_parser(prog: str, description: str) -> argparse.ArgumentParser:
    """An argument parser for the command `prog`, with --version (every command has one)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--version", action="version", version=f"pattern-lint {__version__}")
    return parser


def writable(path: str) -> str | None:
    """Why a report or page cannot be written to `path` (checked before the run, so that a typo does
    not cost a whole run and end in a traceback), or None."""
    if path == "-":
        return None
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        return f"{path}: cannot write there: no such folder {folder}"
    if os.path.isdir(path):
        return f"{path}: cannot write there: it is a folder"
    if os.path.exists(path) and not os.access(path, os.W_OK):
        return f"{path}: cannot write there: permission denied"
    if not os.path.exists(path) and not os.access(folder, os.W_OK | os.X_OK):
        return f"{path}: cannot write there: the folder {folder} is not writable"
    return None


def add_run_arguments(parser: argparse.ArgumentParser, quiet: str) -> None:
    """The options every command that runs the checks takes (check, graph, report)."""
    parser.add_argument("--config", metavar="PATH", help="the configuration file for every path (default: "
                        "$PATTERN_LINT_CONFIG, else for each path the nearest .pattern-lint.toml, or "
                        "pyproject.toml with [tool.pattern-lint], from the path upwards)")
    parser.add_argument("--isolated", action="store_true",
                        help="read no configuration file (the defaults; the library root is the git work tree)")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    parser.add_argument("--cache-dir", metavar="PATH",
                        help="where results are kept between runs (default: $PATTERN_LINT_CACHE_DIR, or "
                             ".pattern-lint-cache in the library's root folder)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="check files in N processes (default: one per core when there are many files)")
    parser.add_argument("-q", "--quiet", action="store_true", help=quiet)
    parser.add_argument("--debug", action="store_true", help="print tracebacks of internal errors")


def progress_display(args, wanted: bool):
    """The progress line on standard error (progress.Progress), when `wanted`, not --quiet, and on a
    terminal; else None."""
    from .progress import Progress

    return Progress(sys.stderr) if wanted and not args.quiet and sys.stderr.isatty() else None


def run_groups(args, **settings) -> list:
    """[(paths, settings.Settings)] from the arguments add_run_arguments declared, one per configuration
    the paths belong to (discovery.configurations); raises ConfigError."""
    from .cache import default_folder as default_cache_folder
    from .discovery import configurations, library_roots
    from .settings import Settings

    if settings.get("max_file_size") is not None:
        from .config import check_file_size

        check_file_size(settings["max_file_size"], "--max-file-size")
    groups = configurations(args.paths or ["."], args.config, args.isolated)
    out = []
    for config, paths in groups:
        cache_dir = None if args.no_cache else (args.cache_dir or default_cache_folder(library_roots(paths, config)[0]))
        out.append((paths, Settings(debug=args.debug, cache_dir=cache_dir, config=config, jobs=args.jobs, **settings)))
    return out


def run_options(args, **settings):
    """(paths, settings.Settings) for commands that work on one library; raises ConfigError when the
    paths given belong to several."""
    from . import config as config_module

    groups = run_groups(args, **settings)
    if len(groups) > 1:
        described = "; ".join(f"{', '.join(paths)}: {options.config.path or options.config.root or 'no library root'}"
                              for paths, options in groups)
        raise config_module.ConfigError(f"the paths belong to different libraries ({described}); "
                                        "give the paths of one library")
    return groups[0]
