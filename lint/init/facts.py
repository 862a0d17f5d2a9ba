"""The facts `lint init` gathers from each file with the linter's own reader: pattern or not, format, vocabulary values, confidence label."""

from __future__ import annotations

from dataclasses import dataclass, field

# -- facts, gathered from each file with the linter's own reader ------------------------------------

@dataclass
class FileFacts:
    is_pattern: bool = False
    format: str | None = None
    values: dict[str, list[str]] = field(default_factory=dict)  # vocabulary name -> values used
    rating: tuple[str, int] | None = None  # (label, stars meant) of the confidence callout


def facts_of(path: str, data: bytes | None, options) -> FileFacts:
    from .. import reconcile
    from ..engine import load

    try:
        doc = load(path, options, data)
    except Exception:  # the check run reports it as an internal error; here it simply adds nothing
        return FileFacts()
    facts = FileFacts(is_pattern=bool(doc.is_pattern))
    fmt = doc.format if facts.is_pattern and isinstance(doc.frontmatter, dict) else None
    if fmt is None:
        return facts
    facts.format = fmt.name
    for vocabulary in fmt.vocabularies:
        name = vocabulary.name.replace(" ", "_")
        if vocabulary.path:
            value = doc.get(*vocabulary.path)
            used = [value] if isinstance(value, str) else []
        else:
            mapping = doc.get(*vocabulary.keys_of)
            used = sorted({key for key in mapping if isinstance(key, str)}) if isinstance(mapping, dict) else []
        if used:
            facts.values[name] = used
    confidence = fmt.body.get("confidence")
    if confidence:
        try:
            rating = reconcile.confidence_rating(doc)
        except Exception:
            rating = None
        if rating is not None and rating.label:
            stars = rating.stars
            if stars is None and confidence.get("path"):
                stated = doc.get(*confidence["path"])
                stars = stated if isinstance(stated, int) and not isinstance(stated, bool) else None
            if stars is not None:
                facts.rating = (rating.label, stars)
    return facts


def crashed(path: str) -> FileFacts:
    return FileFacts()
