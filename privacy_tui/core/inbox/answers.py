"""Ready answers to the usual deflections, worded for the law of the request.

Texts written for privacy-tui. Citations (checked against the texts of the laws and guidance):
- GDPR Art 5(1)(c) (data minimisation); Art 12(2) (the controller shall facilitate the exercise
  of the rights); Art 12(3) (one month from receipt, extension by two months with reasons
  within the first month); Art 12(6) (additional information only with reasonable doubts about
  identity); Art 15(1) (confirmation whether data is processed, and access); Recital 63.
- EDPB Guidelines 01/2022 on the right of access (version 2.1): para 69 (a proportionality
  assessment; collect no more than needed to identify), para 77 (a copy of an ID may be
  justified only in particular circumstances, e.g. special categories of data).
- UK GDPR Art 12A (inserted by the Data (Use and Access) Act 2025, in force 5 February 2026):
  the time for a response may pause while the controller waits for information it reasonably
  needs (identity, clarification), and then continues.
- CCPA 11 CCR §7020(e) (a request not made through a designated method must be treated as if
  it had been, or the consumer told how to remedy it); §7021(b) (45 calendar days from receipt
  "regardless of time required to verify"); §7060 (verify with the information the business
  already holds whenever feasible; generally avoid asking for more); §7060(e) (no fee for
  verification, e.g. a notarised affidavit).
Other regimes get the same letters with their own name and deadline citation from core.laws,
without article numbers this module has not checked.

Pure: strings in, (subject, body) out; the caller sends them through the outbox like any letter.
Languages: English here; German (answers_de.py, GDPR) and French (answers_fr.py: GDPR, the
Quebec Act, PIPEDA). `covers(code, regime)` says whether an answer exists in a language for a law;
where it does not, the answer is English (services.inbox_answer chooses, as for the letters).
"""

from __future__ import annotations

from datetime import date

from privacy_tui.core.laws.base import Regime
from privacy_tui.core.laws.registry import get_regime

from ..text import strip_controls
from .answer_letter import assemble
from .classify import Understanding

LANGUAGES = ("en", "de", "fr")
ANSWER_KINDS = ("excessive_id", "webform_redirect", "clarification", "no_data_with_evidence", "link_expired")

_SUBJECTS = {
    "excessive_id": "identification for my request",
    "webform_redirect": "my request stands as sent",
    "clarification": "the scope of my request",
    "no_data_with_evidence": "you do hold data about me",
    "link_expired": "the download link has expired",
}


def answer_kind_for(kind: str, understanding: Understanding) -> str | None:
    """The ready answer for a message of `kind`, if there is one.

    An ID request always gets the minimisation answer offered: the user decides whether the
    demand is excessive before sending it. A fulfilled message gets the expired-link follow-up
    only when its link's expiry date is known (the caller compares it with today)."""
    if kind == "id_requested":
        return "excessive_id"
    if kind == "webform_redirect":
        return "webform_redirect"
    if kind == "clarification_requested":
        return "clarification"
    if kind == "no_data":
        return "no_data_with_evidence"
    if kind == "fulfilled" and understanding.download_links and understanding.link_expiry:
        return "link_expired"
    return None


def _day(d: date | None) -> str:
    return f"{d.day} {d.strftime('%B %Y')}" if d else ""


def _sent_phrase(request_sent: date | None) -> str:
    return f"sent on {_day(request_sent)}" if request_sent else "I sent you"


def _due_sentence(regime: Regime, due: date | None) -> str:
    cite = regime.rule.citation
    if due:
        return f"The time limit for your answer ({cite}) ends on {_day(due)}."
    return f"Please answer within the time limit set by {cite}."


# The two laws whose articles these answers cite by number, with the name each is cited by.
_GDPR_NAMES = {"gdpr": "GDPR", "uk_gdpr": "UK GDPR"}


