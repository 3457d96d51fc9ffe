"""The analyzer on the five real policies in ../shared/policies, with expectations set by reading them.

Notes from reading them:
- casecraft: a truncated notice; names itself only as "CaseCraft" (title "CaseCraft App Privacy
  Policy"); lists GDPR legal bases (legitimate interests, legal obligations, contract) and the
  CCPA "business purposes" wording ("sell and/or share ... verify or maintain the quality or safety
  of a service or device"); no contact, no data list, no rights section body.
- icanopus: "made by the iCanopus Technology (ICT)"; the only contact is sales@icanopustech.com,
  offered for privacy concerns; no law named; "at least 30 days' advance notice" of changes and
  "sending us an email within 30 days" are not response deadlines.
- redflag: never names its publisher (contact iso@redflagert.com, the DPO); UK law and the ICO
  (whose phone and postal address it gives: not the publisher's); withdrawal of consent and
  portability are explicitly *not* offered.
- velopack: a Termly template that lost its headings: names only "our website at
  https://velopack.io"; a CCPA table whose "Collected" column is empty (so the table says
  nothing); GDPR legal bases; PIPEDA's exceptions ("laws of Canada or a province").
- wicresoft: "Wicresoft North America, LTD (“Company”, “we”...)"; CCPA table without YES/NO under
  "we may have collected the following categories"; a disclosure list that includes protected
  classifications (disclosed is not collected); 45 days for California, "We will respond to
  your request within 30 days" for everyone (the shorter general promise wins).
"""

from __future__ import annotations

import re

import pytest

from privacy_tui.core.policy import JSON_KEYS, analyze_bytes


def _analyze(shared_dir, name):
    path = shared_dir / "policies" / f"{name}.txt"
    return analyze_bytes(path.read_bytes(), filename=path.name)


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _check_evidence(analysis):
    """Every evidence entry quotes the extracted text at its offset."""
    data = analysis.to_json()
    assert tuple(data) == JSON_KEYS
    ev = data["evidence"]
    entries = []
    for key in ("company", "address", "response_days"):
        if data[key] is None:
            assert ev[key] is None
        else:
            entries.append(ev[key])
    for key in ("emails", "webforms", "data_items"):
        assert len(ev[key]) == len(data[key])
        entries.extend(ev[key])
    for key in ("regimes", "ccpa_categories", "rights"):
        assert sorted(ev[key]) == sorted(data[key])
        entries.extend(ev[key].values())
    for entry in entries:
        assert set(entry) == {"text", "offset"}
        at = _collapse(analysis.text[entry["offset"] : entry["offset"] + len(entry["text"]) * 2])
        assert at.startswith(entry["text"][:60]), (entry, at[:80])


def test_casecraft(shared_dir):
    a = _analyze(shared_dir, "casecraft")
    assert a.company == "CaseCraft"
    assert a.company_evidence.offset == 0
    assert a.emails == () and a.webforms == () and a.address is None
    assert "gdpr" in a.regimes and "uk_gdpr" not in a.regimes
    assert a.ccpa_categories == () and a.data_items == ()
    assert a.rights == ()
    assert a.response_days is None
    _check_evidence(a)


def test_icanopus(shared_dir):
    a = _analyze(shared_dir, "icanopus")
    assert a.company == "iCanopus Technology"
    assert a.emails == ("sales@icanopustech.com",)
    assert a.regimes == ()
    assert a.response_days is None  # 30 days' notice of changes is no response deadline
    assert a.address is None
    assert {"A", "B", "F", "G"} <= set(a.ccpa_categories)
    items = {i.item for i in a.data_items}
    assert {"real_name", "email_address", "phone_number", "ip_address", "payment_card"} <= items
    assert {"access", "deletion"} <= set(a.rights)
    assert "opt_out_sale" not in a.rights and "non_discrimination" not in a.rights
    _check_evidence(a)


def test_redflag(shared_dir):
    a = _analyze(shared_dir, "redflag-business-products")
    assert a.company is None  # the notice never names its publisher
    assert a.emails == ("iso@redflagert.com",)
    assert "Data Protection Officer" in a.email_evidence[0].text
    assert a.regimes == ("uk_gdpr",)
    assert set(a.rights) == {"access", "rectification", "objection", "deletion", "restriction"}
    assert a.response_days is None
    assert a.address is None  # the ICO's Wycliffe House is not the publisher's address
    assert {"A", "I"} <= set(a.ccpa_categories)
    assert {"job_title", "email_address", "ip_address"} <= {i.item for i in a.data_items}
    _check_evidence(a)


def test_velopack(shared_dir):
    a = _analyze(shared_dir, "velopack")
    assert a.company == "Velopack"
    assert a.emails == () and a.address is None and a.response_days is None
    assert {"ccpa", "pipeda"} <= set(a.regimes)
    cats = set(a.ccpa_categories)
    assert {"A", "B", "F", "I"} <= cats
    # The table's "Collected" column is empty: its example rows say nothing about collection.
    assert not cats & {"C", "E", "H", "J", "K"}
    items = {i.item for i in a.data_items}
    assert {"real_name", "phone_number", "email_address", "job_title", "payment_card", "ip_address"} <= items
    assert "biometrics" not in items
    assert "withdraw_consent" in a.rights
    _check_evidence(a)


def test_wicresoft(shared_dir):
    a = _analyze(shared_dir, "wicresoft")
    assert a.company == "Wicresoft North America, LTD"
    assert "(“Company”, “we”" in a.company_evidence.text
    assert set(a.emails) == {"privacy@wicresoftinternational.com", "privacy@wicresoft.com"}
    assert {"gdpr", "ccpa"} <= set(a.regimes)
    cats = set(a.ccpa_categories)
    assert {"A", "B", "F", "G", "I"} <= cats
    assert "C" not in cats  # only in the list of categories *disclosed*
    assert a.category_evidence["G"].text.startswith("Geolocation data")
    assert {"access", "deletion", "portability", "opt_out_sale", "non_discrimination"} <= set(a.rights)
    assert a.response_days == 30
    assert "30 days" in a.response_evidence.text
    assert a.address == "Wicresoft North America, LTD, 13810 SE Eastgate Way, Suite 560, Bellevue, WA 98005, United States"
    _check_evidence(a)


@pytest.mark.parametrize("name", ["casecraft", "icanopus", "redflag-business-products", "velopack", "wicresoft"])
def test_text_and_bytes_agree(shared_dir, name):
    from privacy_tui.core.policy import analyze_text

    path = shared_dir / "policies" / f"{name}.txt"
    by_bytes = analyze_bytes(path.read_bytes(), filename=path.name)
    by_text = analyze_text(path.read_text(encoding="utf-8"))
    assert by_bytes.to_json() == by_text.to_json()
