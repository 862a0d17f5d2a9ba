"""Configuration: `[tool.pattern-lint]` in `pyproject.toml`, or a `.pattern-lint.toml`.

Found by walking up from the working directory (or given with `--config`); the folder of
the file found is the library root. Every key is checked: an unknown key or a value of
the wrong shape is a usage error naming the key, the file and, when close, the key meant.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from . import registry
from .findings import SEVERITIES

DEFAULT_EXCLUDE = [".git", "node_modules", "_site"]
SECTION = "tool.pattern-lint"


class ConfigError(Exception):
    """A configuration mistake: reported on standard error, exit status 2."""


@dataclass
class Config:
    path: str | None = None  # the file it came from
    root: str | None = None  # its folder: the library root
    include: list[str] = field(default_factory=lambda: ["*.md"])
    exclude: list[str] = field(default_factory=lambda: list(DEFAULT_EXCLUDE))
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str = "error"
    severity: dict[str, str] = field(default_factory=dict)  # rule name -> severity
    formats: dict[str, str] = field(default_factory=dict)  # path glob -> format name
    vocabularies: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # name -> {extend|replace}
    confidence_labels: dict[str, int] = field(default_factory=dict)
    confidence_source: str | None = None  # which side a confidence-mismatch fix trusts: "frontmatter" or "body"
    reciprocal: list[list[str]] | None = None
    exclusive: list[list[str]] | None = None
    max_file_size: int | None = None
    baseline: str | None = None  # the baseline file (absolute; written relative to the configuration)

    # -- applying it -------------------------------------------------------------------------

    def relative(self, path: str) -> str:
        base = self.root or os.getcwd()
        return os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/")

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        if self.exclude == DEFAULT_EXCLUDE:  # fast path (a pathspec match costs ~60 µs a file): bare names
            return os.path.basename(os.path.normpath(path)) in DEFAULT_EXCLUDE  # match at any depth
        relative = self.relative(path)
        if relative.startswith("../"):
            return False
        return self._exclude_spec.match_file(relative + ("/" if is_dir else ""))

    def included(self, path: str) -> bool:
        if self.include == ["*.md"]:
            return path.endswith(".md")
        return self._include_spec.match_file(self.relative(path))

    def format_for(self, path: str) -> str | None:
        if not self.formats:
            return None
        relative = self.relative(path)
        return next((name for glob, name in self.formats.items() if _glob(relative, glob)), None)

    def ignored_rules(self, path: str) -> set[str]:
        relative = self.relative(path)
        names: set[str] = set()
        for glob, selectors in self.per_file_ignores.items():
            if _glob(relative, glob):
                names.update(registry.names(selectors))
        return names

    # pathspec is imported only for configured globs (25 ms of imports a default run need not pay)
    @cached_property
    def _exclude_spec(self):
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.exclude)

    @cached_property
    def _include_spec(self):
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines(self.include)

    def as_dict(self) -> dict[str, Any]:
        out = {k.replace("_", "-"): v for k, v in self.__dict__.items()
               if k not in ("path", "root") and not k.startswith("_")}
        return {"config-file": self.path, "library-root": self.root, **out}


def _glob(relative: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(os.path.basename(relative), pattern)


# -- finding and reading it ----------------------------------------------------------------------

def find(start: str | None = None) -> str | None:
    folder = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(folder, ".pattern-lint.toml")
        if os.path.isfile(candidate):
            return candidate
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate) and _has_section(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _has_section(path: str) -> bool:
    try:
        return "pattern-lint" in _read(path).get("tool", {})
    except ConfigError:
        return True  # a broken pyproject.toml that mentions us: load() will say what is wrong


def _read(path: str) -> dict[str, Any]:
    import tomllib  # only when there is a configuration file (5 ms of a one-file run otherwise)

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load(path: str | None) -> Config:
    """The configuration in `path` (None: the defaults)."""
    if path is None:
        return Config()
    data = _read(path)
    if os.path.basename(path) == "pyproject.toml":
        table = data.get("tool", {}).get("pattern-lint", {})
        where = f"{path} [{SECTION}]"
    else:
        table, where = data, path
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of settings")
    config = Config(path=os.path.abspath(path), root=os.path.dirname(os.path.abspath(path)))
    for key, value in table.items():
        setter = _KEYS.get(key)
        if setter is None:
            near = difflib.get_close_matches(key, list(_KEYS), n=1, cutoff=0.6)
            raise ConfigError(f"{where}: unknown key `{key}`" + (f"; did you mean `{near[0]}`?" if near else
                                                                  f"; known keys: {', '.join(_KEYS)}"))
        setter(config, value, f"{where}: `{key}`")
    return config


# -- one checker per key ---------------------------------------------------------------------------

def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return list(value)


def _rules(value: Any, where: str) -> list[str]:
    selectors = _strings(value, where)
    try:
        registry.names(selectors)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return selectors


def _set_exclude(config: Config, value: Any, where: str) -> None:
    config.exclude = list(DEFAULT_EXCLUDE) + _strings(value, where)


def _set_per_file_ignores(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of `\"glob\" = [rules]`")
    config.per_file_ignores = {glob: _rules(rules, f"{where}[{glob!r}]") for glob, rules in value.items()}


def _set_fail_on(config: Config, value: Any, where: str) -> None:
    if value not in SEVERITIES:
        raise ConfigError(f"{where} must be one of {', '.join(SEVERITIES)}, not {value!r}")
    config.fail_on = value


def _set_severity(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of `rule = \"error|warning|info\"`")
    for rule, severity in value.items():
        if severity not in SEVERITIES:
            raise ConfigError(f"{where}: `{rule}` must be one of {', '.join(SEVERITIES)}, not {severity!r}")
        for name in _names_or_error([rule], f"{where}: `{rule}`"):
            config.severity[name] = severity


def _names_or_error(selectors: list[str], where: str) -> list[str]:
    try:
        return registry.names(selectors)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _set_formats(config: Config, value: Any, where: str) -> None:
    from .formats import FORMATS

    known = [f.name for f in FORMATS]
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of `\"glob\" = \"format\"`")
    for glob, name in value.items():
        if name not in known:
            near = difflib.get_close_matches(str(name), known, n=1)
            raise ConfigError(f"{where}[{glob!r}]: unknown format {name!r}" + (f"; did you mean {near[0]!r}?" if near
                                                                             else f"; known: {', '.join(known)}"))
    config.formats = dict(value)


def vocabulary_names() -> list[str]:
    from .formats import FORMATS

    return sorted({v.name.replace(" ", "_") for f in FORMATS for v in f.vocabularies})


def _set_vocabularies(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where} must be a table of vocabularies")
    known = vocabulary_names()
    for name, setting in value.items():
        if name not in known:
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            raise ConfigError(f"{where}: unknown vocabulary `{name}`" + (f"; did you mean `{near[0]}`?" if near
                                                                        else f"; known: {', '.join(known)}"))
        if isinstance(setting, list):
            setting = {"extend": setting}
        if not isinstance(setting, dict) or set(setting) - {"extend", "replace"}:
            raise ConfigError(f"{where}.{name} must be a list of values to add, or a table with `extend` "
                              "and/or `replace` lists")
        config.vocabularies[name] = {k: _strings(v, f"{where}.{name}.{k}") for k, v in setting.items()}


def _set_labels(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, dict) or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 3
                                              for v in value.values()):
        raise ConfigError(f"{where} must be a table of `Label = stars` with stars 1, 2 or 3")
    config.confidence_labels = dict(value)


CONFIDENCE_SOURCES = ("frontmatter", "body")


def _set_confidence_source(config: Config, value: Any, where: str) -> None:
    if value not in CONFIDENCE_SOURCES:
        raise ConfigError(f"{where} must be \"frontmatter\" (the callout is rewritten from `lifecycle.confidence`) "
                          f"or \"body\" (`lifecycle.confidence` is rewritten from the callout), not {value!r}")
    config.confidence_source = value


def _pairs(value: Any, where: str) -> list[list[str]]:
    if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and all(isinstance(t, str) for t in p)
                                              for p in value):
        raise ConfigError(f"{where} must be a list of pairs of relationship types, e.g. "
                          "[[\"generalizes_from\", \"specializes_to\"]]")
    return [list(p) for p in value]


# The largest file size limit accepted: 1 GiB, 100 times the default (10 MB) and 40,000 times a real
# pattern file (about 25 KB). A file is held whole while it is checked, as bytes, as text and as its
# lines (several times its size), so a limit above this is a mistake, not a library; 100000000000 was a
# MemoryError on every file and 2**63 an OverflowError.
MAX_FILE_SIZE_LIMIT = 1 << 30


def check_file_size(value: Any, where: str) -> int:
    """`value` as a file size limit; ConfigError naming `where` when it is not one."""
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ConfigError(f"{where} must be a positive number of bytes")
    if value > MAX_FILE_SIZE_LIMIT:
        raise ConfigError(f"{where} must be at most {MAX_FILE_SIZE_LIMIT:,} bytes (1 GiB)")
    return value


def _set_max_file_size(config: Config, value: Any, where: str) -> None:
    config.max_file_size = check_file_size(value, where)


def _set_baseline(config: Config, value: Any, where: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where} must be the path of a baseline file (relative to the configuration's "
                          "folder), e.g. \".pattern-lint-baseline.json\"")
    config.baseline = os.path.normpath(os.path.join(config.root or os.getcwd(), os.path.expanduser(value)))


_KEYS = {
    "include": lambda c, v, w: setattr(c, "include", _strings(v, w)),
    "exclude": _set_exclude,
    "select": lambda c, v, w: setattr(c, "select", _rules(v, w)),
    "extend-select": lambda c, v, w: setattr(c, "extend_select", _rules(v, w)),
    "ignore": lambda c, v, w: setattr(c, "ignore", _rules(v, w)),
    "per-file-ignores": _set_per_file_ignores,
    "fail-on": _set_fail_on,
    "severity": _set_severity,
    "formats": _set_formats,
    "vocabularies": _set_vocabularies,
    "confidence-labels": _set_labels,
    "confidence-source": _set_confidence_source,
    "reciprocal": lambda c, v, w: setattr(c, "reciprocal", _pairs(v, w)),
    "exclusive": lambda c, v, w: setattr(c, "exclusive", _pairs(v, w)),
    "max-file-size": _set_max_file_size,
    "baseline": _set_baseline,
}
