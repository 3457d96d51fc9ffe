"""core.inbox.answers: the ready replies to deflections, per law."""

from __future__ import annotations

from datetime import date

import pytest

from privacy_tui.core.inbox import Understanding
from privacy_tui.core.inbox.answers import ANSWER_KINDS, answer_kind_for, render_answer
from privacy_tui.core.text import find_control

ARGS = dict(company_name="Shopwell GmbH", reference="PT-RLJSVD2C", request_sent=date(2026, 11, 3),
            due=date(2026, 12, 3), profile_name="Ada Example")


@pytest.mark.parametrize("kind", ANSWER_KINDS)
@pytest.mark.parametrize("regime", ["gdpr", "uk_gdpr", "ccpa", "pipeda", "lgpd"])
def test_every_answer_renders_for_every_law(kind, regime):
    subject, body = render_answer(kind, regime=regime, **ARGS)
    assert subject.startswith("PT-RLJSVD2C: ")
    assert body.startswith("Dear Shopwell GmbH privacy team,") and body.rstrip().endswith("Ada Example")
    assert "3 November 2026" in body and "3 December 2026" in body
    assert find_control(body, multiline=True) is None and "{" not in body


@pytest.mark.parametrize("regime, citations", [
    ("gdpr", ["Article 12(6) GDPR", "Article 5(1)(c) GDPR", "Guidelines 01/2022", "paragraph 69"]),
    ("uk_gdpr", ["Article 12(6) UK GDPR", "Article 5(1)(c) UK GDPR"]),
    ("ccpa", ["11 CCR §7060", "§7060(e)", "§7021(b)"]),
])
def test_excessive_id_cites_the_law(regime, citations):
    _, body = render_answer("excessive_id", regime=regime, details="a certified copy of your passport", **ARGS)
    assert "a certified copy of your passport" in body
    for citation in citations:
        assert citation in body


def test_webform_and_clarification_citations():
    assert "11 CCR §7020(e)" in render_answer("webform_redirect", regime="ccpa", **ARGS)[1]
    assert "Article 12(2) GDPR" in render_answer("webform_redirect", regime="gdpr", **ARGS)[1]
    assert "Article 12A UK GDPR" in render_answer("clarification", regime="uk_gdpr", **ARGS)[1]
    body = render_answer("clarification", regime="gdpr", details="My customer account 4471 and the newsletter.", **ARGS)[1]
    assert "My customer account 4471 and the newsletter." in body and "Recital 63 GDPR" in body


def test_user_text_is_stripped_of_controls_and_unknown_kind_refused():
    _, body = render_answer("no_data_with_evidence", regime="gdpr", details="You emailed me on 2 May.\x1b[2J",
                            **{**ARGS, "company_name": "Evil\u202eCorp"})
    assert "\x1b" not in body and "\u202e" not in body and "You emailed me on 2 May." in body
    with pytest.raises(ValueError):
        render_answer("flattery", regime="gdpr", **ARGS)


def test_answer_kind_for_each_deflection():
    plain = Understanding("x", 0.9)
    assert answer_kind_for("id_requested", plain) == "excessive_id"
    assert answer_kind_for("webform_redirect", plain) == "webform_redirect"
    assert answer_kind_for("clarification_requested", plain) == "clarification"
    assert answer_kind_for("no_data", plain) == "no_data_with_evidence"
    assert answer_kind_for("fulfilled", plain) is None
    expiring = Understanding("fulfilled", 0.9, download_links=("https://x.example/dl",), link_expiry="2026-12-14")
    assert answer_kind_for("fulfilled", expiring) == "link_expired"
    assert answer_kind_for("acknowledged", plain) is None
