"""`lint server`: a Language Server Protocol server over standard input and output, for editors.

Editors start it in the workspace (`cmd = {"lint", "server"}`); it finds each file's configuration
as `lint` does, builds the library's index once at start (from the cache when it is warm), and
then checks every open pattern file as the author types: diagnostics with the rule's code, name,
severity and documentation link; quick fixes, "fix all" and suppression comments as code actions;
go to definition, hover, references and completion on the links between patterns.
"""

from __future__ import annotations

from typing import TextIO


def main(argv: list[str], out: TextIO) -> int:
    from ..commandline import EXIT_OK, new_parser

    parser = new_parser("lint server", "Run the language server over standard input and output (for editors: "
                                       "see README's \"Use it in an editor\").")
    parser.add_argument("--stdio", action="store_true", help="talk over standard input and output (the default; "
                                                             "accepted for clients that pass it)")
    parser.add_argument("--config", metavar="PATH", help="use this configuration file for every file")
    parser.add_argument("--isolated", action="store_true", help="read no configuration file")
    parser.add_argument("--no-cache", action="store_true", help="build the index without reading or writing the cache")
    parser.add_argument("--debug", action="store_true", help="print tracebacks of internal errors on standard error")
    args = parser.parse_args(argv)
    from .features import make_server

    server = make_server(config_path=args.config, isolated=args.isolated, no_cache=args.no_cache, debug=args.debug)
    server.start_io()
    return EXIT_OK
