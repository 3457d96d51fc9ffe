"""Letters read as a lawyer would: each cites only its own law in its own vocabulary, asserts only
the grounds chosen, claims only the residence the profile has, and addresses cleanly."""

from __future__ import annotations

import re
from datetime import date

import pytest

from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.base import Regulator
from privacy_tui.core.laws.registry import REGIMES
from privacy_tui.core.letters import render_complaint, render_request_letter
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines

TODAY = date(2026, 3, 3)
LONDONER = Profile(name="Ada Example", email="ada@example.org", address="1 Example Street\nLondon", country="GB")
CALIFORNIAN = Profile(name="Cal Example", email="cal@example.org", country="US", state="CA")
COMPANY = Company(id="c1", name="Globex Corporation", address="Globex Corporation\n1 Loop Road\nSpringfield",
                  country="US", emails=("privacy@globex.example",), categories=("A", "K"))


def _request(regime, rtype, *events):
    return Request(id="r1", company_id="c1", type=rtype, regime=regime, reference="PT-ABCD2345",
                   events=tuple(Event("r1", k, on, detail=detail) for k, on, detail in events))


def _letter(regime, rtype, profile=LONDONER, **kw):
    letter = render_request_letter(_request(regime, rtype), COMPANY, profile, None, today=TODAY, **kw)
    return letter.subject + "\n" + letter.body


def _own_words(key: str) -> tuple[str, ...]:
    """What identifies a law in a letter: its short name, name and the prefix of its citations."""
    r = REGIMES[key]
    words = {
        "gdpr": ("GDPR",), "uk_gdpr": ("UK GDPR",), "ccpa": ("CCPA", "Cal. Civ. Code", "CCR"),
        "pipeda": ("PIPEDA", "Principle 4."), "lgpd": ("LGPD",), "ca_qc": ("Quebec Private Sector Act", "P-39.1"),
        "ca_ab": ("Alberta PIPA", "P-6.5"), "ca_bc": ("BC PIPA", "SBC 2003"), "voluntary": (),
    }.get(key)
    if words is None:  # a US state law: its name and how its sections are cited ("Va. Code", "ORS", "6 Del. C.")
        basis = next(iter(r.request_types.values()))
        head = basis.split("§")[0].strip() if "§" in basis else basis.split()[0]
        words = (r.name, head)
    return words


# Words that belong to one law's vocabulary only.
_CALIFORNIA = ("Customer Records statute", "Cal. Civ. Code", "(K)", "Inferences drawn", "California resident")
ALL = [(k, t) for k, r in REGIMES.items() for t in r.request_types]


@pytest.mark.parametrize(("regime", "rtype"), ALL)
def test_every_letter_cites_only_its_own_law(regime, rtype):
    grounds = {"objection": ("direct_marketing",) if regime in ("gdpr", "uk_gdpr") else ("marketing",),
               "restriction": ("accuracy",) if regime in ("gdpr", "uk_gdpr") else ()}.get(rtype, ())
    text = _letter(regime, rtype, CALIFORNIAN if regime == "ccpa" else LONDONER, grounds=grounds)
    own = _own_words(regime)
    for word in own:
        assert word in text, (word, regime, rtype)
    rest = text
    for word in own:
        rest = rest.replace(word, "")
    for other in REGIMES:
        if other == regime:
            continue
        for word in _own_words(other):
            if word and not any(word in w for w in own):
                assert not re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", rest), (word, "in", regime, rtype)
    if regime != "ccpa":
        for word in _CALIFORNIA:
            assert word not in text, (word, regime, rtype)


@pytest.mark.parametrize("rtype", list(REGIMES["voluntary"].request_types))
def test_the_voluntary_letter_cites_no_law_and_says_so(rtype):
    text = _letter("voluntary", rtype, Profile(name="Ny Example", email="ny@example.org", country="US", state="NY"))
    assert not re.search(r"\b(Article|Art\.|section|Act|GDPR|CCPA|PIPEDA|LGPD|PIPA)\b|§", text), text
    assert "no privacy law obliges you" in text and "voluntarily" in text
    assert "resident" not in text


def test_a_londoner_never_claims_california_residence_and_a_californian_does():
    for rtype in REGIMES["ccpa"].request_types:
        assert "California resident" not in _letter("ccpa", rtype, LONDONER)
        assert "I am a California resident" in _letter("ccpa", rtype, CALIFORNIAN)
    assert "resident of Virginia" not in _letter("us_va", "access", CALIFORNIAN)


def test_gdpr_access_asks_for_named_recipients_and_says_the_copy_is_free():
    text = _letter("gdpr", "access")
    assert "C-154/21" in text and "Österreichische Post" in text and "identity of each recipient" in text
    assert "free of charge (Articles 12(5) and 15(3))" in text
    assert "Article 22(1) and (4)" in text and "22A" not in text
    uk = _letter("uk_gdpr", "access")
    assert "Articles 22A to 22D UK GDPR" in uk and "Article 22(1)" not in uk
    # A CJEU judgment of 2023 does not bind UK courts: the UK letter asks for names on Art. 15(1)(c) alone.
    assert "C-154/21" not in uk and "name the recipients themselves" in uk