def _excessive_id(r: Regime, sent: str, details: str) -> str:
    asked = details or "a copy of an identity document"
    law = _GDPR_NAMES.get(r.key)
    if law:
        basis = (
            f"Article 12(6) {law} allows you to ask for additional information only where you have reasonable "
            f"doubts about my identity, and only what is necessary to resolve them; Article 5(1)(c) {law} (data "
            f"minimisation) forbids collecting more than that."
        )
        if r.key == "gdpr":
            basis += (
                " The European Data Protection Board's Guidelines 01/2022 on the right of access ask controllers "
                "to weigh what is proportionate and not to collect more data than is needed to identify the "
                "requester (paragraph 69); a copy of an identity document may be justified only in particular "
                "circumstances, such as the processing of special categories of data (paragraph 77)."
            )
        clock = ("A demand that goes beyond what is necessary does not, in my view, suspend the time limit.")
    elif r.key == "ccpa":
        basis = (
            "11 CCR §7060 requires you to verify a request, whenever feasible, by matching the information I give "
            "against the information you already hold about me, and to generally avoid asking for more; you may not "
            "make me bear a cost for verification (§7060(e))."
        )
        clock = ("The 45-day period runs from the day you received my request, regardless of the time needed to "
                 "verify it (11 CCR §7021(b)).")
    else:
        basis = (f"Under the {r.name}, you may ask only for what is reasonably necessary to identify me, and must use "
                 "it for no other purpose.")
        clock = ""
    return (
        f"You asked me for {asked} before you will act on my request {sent}.\n\n"
        f"I do not think that is necessary. {basis}\n\n"
        "You already know me by the details I gave in my request: my name and the email address this message "
        "comes from, which is the address I use with you. If you have a specific, reasonable doubt about my "
        "identity, please tell me what it is and the least information that would resolve it, and I will "
        "consider providing it.\n\n"
        f"Please go on with my request. {clock}".rstrip()
    )


def _webform(r: Regime, sent: str, details: str) -> str:
    law = _GDPR_NAMES.get(r.key)
    if law:
        basis = (
            f"The {law} does not require a request to be made in any particular form or through a particular "
            f"channel. You are obliged to facilitate the exercise of my rights (Article 12(2) {law}), and my request "
            f"was sent to an address you publish for privacy matters. The time limit of Article 12(3) {law} runs "
            "from the day you received my email, not from the day I might fill in a form."
        )
    elif r.key == "ccpa":
        basis = (
            "Under 11 CCR §7020(e), a request that is not made through one of your designated methods must either be "
            "treated as if it had been, or answered with information on how to submit it or remedy a deficiency. "
            "My request contains everything needed to process it. The 45-day period runs from the day you received "
            "it (11 CCR §7021(b))."
        )
    else:
        basis = (f"The {r.name} does not make a request depend on one particular form. The time limit runs from the "
                 "day you received my email.")
    where = f" ({details})" if details else ""
    return (
        f"You asked me to use your web form{where} instead of the request {sent}.\n\n"
        f"My request stands as sent. {basis}\n\n"
        "Please process it as received, and do not ask me to submit it a second time or to accept new terms in "
        "order to exercise my rights."
    )


def _clarification(r: Regime, sent: str, details: str) -> str:
    answer = details or "[state which accounts, services or email addresses you mean]"
    if r.key == "gdpr":
        clock = (
            "Where a controller processes a large quantity of information, Recital 63 GDPR allows it to ask the data "
            "subject to specify the information the request relates to; Article 12(3) GDPR does not suspend the "
            "time limit for that. My request covered all personal data you hold about me, and the answer above "
            "does not narrow it."
        )
    elif r.key == "uk_gdpr":
        clock = (
            "Under Article 12A UK GDPR the time for your response may pause while you wait for information you "
            "reasonably need to identify what I am asking for; it continues from the day you receive this answer."
        )
    elif r.key == "ccpa":
        clock = ("Your question does not stop the 45-day period, which began when you received my request "
                 "(11 CCR §7021(b)).")
    elif r.restart_on_info:
        clock = f"The time limit continues from the day you receive this answer ({r.restart_citation})."
    else:
        clock = f"Your question does not stop the time limit ({r.rule.citation})."
    return (
        f"You asked which accounts or services are covered by my request {sent}.\n\n"
        f"{answer}\n\n"
        "My request still covers all personal data you hold about me under these and any other identifiers you "
        "link to me.\n\n"
        f"{clock}"
    )


