"""Foreign data (directory dumps, policy analyses, DRP responses) made storable, in one pass.

Every string of a parsed JSON-like value is normalised and stripped of control characters with
`core.text.strip_controls`: one-line unless its key says the text is meant to span lines. A lone
surrogate is dropped on the way, so the result can always be encoded and stored.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from privacy_tui.core.text import strip_controls

MAX_DEPTH = 64  # parsed JSON is already bounded by its parser; this keeps the walk bounded too


def strip_deep(value: Any, multiline_keys: Collection[str] = (), *, key: str = "", depth: int = 0) -> Any:
    if isinstance(value, str):
        return strip_controls(value, multiline=key in multiline_keys)
    if depth >= MAX_DEPTH:
        return None
    if isinstance(value, (list, tuple)):
        return [strip_deep(v, multiline_keys, key=key, depth=depth + 1) for v in value]
    if isinstance(value, dict):
        return {strip_controls(str(k)): strip_deep(v, multiline_keys, key=str(k), depth=depth + 1) for k, v in value.items()}
    return value
