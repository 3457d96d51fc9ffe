"""ui/safe: the one seam from data to widgets, and a scan that keeps the app using it."""

from __future__ import annotations

import ast
from pathlib import Path

from hostile_data import HOSTILE_NAMES, shown
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.content import Content

from privacy_tui.core.text import find_control
from privacy_tui.ui import safe

UI = Path(__file__).resolve().parents[2] / "privacy_tui" / "ui"

# Characters that markup, escapes and control sequences are made of.
MARKUP_ALPHABET = "[]\\/@=$#:;'\" abBiX_-*.\x1b\x07\x9b\u202e\n\t"


def test_text_shows_data_literally_with_controls_escaped():
    for name in HOSTILE_NAMES:
        t = safe.line(name, "bold")
        assert t.plain == shown(name) and find_control(t.plain) is None
        assert [span.style for span in t.spans] == [] and t.style == "bold"  # no style from the data
    assert safe.text("a\nb\tc").plain == "a\nb\tc" and safe.line("a\nb").plain == "a\\x0ab"
    assert safe.plain(None) == "" and safe.plain(12) == "12"


def test_join_takes_styles_from_the_code_only():
    t = safe.join(("To:", "bold"), " ", "[b]Evil[/b] \x1b[31m", ("[i]x[/i]", "dim"))
    assert t.plain == "To: [b]Evil[/b] \\x1b[31m[i]x[/i]"
    styles = {(t.plain[s.start:s.end], str(s.style)) for s in t.spans}
    assert styles == {("To:", "bold"), ("[i]x[/i]", "dim")}


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=MARKUP_ALPHABET, max_size=40))
def test_markup_escape_round_trips_through_textual_markup(value):
    assert Content.from_markup(safe.markup(value)).plain == safe.plain(value)


def test_notify_never_parses_markup():
    calls = []

    class Target:
        def notify(self, message, **kw):
            calls.append((message, kw))

    safe.notify(Target(), "[/] Closer Ltd \x1b]52;c;eA==\x07", title="Saved [b]\n", severity="warning")
    ((message, kw),) = calls
    assert message == "[/] Closer Ltd \\x1b]52;c;eA==\\x07" and kw["title"] == "Saved [b]\\x0a"
    assert kw["markup"] is False and kw["severity"] == "warning"


def test_pasted_text_loses_control_characters():
    assert safe.pasted("a\x1b[31mb\r\nc\td\u202e") == "a[31mb\nc\td"


def test_no_fstring_in_the_app_mixes_markup_and_values():
    """Markup with values interpolated into it is how data became code: the app builds Text
    with ui/safe instead. (An f-string with `[` and a `{...}` part anywhere in ui/ fails this.)"""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if "[" in literal and any(isinstance(v, ast.FormattedValue) for v in node.values):
                    offenders.append(f"{path.relative_to(UI)}:{node.lineno}: {ast.unparse(node)[:80]}")
    assert offenders == []


def test_no_markup_escape_but_the_seam():
    """Textual's and Rich's `markup.escape` leave tags such as `[B]` or `[$error]` alone: only
    ui/safe escapes, and only for the few APIs that take nothing but markup."""
    users = [
        str(path.relative_to(UI)) for path in sorted(UI.rglob("*.py"))
        if path.name != "safe.py" and "markup import escape" in path.read_text(encoding="utf-8")
    ]
    assert users == []