def _no_data(r: Regime, sent: str, details: str) -> str:
    evidence = details or "[describe your evidence: e.g. emails from the company to you, an order, an account]"
    law = _GDPR_NAMES.get(r.key)
    if law:
        duty = (f"Article 15(1) {law} entitles me to an accurate confirmation of whether you process my personal "
                "data, and if so to a copy of it and the information listed there.")
    elif r.key == "ccpa":
        duty = ("Cal. Civ. Code §§1798.110 and 1798.115 entitle me to know the personal information you have "
                "collected about me, including the specific pieces.")
    else:
        duty = f"The {r.name} entitles me to an accurate answer about the personal information you hold about me."
    return (
        f"You told me that you hold no personal data about me, in reply to my request {sent}.\n\n"
        f"That cannot be complete. {evidence}\n\n"
        f"{duty} Please search again, including your marketing, customer service, billing and backup systems, "
        "and the records of any processor acting for you, and send me the full answer.\n\n"
        "If your answer stays the same, please confirm in writing that you have searched those systems, "
        "so that I can put the matter to the supervisory authority."
    )


def _link_expired(r: Regime, sent: str, details: str) -> str:
    what = f" ({details})" if details else ""
    return (
        f"The download link you sent me in answer to my request {sent}{what} has expired before I could "
        "retrieve my data.\n\n"
        f"Under the {r.short} the answer must actually reach me. Please send the data again, either as an "
        "attachment or through a link that stays valid for a reasonable time (at least 14 days), and tell me "
        "how long it will remain available."
    )


_BODIES = {
    "excessive_id": _excessive_id,
    "webform_redirect": _webform,
    "clarification": _clarification,
    "no_data_with_evidence": _no_data,
    "link_expired": _link_expired,
}


def _language_module(code: str):
    if code == "de":
        from . import answers_de

        return answers_de
    if code == "fr":
        from . import answers_fr

        return answers_fr
    return None


def covers(code: str, regime: str) -> bool:
    """Whether the ready answers exist in language `code` for the law `regime`."""
    module = _language_module(code)
    return code == "en" if module is None else regime in module.REGIMES


def render_answer(answer_kind: str, *, regime: str, company_name: str, reference: str, request_sent: date | None,
                  due: date | None, profile_name: str, details: str = "", language: str = "en") -> tuple[str, str]:
    """(subject keeping the request's reference code, body) of the ready answer, in `language`
    when `covers(language, regime)`, else in English."""
    if answer_kind not in _BODIES:
        raise ValueError(f"unknown answer {answer_kind!r}; known: {', '.join(ANSWER_KINDS)}")
    r = get_regime(regime)
    company = strip_controls(company_name) or "Sir or Madam"
    name = strip_controls(profile_name)
    reference = strip_controls(reference)
    details = strip_controls(details, multiline=True).strip()
    module = _language_module(language)
    if module is not None and regime in module.REGIMES:
        return module.render(answer_kind, regime=regime, reference=reference, request_sent=request_sent, due=due,
                             profile_name=name, details=details)
    sent = (f"{reference}, " if reference else "") + _sent_phrase(request_sent)
    return assemble(
        _SUBJECTS[answer_kind], reference, mark=":", salutation=f"Dear {company} privacy team,",
        answer=_BODIES[answer_kind](r, sent, details), due=_due_sentence(r, due),
        keep_reference=f"Please keep the reference {reference} in your reply.",
        closing=f"Kind regards,\n{name}" if name else "Kind regards",
    )


__all__ = ["ANSWER_KINDS", "LANGUAGES", "answer_kind_for", "covers", "render_answer"]
