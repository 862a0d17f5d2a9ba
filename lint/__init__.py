"""pattern-lint: a linter for pattern libraries (Markdown patterns with YAML frontmatter)."""

from pathlib import Path

__version__ = "0.1.0"


def _data_dir(name: str) -> Path:
    # Installed, the top-level `schemas/` folder is packaged as `lint/schemas`; in a source
    # checkout (or an editable install) it sits beside the `lint/` folder.
    here = Path(__file__).resolve().parent
    installed = here / name
    return installed if installed.is_dir() else here.parent / name


SCHEMAS_DIR = _data_dir("schemas")
