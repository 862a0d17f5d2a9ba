"""What the pages embed. The pages' own HTML, CSS and JavaScript: files in static/ beside this
module, shipped as package data. Third-party JavaScript, read at run time from the Python packages
that ship it for offline use (never copied into this repository): vis-network from pyvis (the
graph), plotly.js from plotly (the report's charts). Both are in the `pages` extra."""

from __future__ import annotations

import functools
import importlib.resources
import importlib.util
from pathlib import Path

INSTALL_HINT = "install the `pages` extra: pip install 'pattern-lint[pages]'"


class MissingExtra(Exception):
    """A package the pages need is not installed."""


def _text(package: str, *parts: str) -> str:
    # find_spec locates the package without importing it (pyvis's import pulls in IPython)
    try:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(f"no package named {package}")
        return Path(list(spec.submodule_search_locations)[0], *parts).read_text(encoding="utf-8")
    except (ImportError, OSError) as exc:
        raise MissingExtra(f"cannot read {'/'.join(parts)} from the {package} package ({exc}); "
                           f"{INSTALL_HINT}") from None


@functools.cache
def page_file(name: str) -> str:
    """The text of the pages' own file static/`name` (graph.html, graph.css, graph.js, report.css,
    report.js), read once per process."""
    return importlib.resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def vis_network_js() -> str:
    return _text("pyvis", "lib", "vis-9.1.2", "vis-network.min.js")


def vis_network_css() -> str:
    return _text("pyvis", "lib", "vis-9.1.2", "vis-network.css")


def plotly_js() -> str:
    return _text("plotly", "package_data", "plotly.min.js")


def script(js: str) -> str:
    """`js` inside a <script> element: a `</script` inside it would end the element early."""
    return "<script>" + js.replace("</script", "<\\/script") + "</script>"


def json_script(element_id: str, data) -> str:
    """`data` as JSON in a <script type="application/json"> element, safe against `</script>`
    and `<!--` inside strings (slugs and titles come from the files)."""
    import json
    import re

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # File names that are not valid UTF-8 arrive as lone surrogates, which no encoder accepts:
    # JSON says them as \udcXX escapes (they only occur inside strings).
    text = re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)
    return f'<script type="application/json" id="{element_id}">{text}</script>'
