"""parse_message on hostile input: bounded, never raising, nothing unsafe coming out."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from privacy_tui.core.inbox import MatchIndex, RequestKey, attachment_bytes, classify, parse_message
from privacy_tui.core.text import find_control


def _strings(msg):
    for f in dataclasses.fields(msg):
        value = getattr(msg, f.name)
        if isinstance(value, str):
            yield f.name, value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, str):
                    yield f.name, item
                elif dataclasses.is_dataclass(item):
                    yield from _strings(item)
        elif f.name == "headers":
            yield from value.items()


def _assert_safe(msg):
    for name, value in _strings(msg):
        value.encode("utf-8")  # no lone surrogate survives
        assert find_control(value, multiline=(name == "text")) is None, (name, value)


def test_deep_nesting_is_cut_at_max_depth():
    depth = 3000
    head = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\n\n--b{i}\n" for i in range(depth))
    raw = ("From: a@b.example\nSubject: deep\n" + head + "Content-Type: text/plain\n\nbottom\n").encode()
    msg = parse_message(raw, max_depth=10)
    _assert_safe(msg)
    assert "bottom" not in msg.text  # the leaf is below the depth limit: never reached


def test_ten_thousand_parts_are_capped():
    parts = "".join(f"--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; "
                    f"filename=f{i}.bin\n\nx\n" for i in range(10_000))
    raw = ("From: a@b.example\nSubject: many\nContent-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n").encode()
    msg = parse_message(raw, max_parts=200)
    assert len(msg.attachments) <= 200


def test_huge_headers_and_body_are_bounded():
    raw = (b"From: a@b.example\nSubject: " + b"A" * 2_000_000 + b"\nReferences: " + b"<x@y> " * 100_000 +
           b"\n\n" + b"word " * 200_000)
    msg = parse_message(raw, max_text=200_000)
    assert len(msg.subject) <= 2_000 and len(msg.references) <= 100 and len(msg.text) <= 200_000


def test_bad_charsets_and_invalid_bytes_are_replaced():
    raw = (b"From: =?x-unknown?q?J=FCrgen?= <a@b.example>\nSubject: =?utf-8?b?/w==?= \xff\xfe caf\xe9\n"
           b"Content-Type: text/plain; charset=\"no-such-charset\"\n\nbody \xed\xa0\x80 \x1b[31mred\n")
    msg = parse_message(raw)
    _assert_safe(msg)
    assert "body" in msg.text and "\x1b" not in msg.text and "[31mred" in msg.text


def test_lone_surrogates_and_controls_in_headers_and_filenames():
    raw = (b"From: \"Evil\x1b]0;x\x07\" <a@b.example>\nSubject: =?utf-16-be?b?2AA=?= ok \xed\xa0\x80\n"
           b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhi\n--b\n"
           b"Content-Type: application/pdf\nContent-Disposition: attachment; filename*=utf-8''..%2F..%2Fevil%E2%80%AEfdp.exe\n\n"
           b"%PDF\n--b--\n")
    msg = parse_message(raw)
    _assert_safe(msg)
    (att,) = msg.attachments
    assert "/" not in att.filename and "\u202e" not in att.filename and att.filename.endswith("fdp.exe")
    assert attachment_bytes(raw, att.index).startswith(b"%PDF")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(raw):
    msg = parse_message(raw)
    _assert_safe(msg)
    index = MatchIndex.build([RequestKey("r", "c", "PT-ABCDEFGH", ("m@x",), ("b.example",), True)])
    classify(msg, matched=index.match(msg).request_id is not None)


_HEADER = st.sampled_from(["From", "Subject", "Content-Type", "Content-Transfer-Encoding", "In-Reply-To",
                           "References", "Content-Disposition", "Date", "Auto-Submitted", "Message-ID"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_HEADER, st.text(max_size=80)), max_size=12), st.text(max_size=500),
       st.sampled_from(["multipart/mixed; boundary=b", "multipart/report; boundary=b", "text/html", "message/rfc822"]))
def test_structured_garbage_never_raises(headers, body, ctype):
    head = "".join(f"{k}: {v}\n".replace("\r", "") for k, v in headers)
    raw = (f"Content-Type: {ctype}\n{head}\n--b\n{body}\n--b--\n").encode("utf-8", "surrogatepass")
    _assert_safe(parse_message(raw))


def test_deeply_nested_html_is_cut_before_the_html_parser():
    # lexbor's tree builder is quadratic in depth: 200,000 nested divs would take minutes.
    n = 200_000
    raw = ("From: a@b.example\nSubject: x\nContent-Type: text/html; charset=utf-8\n\nvisible "
           + "<div>" * n + "hidden" + "</div>" * n).encode()
    msg = parse_message(raw)
    assert "visible" in msg.text and "hidden" not in msg.text


def test_many_links_are_capped():
    raw = ("From: a@b.example\nSubject: x\nContent-Type: text/html\n\n"
           + "".join(f'<a href="https://x.example/{i}">l</a>' for i in range(10_000))).encode()
    assert 0 < len(parse_message(raw).links) <= 50
