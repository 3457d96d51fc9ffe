"""Text at the boundaries: what may enter the vault, and how stored text is shown.

One place decides which characters are control characters, so that input validation (refuse),
importers (strip) and every printer (escape) agree. Pure functions, stdlib only, cheap to import.

Control characters here are C0 (U+0000–U+001F) and DEL, C1 (U+0080–U+009F, which includes the
single-byte CSI U+009B that some terminals obey), the Unicode line and paragraph separators
(U+2028/U+2029, which break headers and one-line fields) and the bidirectional overrides and
isolates (U+202A–U+202E, U+2066–U+2069) that can make a name display as something else
("Trojan Source", CVE-2021-42574). Tab and newline are allowed only where text is multi-line.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL_RANGES = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL_ONE_LINE = re.compile(f"[\t\n{_CONTROL_RANGES}]")
_CONTROL_MULTILINE = re.compile(f"[{_CONTROL_RANGES}]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _pattern(multiline: bool) -> re.Pattern[str]:
    return _CONTROL_MULTILINE if multiline else _CONTROL_ONE_LINE


def normalize(text: str) -> str:
    """Text as it may be stored: lone surrogates dropped, CRLF/CR as LF, NFC.

    A lone surrogate (from a PDF's ToUnicode map, JSON's "\\ud800", a directory dump) cannot be
    encoded as UTF-8 and would make every later vault write fail.
    """
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def find_control(text: str, *, multiline: bool = False) -> str | None:
    """The first control character in `text` (tab/newline allowed when multi-line), or None."""
    match = _pattern(multiline).search(text)
    return match.group() if match else None


# unicodedata has no names for control characters; these are their Unicode name aliases.
_C0 = ("NULL START-OF-HEADING START-OF-TEXT END-OF-TEXT END-OF-TRANSMISSION ENQUIRY ACKNOWLEDGE BELL "
       "BACKSPACE CHARACTER-TABULATION LINE-FEED LINE-TABULATION FORM-FEED CARRIAGE-RETURN SHIFT-OUT SHIFT-IN "
       "DATA-LINK-ESCAPE DEVICE-CONTROL-ONE DEVICE-CONTROL-TWO DEVICE-CONTROL-THREE DEVICE-CONTROL-FOUR "
       "NEGATIVE-ACKNOWLEDGE SYNCHRONOUS-IDLE END-OF-TRANSMISSION-BLOCK CANCEL END-OF-MEDIUM SUBSTITUTE ESCAPE "
       "FILE-SEPARATOR GROUP-SEPARATOR RECORD-SEPARATOR UNIT-SEPARATOR").split()
_CONTROL_NAMES = {
    **{chr(i): n.replace("-", " ") for i, n in enumerate(_C0)},
    "\x7f": "DELETE", "\x85": "NEXT LINE", "\x90": "DEVICE CONTROL STRING", "\x9b": "CONTROL SEQUENCE INTRODUCER",
    "\x9c": "STRING TERMINATOR", "\x9d": "OPERATING SYSTEM COMMAND",
}


def describe_char(ch: str) -> str:
    """'U+001B (ESCAPE)' — for one-line error messages."""
    name = unicodedata.name(ch, "") or _CONTROL_NAMES.get(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def strip_controls(text: str, *, multiline: bool = False) -> str:
    """Imported text (policies, directories, DRP, email): normalised, control characters removed.

    In one-line text a tab or newline becomes a space rather than vanishing, so words stay apart.
    """
    text = normalize(text)
    if not multiline:
        text = text.replace("\t", " ").replace("\n", " ")
    return _pattern(multiline).sub("", text)


def printable(text: str, *, multiline: bool = True) -> str:
    """Stored text made safe for a terminal: every control character shown as a visible escape
    (ESC as `\\x1b`, U+202E as `\\u202e`), so nothing stored can drive the terminal. Defence in
    depth behind input validation; used by every CLI printer and the app."""
    pattern = _pattern(multiline)
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
