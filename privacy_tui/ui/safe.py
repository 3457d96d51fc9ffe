"""The one seam between data and the screen: stored text is shown as text, never run as code.

Company names, policy quotes, directory entries, DRP and SMTP replies and letters can hold
Textual/Rich markup (`[@click=app.quit]Quit[/]` would quit the app when clicked, `[/] Ltd`
crashes a DataTable) and terminal control sequences (ESC, CSI, OSC 8/52, U+009B, bidi
overrides). Textual parses every `str` handed to a Static, Label, DataTable cell, option,
notification or palette hit as markup, and writes control characters to the terminal as they
are. So every piece of data reaches a widget through this module:

- `text(value)` / `join(...)`: a Rich `Text` (never parsed as markup), control characters shown
  as visible escapes by `core.text.printable`. Styles come from the code, never from data.
- `plain(value)`: the escaped `str`, for widgets that take plain text (an Input's value, a
  TextArea, a notification sent with markup=False).
- `markup(value)`: for the few Textual APIs that accept only a markup string (command palette
  help and titles): escaped so that `Content.from_markup` gives back exactly `plain(value)`.
- `notify(target, message, title=...)`: a toast whose message and title are data.
- `pasted(text)`: what a paste inserts (the app cleans every paste with it): an Input or a
  TextArea draws its text as it is, so control characters must never get into one.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from privacy_tui.core.text import printable, strip_controls


def plain(value: object, *, multiline: bool = True) -> str:
    """`value` as a string safe for a terminal (controls escaped); None is ''."""
    if value is None:
        return ""
    return printable(value if isinstance(value, str) else str(value), multiline=multiline)


def text(value: object, style: str = "", *, multiline: bool = True) -> Text:
    """`value` as Rich Text in `style`: shown literally, markup and controls included."""
    return Text(plain(value, multiline=multiline), style=style, end="")


def line(value: object, style: str = "") -> Text:
    """One-line data (a name, an address in a cell): newlines and tabs shown as escapes too."""
    return text(value, style, multiline=False)


def join(*parts: object, style: str = "") -> Text:
    """Text made of parts: a str (or any object) is data, a Text is kept as made, a (value, style)
    tuple is data in a style chosen by the code. Replaces f-strings with markup in them."""
    out = Text(style=style, end="")
    for part in parts:
        if isinstance(part, Text):
            out.append_text(part)
        elif isinstance(part, tuple):
            value, part_style = part
            out.append_text(value if isinstance(value, Text) else text(value, part_style or ""))
            if isinstance(value, Text) and part_style:
                out.stylize(part_style, len(out) - len(value), len(out))
        else:
            out.append(plain(part))
    return out


def lines(rows: list[Text] | tuple[Text, ...]) -> Text:
    """Several Texts, one per line."""
    return Text("\n", end="").join(rows)


def markup(value: object, *, multiline: bool = True) -> str:
    """`value` escaped for Textual content markup: `Content.from_markup(markup(v)).plain == plain(v)`.

    Textual's own `markup.escape` leaves tags such as `[B]`, `[$error]` or `[ i ]` alone, which
    its parser still reads as markup; escaping every `[` is what the parser undoes exactly (a
    backslash before `[` is consumed, any other backslash stays as it is).
    """
    return plain(value, multiline=multiline).replace("[", "\\[")


def notify(target: Any, message: object, *, title: object = "", **kwargs: Any) -> None:
    """A notification about data: the message and title are never parsed as markup."""
    target.notify(plain(message), title=plain(title, multiline=False), markup=False, **kwargs)


def pasted(value: str) -> str:
    """Pasted text as imported text: normalised, control characters dropped (tabs and newlines
    kept; a one-line Input keeps only the first line anyway)."""
    return strip_controls(value, multiline=True)


__all__ = ["join", "line", "lines", "markup", "notify", "pasted", "plain", "text"]
