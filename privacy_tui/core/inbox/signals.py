"""Signals in a reply that are not about one kind: is it automatic, is it bulk mail, is it about
a privacy request at all. Shared by matching (a sender domain alone is not enough for bulk mail)
and classification."""

from __future__ import annotations

import re

from .message import ParsedMessage
from .phrases import at_word_start

# Words that say a message is about a data-rights request (EN/DE/FR).
_PRIVACY = at_word_start(
    r"(?:gdpr|dsgvo|rgpd|ccpa|cpra|uk gdpr|lgpd|pipeda|data protection|privacy|personal (?:data|information)|"
    r"data subject|subject access|dsar|dsr|access request|deletion request|erasure|right of access|"
    r"your (?:data|request|enquiry|inquiry)|article 1[5-9]|art\.? ?1[5-9]|"
    r"datenschutz|personenbezogen\w*|auskunft\w*|löschung\w*|betroffenenrecht\w*|ihre anfrage|ihr(?:e|em)? (?:antrag|ersuchen)|"
    r"données personnelles|données à caractère personnel|protection des données|droit d'accès|votre demande|"
    r"demande d'accès|effacement|délégué à la protection|dpo)\b",
    re.IGNORECASE,
)

# Bulk and transactional mail that is never an answer to a request.
_BULK_WORDS = at_word_start(
    r"(?:newsletter|unsubscribe|abmelden|désinscri\w*|se désabonner|order confirmation|your order|"
    r"bestellbestätigung|ihre bestellung|confirmation de commande|votre commande|password reset|reset your password|"
    r"passwort zurücksetzen|réinitialis\w* (?:de )?votre mot de passe|shipped|versandt|expédiée|"
    r"% off|sale|angebot\w*|offre spéciale|promo\w*|black friday|invoice|rechnung|facture|receipt|"
    r"sign-in|new login|neue anmeldung|nouvelle connexion|verification code|bestätigungscode|code de vérification)\b",
    re.IGNORECASE,
)

_OUT_OF_OFFICE = at_word_start(
    r"(?:out of (?:the )?office|on (?:annual )?leave|on vacation|on holiday|away from (?:the|my) office|"
    r"limited access to (?:my )?e-?mail|abwesend\w*|abwesenheit\w*|außer haus|im urlaub|urlaub|nicht im büro|"
    r"absent\w*|en congés?|en vacances|hors du bureau|absence|automatische antwort|automatic reply|auto-?reply|"
    r"réponse automatique|autoreply)\b",
    re.IGNORECASE,
)


def is_automatic(msg: ParsedMessage) -> bool:
    """Sent by a machine (RFC 3834 Auto-Submitted, the vendor headers, Precedence auto_reply)."""
    h = msg.headers
    auto = h.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return True
    if h.get("x-autoreply") or h.get("x-autorespond"):
        return True
    return h.get("precedence", "").strip().lower() in ("auto_reply", "auto-reply")


def is_auto_replied(msg: ParsedMessage) -> bool:
    """An RFC 3834 auto-reply (vacation, "we got your mail") rather than a generated notification."""
    h = msg.headers
    auto = h.get("auto-submitted", "").strip().lower()
    return (auto.startswith("auto-replied") or bool(h.get("x-autoreply") or h.get("x-autorespond"))
            or h.get("precedence", "").strip().lower() in ("auto_reply", "auto-reply"))


def is_bulk(msg: ParsedMessage) -> bool:
    """Mailing-list or bulk headers: newsletters and marketing."""
    h = msg.headers
    return bool(h.get("list-id") or h.get("list-unsubscribe")) or h.get("precedence", "").strip().lower() in (
        "bulk", "list", "junk")


def out_of_office(msg: ParsedMessage) -> bool:
    return bool(_OUT_OF_OFFICE.search(msg.subject) or _OUT_OF_OFFICE.search(msg.text[:3000]))


def about_privacy(msg: ParsedMessage) -> bool:
    return bool(_PRIVACY.search(msg.subject) or _PRIVACY.search(msg.text[:20_000]))


def looks_unrelated(msg: ParsedMessage) -> bool:
    """Newsletters, orders, password resets from the company: not an answer to a request."""
    if is_bulk(msg) and not _PRIVACY.search(msg.subject):
        return True
    if about_privacy(msg):
        return False
    return bool(_BULK_WORDS.search(msg.subject) or _BULK_WORDS.search(msg.text[:5000])) or not msg.text.strip()


__all__ = ["about_privacy", "is_auto_replied", "is_automatic", "is_bulk", "looks_unrelated", "out_of_office"]
