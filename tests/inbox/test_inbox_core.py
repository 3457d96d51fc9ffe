"""core.inbox: parsing, matching, classification and extraction on hand-made messages."""

from __future__ import annotations

from privacy_tui.core.inbox import MatchIndex, RequestKey, attachment_bytes, classify, event_for, parse_message

KEYS = (
    RequestKey("r1", "shop", "PT-ABCDEFGH", ("sent-1@mail.example",), ("shop.example",), True),
    RequestKey("r2", "shop", "PT-ABCDEFGJ", ("sent-2@mail.example",), ("shop.example",), True),
    RequestKey("r3", "bank", "PT-QRSTUVWX", ("sent-3@mail.example",), ("bank.example",), True),
)


def _raw(subject: str, body: str, *, sender: str = "privacy@shop.example", extra: str = "") -> bytes:
    return (f"From: Privacy Team <{sender}>\nTo: ada@example.com\nSubject: {subject}\n"
            f"Message-ID: <r-{abs(hash(subject + body))}@x>\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n{extra}"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()


def test_headers_decoded_and_addresses_lowercased():
    msg = parse_message(b"From: =?utf-8?q?J=C3=BCrgen?= <Privacy@Shop.Example>\nSubject: =?utf-8?b?SWhyZSBBbmZyYWdl?=\n"
                        b"In-Reply-To: <sent-1@mail.example>\nDate: Tue, 01 Dec 2026 10:00:00 +0100\n\nHallo\n")
    assert (msg.from_name, msg.from_addr, msg.subject) == ("Jürgen", "privacy@shop.example", "Ihre Anfrage")
    assert msg.in_reply_to == ("sent-1@mail.example",)
    assert msg.date == "2026-12-01T10:00:00+01:00"


def test_in_reply_to_beats_everything():
    match = MatchIndex.build(KEYS).match(parse_message(
        b"From: someone@elsewhere.example\nIn-Reply-To: <sent-3@mail.example>\nSubject: PT-ABCDEFGH\n\nhi\n"))
    assert (match.request_id, match.confidence) == ("r3", 0.99)


def test_reference_code_in_subject_and_quoted_body():
    index = MatchIndex.build(KEYS)
    assert index.match(parse_message(_raw("Re: your request [pt-abcdefgj]", "ok"))).request_id == "r2"
    quoted = _raw("Your enquiry", "We are on it.\n\n> Reference: PT-QRSTUVWX\n> Dear Bank", sender="x@tickets.example")
    assert index.match(parse_message(quoted)).request_id == "r3"


def test_lookalike_reference_stays_unmatched_even_from_known_domain():
    match = MatchIndex.build(KEYS).match(parse_message(_raw("Your request PT-ABCDEFG0", "We received your request.")))
    assert match.request_id is None and "not one of your requests" in match.reason


def test_several_open_requests_are_proposed():
    match = MatchIndex.build(KEYS).match(parse_message(_raw("Your data request", "We have received your request.")))
    assert match.request_id is None and match.company_id == "shop" and set(match.proposed) == {"r1", "r2"}


def test_subdomain_and_learned_domain():
    index = MatchIndex.build(KEYS, learned={"zendesk-bank.example": "bank"})
    assert index.match(parse_message(_raw("Data request", "Your data request is in progress.",
                                          sender="support@eu.help.bank.example"))).request_id == "r3"
    assert index.match(parse_message(_raw("Data request", "Your data request is in progress.",
                                          sender="no-reply@zendesk-bank.example"))).request_id == "r3"


def test_newsletter_from_company_stays_unmatched():
    msg = parse_message(_raw("Black Friday: 30% off", "Shop now!", sender="news@bank.example",
                             extra="List-Unsubscribe: <https://bank.example/u>\n"))
    assert MatchIndex.build(KEYS).match(msg).request_id is None
    assert classify(msg, matched=False).kind == "unrelated"


def test_acknowledgement_with_ticket():
    msg = parse_message(_raw("[Ticket #448812] Your request", "We have received your request and will respond "
                             "within one month.", extra="Auto-Submitted: auto-generated\n"))
    u = classify(msg, matched=True)
    assert (u.kind, u.ticket) == ("acknowledged", "448812") and u.confidence >= 0.9


def test_extension_deadline_in_three_languages():
    for body, expected in (
        ("We need to extend the deadline by two further months. We will respond by 15 January 2027.", "2027-01-15"),
        ("Wir müssen die Frist um zwei weitere Monate verlängern. Sie erhalten die Auskunft bis zum 15.01.2027.",
         "2027-01-15"),
        ("Nous devons prolonger le délai de deux mois supplémentaires. Réponse avant le 15 janvier 2027.", "2027-01-15"),
    ):
        u = classify(parse_message(_raw("Your request", body)), matched=True)
        assert (u.kind, u.new_deadline) == ("extended", expected), body


def test_attachment_and_download_link_with_expiry():
    raw = (b"From: privacy@shop.example\nSubject: Your data\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n"
           b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
           b"Please find attached a copy of your personal data. You can also download it at "
           b"https://files.shop.example/download/abc.zip - the link expires in 7 days.\n"
           b"--b\nContent-Type: application/zip\nContent-Disposition: attachment; filename=\"../../data.zip\"\n"
           b"Content-Transfer-Encoding: base64\n\nUEsDBA==\n--b--\n")
    msg = parse_message(raw)
    (att,) = msg.attachments
    assert (att.filename, att.content_type, att.size) == ("data.zip", "application/zip", 4)
    assert attachment_bytes(raw, att.index) == b"PK\x03\x04"
    u = classify(msg, matched=True)
    assert u.kind == "fulfilled"
    assert u.download_links == ("https://files.shop.example/download/abc.zip",)
    assert u.link_expiry == "2026-12-08"


def test_events_for_kinds():
    assert event_for("no_data") == "fulfilled" and event_for("bounce") == "send_failed"
    assert event_for("auto_reply") is None and event_for("clarification_requested") in (
        "clarification_requested", "id_requested")


def test_freemail_domains_never_identify_a_company():
    keys = [RequestKey("r9", "tiny", "PT-ZZZZZZZZ", (), ("gmail.com", "tiny.example"), True)]
    msg = parse_message(_raw("Your data request", "We have received your request.", sender="someone@gmail.com"))
    assert MatchIndex.build(keys).match(msg).company_id is None


def test_domain_known_for_two_companies_assigns_nothing():
    keys = [RequestKey("a1", "brand-a", "PT-AAAAAAAA", (), ("group.example",), True),
            RequestKey("b1", "brand-b", "PT-BBBBBBBB", (), ("group.example",), True)]
    match = MatchIndex.build(keys).match(parse_message(_raw("Your request", "We have received your request.",
                                                            sender="dpo@group.example")))
    assert match.request_id is None and set(match.proposed) == {"a1", "b1"}


def test_newest_reference_wins_and_ids_compare_case_insensitively():
    keys = [RequestKey("old", "shop", "", ("Old@Mail.Example",), (), True),
            RequestKey("new", "shop", "", ("new@mail.example",), (), True)]
    msg = parse_message(b"From: x@y.example\nReferences: <old@mail.example> <NEW@mail.example>\n\nhi\n")
    assert MatchIndex.build(keys).match(msg).request_id == "new"


def test_bounce_of_a_request_is_matched_by_the_embedded_original():
    raw = (b"From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\n"
           b"Content-Type: text/plain\n\nUser unknown\n--r\nContent-Type: message/delivery-status\n\n"
           b"Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; p@shop.example\nAction: failed\n--r\n"
           b"Content-Type: message/rfc822\n\nMessage-ID: <sent-2@mail.example>\nSubject: request\n\nbody\n--r--\n")
    msg = parse_message(raw)
    match = MatchIndex.build(KEYS).match(msg)
    assert (match.request_id, msg.report_action) == ("r2", "failed")
    assert classify(msg, matched=True).kind == "bounce"
    delayed = parse_message(raw.replace(b"Action: failed", b"Action: delayed"))
    assert classify(delayed, matched=True).kind == "auto_reply"


def test_plain_text_bounce_without_report_structure():
    msg = parse_message(b"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\nSubject: Undeliverable: request\n\n"
                        b"Delivery has failed to these recipients: privacy@shop.example\n")
    assert classify(msg, matched=False).kind == "bounce"
