"""The import's fast paths give exactly what the slow, general code gives: simple address
headers (vs email.utils.getaddresses), single-part messages built without the feed parser (vs
the feed parser), phrase lists with a first-letter lookahead (vs the plain alternation), and
the one-pass mbox reader (vs mailbox.mbox)."""

from __future__ import annotations

import email
import email.policy
import email.utils
import importlib
import io
import mailbox
import random
import re

import pytest
from support.paths import FIXTURES

from privacy_tui.core.inbox import message as parsing
from privacy_tui.core.inbox.phrases import at_word_start, first_chars
from privacy_tui.services.inbox_sync import _mbox_messages

classify = importlib.import_module("privacy_tui.core.inbox.classify")
signals = importlib.import_module("privacy_tui.core.inbox.signals")
CORPUS = FIXTURES / "inbox"

ADDRESS_HEADERS = [
    "j@x.example", " j@x.example ", "John Doe <J@X.Example>", "John  Doe\t<j@x.example>", "<j@x.example>",
    '"Doe, John" <j@x.example>', "j@x.example (John)", "=?utf-8?q?J=C3=BCrgen?= <j@x.example>", "a@b.example, c@d.example",
    "John <j@x.example", "undisclosed-recipients:;", '"J\\"D" <j@x.example>', "", "<>", "a <b@c> d <e@f>",
    "group: a@b.example, c@d.example;", "John.Doe <j@x.example>", "jo@x.example <jo@x.example>", "a@b.example,,c@d.example",
    "O'Brien <ob@x.example>", "x-y <a.b+c@d-e.example>", "a..b@x.example", "a@b..example", ".a@b.example", "Doe, John <j@x.example>",
    "a@b.example, John <j@x.example>, c@d.example", "Jürgen <j@x.example>", "<a@b.example> John", "a @ b.example",
]


@pytest.mark.parametrize("value", ADDRESS_HEADERS)
def test_simple_address_headers_read_as_the_stdlib_reads_them(value):
    assert parsing._addresses(value) == email.utils.getaddresses([value])


def _messages() -> list[bytes]:
    found = [p.read_bytes() for p in sorted(CORPUS.glob("*.eml"))]
    found += [
        b"", b"garbage", b"no header line\n\nbody", b"Subject: x\nnot a header\n\nbody", b"Subject: x\n\n", b"\n\nbody only",
        b"Subject: a\x0cb\x1cc\x85d\r\nFrom: x@y.example\r\n\r\nbody\x0cmore\r\n", b"Subject: a\rb\r\n\r\nbody",
        b"From x\nSubject: y\n\nbody", b"Subject: y\nFrom x\n\nbody", b":bad\nSubject: y\n\nbody", b"Subject: y\n:bad\n\nbody",
        b"Subject: y\n  \n\nbody", b" folded first\nSubject: y\n\nbody", b"Subject: y\n\t\r\n\r\nbody", b"Subject: y",
        b"Subject: y\nContent-Type: message/rfc822\n\nSubject: inner\n\nx", b"Subject: y\nContent-Type: Multipart/Mixed\n\nx",
        b"Subject: y\nContent-Type: message/delivery-status\n\nAction: failed\n",
        b"Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=\r\n",
        b"Subject: x\nContent-Type: text/plain; charset=\"iso-8859-1\"\nContent-Transfer-Encoding: quoted-printable\n\ncaf=E9 =\nsoft\n",
        b"Subject: y\nX: \xff\xfe\n  folded \xe9\n\nbody \xe9\r\n", b"Subject: x\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n",
    ]
    return found


def _shape(msg) -> tuple:
    return (msg.get_unixfrom(), list(msg.raw_items()), msg.get_payload(), msg.get_payload(decode=True),
            msg.get_content_type())


@pytest.mark.parametrize("raw", _messages(), ids=lambda raw: repr(raw[:30]))
def test_a_single_part_message_is_built_as_the_feed_parser_builds_it(raw):
    built = parsing._single_part(raw)
    parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
    if built is not None:
        assert not parsed.is_multipart() and _shape(built) == _shape(parsed)


def test_the_fast_path_is_taken_for_ordinary_replies():
    taken = [parsing._single_part(raw) is not None for raw in sorted(p.read_bytes() for p in CORPUS.glob("*.eml"))]
    assert sum(taken) >= 10  # plain-text replies of the corpus (multipart ones go to the feed parser)


