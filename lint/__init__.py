"""pattern-lint: a linter for pattern libraries (Markdown patterns with YAML frontmatter)."""

import importlib.util
import sys
from pathlib import Path

__version__ = "0.1.0"


def _data_dir(name: str) -> Path:
    # Installed, the top-level `schemas/` folder is packaged as `lint/schemas`; in a source
    # checkout (or an editable install) it sits beside the `lint/` folder.
    here = Path(__file__).resolve().parent
    installed = here / name
    return installed if installed.is_dir() else here.parent / name


SCHEMAS_DIR = _data_dir("schemas")


def _source_tree_rules() -> None:
    """Installed, the top-level `rules/` folder is packaged as `lint.rules` (an editable install
    maps it there); in a plain source tree nothing does, so `python -m pytest` or `python -m lint`
    from a checkout maps it here, the same way."""
    here = Path(__file__).resolve().parent
    folder = here.parent / "rules"
    if (here / "rules").is_dir() or not (folder / "__init__.py").is_file() or importlib.util.find_spec(f"{__name__}.rules"):
        return
    spec = importlib.util.spec_from_file_location(f"{__name__}.rules", folder / "__init__.py",
                                                  submodule_search_locations=[str(folder)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    setattr(sys.modules[__name__], "rules", module)  # as the import system binds a submodule


_source_tree_rules()
