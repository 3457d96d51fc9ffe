"""Where a fact about a company came from, in a few words: typed, a policy (with its quote), the directory."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from privacy_tui.core.models import CATEGORY_LETTERS, Company, Source
from privacy_tui.ui import safe


def source_words(src: Source | None) -> str:
    if src is None:
        return ""
    if src.kind == "typed":
        return "typed"
    if src.kind == "directory":
        return f"directory: {src.ref}" if src.ref else "directory"
    if src.kind == "policy":
        quote = f" \u201c{src.evidence[:140]}{'…' if len(src.evidence) > 140 else ''}\u201d" if src.evidence else ""
        return f"policy{': ' + src.ref if src.ref else ''}{quote}"
    return src.kind + (f": {src.ref}" if src.ref else "")


def category_name(letter: str) -> str:
    from privacy_tui.core.taxonomy import category_label

    return category_label(letter)


def item_label(key: str) -> str:
    from privacy_tui.core.taxonomy import ITEMS

    item = ITEMS.get(key)
    return item.label if item else key.replace("_", " ")


def category_grid(company: Company, muted: str = "dim") -> Table:
    """The A–L grid: each category, whether the company holds it, its data items and the evidence."""
    table = Table(expand=True, show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column("", width=2, no_wrap=True)
    table.add_column("Category", ratio=2, no_wrap=True, overflow="ellipsis")
    table.add_column("Data items", ratio=3)
    table.add_column("Source", ratio=4)
    held = set(company.categories)
    for letter in CATEGORY_LETTERS:
        items = [d for d in company.data_items if d.category == letter]
        present = letter in held or bool(items)
        style = "" if present else muted
        src = company.provenance.get(f"category:{letter}") or (company.provenance.get("categories") if letter in held else None)
        if src is None and items:
            src = items[0].source
        mark = "●" if present else "·"
        table.add_row(
            Text(f"{mark}{letter}", style=style),
            safe.text(category_name(letter), style),
            safe.text(", ".join(item_label(d.item) for d in items), style),
            safe.text(source_words(src) if present else "", style),
        )
    return table