def _phrase_patterns() -> list[re.Pattern]:
    return ([p for _, _, p, _ in classify._WORDING] + [classify._BOUNCE_WORDS, *classify._TICKET[1:3]]
            + [signals._PRIVACY, signals._BULK_WORDS, signals._OUT_OF_OFFICE])


def _texts() -> list[str]:
    texts = [parsing.parse_message(p.read_bytes()).text for p in sorted(CORPUS.glob("*.eml"))]
    rnd = random.Random(14)
    words = " ".join(texts).split() + ["%", "off", "Ticket", "No:", "AB-1234", "ÉCHEC", "Außer", "Haus", "ſale", "K"]
    texts += [" ".join(rnd.choice(words) for _ in range(60)) for _ in range(300)]
    return texts + [t.lower() for t in texts]


def test_the_first_letter_lookahead_never_changes_what_a_phrase_list_finds():
    texts = _texts()
    for guarded in _phrase_patterns():
        assert "(?=[" in guarded.pattern, guarded.pattern[:60]  # the speed-up is there
        plain = re.compile(re.sub(r"^\\b\(\?=\[[^\]]*\]\)", r"\\b", guarded.pattern), guarded.flags)
        assert plain.pattern != guarded.pattern
        for text in texts:
            assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in plain.finditer(text)]


@pytest.mark.parametrize(("regex", "first"), [
    ("a?b", "ab"), ("(?:x|y)?z", "xyz"), ("a*b", "ab"), ("[a-c]d", "abc"), ("(?:we|i) go", "iw"), ("a?", None),
    (r"(?:ab|\w)", None), ("[^a]b", None), ("(?:a|)b", None), (r"\d+", None), ("", None),
])
def test_first_chars_is_only_given_when_certain(regex, first):
    assert first_chars(regex) == first
    if first is None:
        assert "(?=[" not in at_word_start(regex).pattern


_PIECES = [b"From a@b Thu Nov  5 09:30:00 2026\n", b"From \n", b"\n", b"\r\n", b"line\n", b">From x\n", b"From x", b"Subject: s\n",
           b"x" * 300 + b"\n", b"From " + b"y" * 300 + b"\n", b"a\r\n", b"\n\n", b"no line end", b"F", b"Fr", b"From", b"\nFrom",
           b"rom ", b"From From \n"]


def test_the_mbox_reader_cuts_messages_as_mailbox_mbox_does(tmp_path):
    rnd = random.Random(5)
    path = tmp_path / "box.mbox"
    for _ in range(1500):
        data = b"".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 14)))
        path.write_bytes(data)
        box = mailbox.mbox(str(path), create=False)
        try:
            expected = []
            for key in box.iterkeys():
                handle = box.get_file(key)
                expected.append(handle.read())
                handle.close()
        finally:
            box.close()
        for block in (1, 3, 6, 64, 1 << 20):  # marks and From lines split across reads
            assert list(_mbox_messages(io.BytesIO(data), 10**9, block=block)) == expected
        limit = rnd.randint(0, 400)
        assert list(_mbox_messages(io.BytesIO(data), limit, block=5)) == [m if len(m) <= limit else None for m in expected]


def test_the_mbox_reader_skips_a_message_over_the_limit_without_keeping_it():
    data = b"From x\n" + b"a" * 100_000 + b"\n" + b"From y\nok\n"

    class Reads(io.BytesIO):
        def read(self, n=-1):
            assert n > 0  # never the whole file
            return super().read(n)

    assert list(_mbox_messages(Reads(data), 500, block=64)) == [None, b"ok\n"]


@pytest.mark.parametrize("value", [
    "text/plain; charset=utf-8", "text/plain; charset=UTF-8 ", "text/plain;charset = iso-8859-1;format=flowed", "text/plain",
    'text/plain; charset="utf-8"', "text/plain; charset*=utf-8''x", "charset=koi8-r", "text/plain; charset=", "text/plain; charset=ütf",
    "text/plain; name=charset; charset=ascii; charset=latin1", "text/plain; CHARSET=Windows-1252", "text/plain; x=a\\b; charset=utf-8",
    "text/plain; charset", None,
])
def test_the_charset_is_read_as_get_content_charset_reads_it(value):
    from email.message import Message

    part = Message()
    if value is not None:
        part["Content-Type"] = value
    assert parsing._charset(part) == part.get_content_charset()
