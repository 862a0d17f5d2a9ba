"""Reporters: turn a run's result into text for a person or JSON for a program. Looked up by name."""

from __future__ import annotations

from typing import Callable, TextIO

from ..runner import Result
from . import json, text

REPORTERS: dict[str, Callable[[Result, TextIO], None]] = {
    "text": text.write,
    "json": json.write,
}
