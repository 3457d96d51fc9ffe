"""core/text: the one definition of control characters, normalisation and display escaping."""

from hypothesis import given
from hypothesis import strategies as st

from privacy_tui.core.text import find_control, normalize, printable, strip_controls


def test_normalize_drops_lone_surrogates_and_composes():
    assert normalize("a\ud800b") == "ab"
    assert normalize("e\u0301") == "\u00e9"
    assert normalize("a\r\nb\rc") == "a\nb\nc"
    normalize("x\udfff").encode("utf-8")


def test_find_control_one_line_and_multiline():
    assert find_control("Acme\x1b[31m") == "\x1b"
    assert find_control("a\nb") == "\n"
    assert find_control("a\nb\tc", multiline=True) is None
    assert find_control("x\u009by", multiline=True) == "\u009b"
    assert find_control("evil\u202egnp.exe") == "\u202e"
    assert find_control("Ünïcödé Straße") is None


def test_strip_controls_keeps_words_apart():
    assert strip_controls("Acme\x1b]8;;http://x\x07Ltd") == "Acme]8;;http://xLtd"
    assert strip_controls("Acme\nLtd") == "Acme Ltd"
    assert strip_controls("line1\nline2\x07", multiline=True) == "line1\nline2"


def test_printable_escapes_visibly():
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("a\u202eb") == "a\\u202eb"
    assert printable("a\nb") == "a\nb"
    assert printable("a\nb", multiline=False) == "a\\x0ab"


@given(st.text())
def test_printable_and_strip_leave_no_control(text):
    assert find_control(printable(text), multiline=True) is None
    assert find_control(strip_controls(text)) is None
    assert find_control(strip_controls(text, multiline=True), multiline=True) is None
    strip_controls(text).encode("utf-8")