def test_erasure_asserts_only_the_grounds_chosen():
    text = _letter("gdpr", "deletion", grounds=("not_needed",))
    assert "Article 17(1)(a)" in text
    for unchosen in ("17(1)(b)", "17(1)(c)", "17(1)(d)", "I withdraw my consent", "I object"):
        assert unchosen not in text
    both = _letter("uk_gdpr", "deletion", grounds=("consent_withdrawn", "unlawful"))
    assert "Article 17(1)(b) UK GDPR" in both and "Article 17(1)(d) UK GDPR" in both and "17(1)(a)" not in both
    none = _letter("gdpr", "deletion")
    assert "17(1)(" not in none and "tell me why" in none


def test_objection_direct_marketing_is_absolute_and_particular_situation_needs_the_situation():
    dm = _letter("gdpr", "objection", grounds=("direct_marketing",))
    assert "Article 21(2)" in dm and "no balancing of interests" in dm
    assert "particular situation" not in dm and "21(1)" not in dm
    with pytest.raises(UserError, match="--situation"):
        _letter("gdpr", "objection", grounds=("particular_situation",))
    ps = _letter("gdpr", "objection", grounds=("particular_situation",), situation="I am a witness in a court case.")
    assert "Article 21(1)" in ps and "I am a witness in a court case." in ps and "21(2)" not in ps
    with pytest.raises(UserError, match="is for an objection"):
        _letter("gdpr", "deletion", grounds=("not_needed",), situation="why")


def test_restriction_states_the_chosen_ground_only():
    text = _letter("gdpr", "restriction", grounds=("legal_claims",))
    assert "Article 18(1)(c)" in text and "18(1)(a)" not in text and "contest the accuracy" not in text


def test_grounds_unknown_to_the_law_are_refused():
    with pytest.raises(UserError, match="unknown ground"):
        _letter("gdpr", "deletion", grounds=("astrology",))
    with pytest.raises(UserError, match="takes no --ground"):
        _letter("pipeda", "deletion", grounds=("not_needed",))


def test_lgpd_access_asks_for_both_statements_the_copy_and_review_of_automated_decisions():
    text = _letter("lgpd", "access")
    for part in ("Art. 19, I)", "Art. 19, II)", "Art. 19, §3)", "Art. 20"):
        assert part in text
    assert "at once, in simplified form" in text and "within 15 days" in text and "review" in text


def test_opt_out_letters_do_not_tell_the_company_it_may_not_authenticate():
    for key, r in REGIMES.items():
        if "opt_out_sale" in r.request_types and key.startswith("us_"):
            text = _letter(key, "opt_out_sale")
            assert "authenticat" not in text, key


def test_address_block_names_the_company_once_and_sentences_keep_it_on_one_line():
    letter = render_request_letter(_request("uk_gdpr", "access"), COMPANY, LONDONER, None, today=TODAY)
    assert letter.body.count("Globex Corporation\n") == 1
    assert "Globex Corporation\n1 Loop Road\nSpringfield\n" in letter.body


def _sent_request():
    return _request("ccpa", "access", ("sent", "2026-01-05", "emailed to privacy@globex.example via 127.0.0.1"),
                    ("acknowledged", "2026-01-08", ""))


def _complaint(key):
    request = _sent_request()
    deadlines = request_deadlines(request, country="US", subdivision="CA")
    regulator = Regulator(name="California Privacy Protection Agency" if key == "cppa" else "Some Authority", country="US")
    return render_complaint(request, COMPANY, CALIFORNIAN, regulator, request.events, deadlines, date(2026, 3, 1),
                            regulator_key=key).body


def test_complaint_has_no_transport_detail_and_a_one_line_address():
    body = _complaint("ca_ag")
    assert "127.0.0.1" not in body and " via " not in body
    assert "emailed to privacy@globex.example" in body
    assert "(1 Loop Road, Springfield)" in body


def test_cppa_complaint_says_what_the_agency_does():
    body = _complaint("cppa")
    assert "does not act for individual consumers or resolve individual disputes" in body
    assert "enforcement" in body and "require Globex Corporation to comply" not in body
    assert "require Globex Corporation to comply" in _complaint("ca_ag")


def test_the_voluntary_reminder_claims_no_legal_deadline_and_threatens_no_regulator():
    from privacy_tui.core.letters import render_reminder

    request = _request("voluntary", "access", ("sent", "2026-09-01", ""))
    deadlines = request_deadlines(request, country="US", subdivision="NY")
    body = render_reminder(request, COMPANY, LONDONER, deadlines, today=date(2026, 12, 1)).body
    assert "legal deadline" not in body and "complain" not in body and "()" not in body
    assert "no privacy law obliges you" in body and "1 October 2026" in body


def test_the_voluntary_id_reply_cites_no_law():
    from privacy_tui.core.letters import render_id_reply

    request = _request("voluntary", "access", ("sent", "2026-09-01", ""), ("id_requested", "2026-09-05", ""))
    deadlines = request_deadlines(request, country="US", subdivision="NY")
    body = render_id_reply(request, COMPANY, LONDONER, deadlines, identity_fields=("name",), today=date(2026, 9, 6)).body
    assert "under  " not in body and "Under " not in body and "()" not in body and "Ada Example" in body
