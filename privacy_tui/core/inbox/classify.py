"""What kind of reply is it? Structure first (reports, auto-reply headers, attachments, links),
then wording in English, German and French; plus what the timeline needs from it: the company's
ticket number, the new deadline of an extension, a download link and its expiry.

Rules, not a model: every decision comes with reasons in words, so the user can see why a
message was read as an extension before accepting it. Scores are sums of weighted phrases; the
confidence is the winning share, capped by how strong the evidence is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .match import references_in
from .message import ParsedMessage
from .phrases import at_word_start
from .signals import about_privacy, is_automatic, is_bulk, looks_unrelated, out_of_office
from .when import dates_in, periods_in

KINDS = ("acknowledged", "id_requested", "clarification_requested", "extended", "fulfilled", "denied",
         "no_data", "webform_redirect", "bounce", "auto_reply", "unrelated")
AUTO_APPLY = frozenset({"acknowledged", "bounce", "auto_reply"})
AUTO_THRESHOLD = 0.9


@dataclass(frozen=True)
class Understanding:
    kind: str
    confidence: float
    ticket: str = ""
    new_deadline: str = ""
    download_links: tuple[str, ...] = ()
    link_expiry: str = ""
    reasons: tuple[str, ...] = ()


def _p(*patterns: str) -> re.Pattern[str]:
    # Phrases are lower case and scanned in lower-cased text (case-insensitive matching is twice
    # as slow), each starting at a word boundary so the engine gives up at once inside words.
    assert all(p == p.lower() for p in patterns), "phrases are written in lower case"
    return at_word_start("|".join(f"(?:{p})" for p in patterns))


# (kind, weight, pattern, words for the user)
_WORDING: tuple[tuple[str, float, re.Pattern[str], str], ...] = (
    ("acknowledged", 2.0, _p(
        r"(?:we|i)(?:'ve| have)? (?:received|got|registered|logged) your (?:\w+ ){0,3}(?:request|e-?mail|message|enquiry|inquiry)",
        r"(?:we|i)(?:'ve| have) (?:received|got) (?:it|them)\b",
        r"(?:this|the) (?:e-?mail|message) (?:is to )?confirms? (?:that we have )?(?:receipt|received)",
        r"confirm(?:ing)? (?:the )?receipt of your",
        r"thank you for (?:your|contacting)", r"we(?: will|'ll) (?:respond|reply|get back to you|be in touch|process)",
        r"a (?:ticket|case|request) (?:has been|was) (?:created|opened|logged)",
        r"(?:wir haben|haben wir) ihre (?:\w+ ){0,3}(?:anfrage|e-?mail|nachricht|antrag|ersuchen) (?:\w+ ){0,3}erhalten",
        r"eingang ihre[rs] (?:\w+ ){0,2}(?:anfrage|antrag|schreibens|nachricht)", r"vielen dank für ihre",
        r"wir (?:werden|melden) (?:uns|ihre anfrage)", r"bestätigen (?:ihnen )?den eingang",
        r"nous avons (?:bien )?reçu votre", r"accusons (?:bonne )?réception", r"bien été reçue?",
        r"merci pour votre (?:demande|message|e-?mail)", r"nous reviendrons vers vous", r"nous vous répondrons"),
     "confirms receipt of the request"),
    ("id_requested", 3.0, _p(
        r"verify your identity", r"(?:proof|confirmation|verification) of (?:your )?identity", r"identity verification",
        r"(?:copy|scan|photo) of (?:your |a )?(?:\w+ )?(?:passport|id|identity|driving licen[cs]e|government)",
        r"photo id", r"selfie", r"confirm (?:that )?you are the (?:account holder|data subject)",
        r"identität (?:zu )?(?:bestätigen|verifizieren|nachweisen|überprüfen)", r"identitätsnachweis",
        r"(?:kopie|scan) (?:ihres|des) (?:personalausweis|ausweis|reisepass)\w*", r"personalausweis\w*",
        r"vérifier votre identité", r"justificatif d'identité", r"pièce d'identité", r"copie de votre (?:carte|passeport)"),
     "asks for proof of identity"),
    ("clarification_requested", 3.0, _p(
        r"(?:which|what) (?:\w+ ){0,2}(?:accounts?|services?|products?|brands?|e-?mail address(?:es)?|information|data) "
        r"(?:\w+ ){0,4}(?:you are referring to|your request (?:relates|refers) to|you would like|you want|do you mean|"
        r"should we|are you (?:requesting|asking))",
        r"please (?:clarify|specify|let us know (?:which|what))", r"(?:could|can) you (?:please )?(?:clarify|specify|confirm which)",
        r"more (?:details|information) (?:about|on|regarding) (?:your request|what)", r"narrow (?:down )?(?:your|the) request",
        r"welche[ns]? (?:\w+ ){0,2}(?:konten|konto|dienste|dienst|produkte|daten|e-?mail-adressen?)",
        r"bitte (?:präzisieren|konkretisieren|teilen sie uns mit,? (?:welche|auf welche))", r"präzisierung",
        r"précis(?:er|ion)s? (?:\w+ ){0,3}(?:quel|quels|quelle|quelles|votre demande)", r"quel(?:le)?s? (?:compte|service)s?",
        r"merci de (?:nous )?préciser"),
     "asks which accounts or data the request is about"),
    ("extended", 3.0, _p(
        r"extend(?:ed|ing)? (?:the )?(?:\w+ ){0,3}(?:deadline|period|time(?:frame)?|response time)",
        r"extension (?:of|to) (?:the )?(?:\w+ ){0,2}(?:deadline|period|time)",
        r"(?:additional|further|another) (?:two|2|45|forty-five|\w+) (?:months|days)",
        r"article 12\(3\)", r"art\.? 12 (?:abs\.? 3|\(3\))", r"(?:frist|bearbeitungsfrist) (?:\w+ ){0,3}verlänger\w*",
        r"verlänger\w* (?:\w+ ){0,4}(?:frist|monate)", r"um (?:weitere )?zwei (?:weitere )?monate",
        r"prolong\w* (?:\w+ ){0,3}(?:délai|de deux mois)", r"délai (?:\w+ ){0,3}prolongé", r"deux mois supplémentaires"),
     "extends the deadline"),
    ("fulfilled", 2.5, _p(
        r"(?:please find|attached (?:is|are|you will find)|you will find attached|we (?:have )?attached|enclosed)",
        r"(?:copy|export|archive) of (?:your |the )?(?:personal )?data", r"your data (?:export|archive|package) is ready",
        r"(?:download|access) (?:your|the) (?:data|file|archive|export)",
        r"(?:have|has) been (?:deleted|erased|removed)", r"we (?:have )?(?:deleted|erased|removed) (?:your|all)",
        r"request (?:has been|is) (?:completed|fulfilled|processed)",
        r"im anhang|anbei (?:erhalten|finden)", r"(?:kopie|auskunft|export) (?:\w+ ){0,2}(?:ihrer|über ihre) (?:\w+ ){0,2}daten",
        r"(?:wurden|sind) (?:\w+ ){0,2}gelöscht", r"daten herunterladen", r"(?:unter|über) folgendem link",
        r"vous trouverez (?:ci-joint|en pièce jointe|ci-dessous)", r"ci-joint", r"(?:ont été|a été) (?:supprimées?|effacées?)",
        r"télécharger vos données", r"copie de vos données"),
     "delivers the data or confirms the request is done"),
    ("denied", 3.0, _p(
        r"(?:unable|not able|cannot|can ?not|will not|won't) (?:to )?(?:comply|fulfil|fulfill|process|action|provide|honou?r)",
        r"(?:we )?(?:must|have to) (?:decline|refuse|reject)", r"(?:declined|refused|rejected) your request",
        r"manifestly unfounded", r"excessive", r"exemption", r"not (?:obliged|required) to",
        r"(?:können|werden) (?:ihrer|ihrem|ihre) (?:\w+ ){0,3}nicht (?:nachkommen|entsprechen|bearbeiten)",
        r"(?:lehnen|abgelehnt)", r"offenkundig unbegründet", r"nicht verpflichtet",
        r"(?:teilweise )?nicht (?:nachkommen|entsprechen|stattgeben)",
        r"(?:ne pouvons|ne sommes pas en mesure de) (?:pas )?(?:donner suite|répondre favorablement|traiter)",
        r"(?:refusons|refusée?|rejetée?)", r"manifestement infondée"),
     "refuses the request"),
    ("no_data", 4.0, _p(
        r"(?:do|does|did) not (?:hold|have|store|process|keep|find) (?:any )?(?:personal )?(?:data|information|records?)",
        r"(?:hold|have|store|found|find) no (?:personal )?(?:data|information|records?|account)",
        r"(?:could|can) ?not (?:find|locate|identify) (?:any |an )?(?:\w+ ){0,2}(?:account|data|records?|information)",
        r"no (?:account|customer record|data) (?:is |was )?(?:associated|linked|found|registered)",
        r"keine (?:\w+ ){0,2}(?:daten|informationen|kundendaten|einträge|konto|kundenkonto) (?:\w+ ){0,5}"
        r"(?:gespeichert|vorhanden|verarbeitet|gefunden|gespeichert sind|vorliegen|finden)",
        r"(?:aucune|pas de) (?:\w+ ){0,2}(?:donnée|information|compte)s? (?:\w+ ){0,4}"
        r"(?:conservée|enregistrée|traitée|trouvée|associée|détenons|concernant)\w*",
        r"ne (?:détenons|disposons|conservons|traitons) (?:\w+ ){0,2}(?:aucune|pas de)"),
     "says it holds no data about you"),
    ("webform_redirect", 3.5, _p(
        r"(?:please |kindly )?(?:use|submit (?:your request )?(?:via|through|using)|complete|fill (?:in|out)) "
        r"(?:our|the) (?:\w+ ){0,3}(?:web ?form|online form|form|portal|privacy cent(?:er|re)|request page)",
        r"(?:only|cannot) (?:accept|process) (?:\w+ ){0,4}(?:requests )?(?:submitted )?(?:via|through) (?:our|the) "
        r"(?:\w+ ){0,2}(?:form|portal)",
        r"(?:requests?|e-?mails?) (?:\w+ ){0,3}(?:not|no longer) (?:be )?(?:accepted|processed|monitored) (?:by|via) e-?mail",
        r"(?:nutzen|verwenden) sie (?:bitte )?(?:unser|das) (?:\w+ ){0,2}(?:formular|portal|kontaktformular)",
        r"über (?:unser|das) (?:\w+ ){0,2}(?:online-?formular|formular|portal|datenschutzportal)",
        r"(?:utiliser|remplir|passer par) (?:notre|le) (?:\w+ ){0,2}(?:formulaire|portail)",
        r"via (?:notre|le) (?:\w+ ){0,2}formulaire"),
     "asks you to use a web form instead"),
)

_TICKET = (
    re.compile(r"\[\s*(?:ticket|case|ref|req|request|#)[\s#:.-]*([A-Z0-9][A-Z0-9._-]{2,30})\s*\]", re.IGNORECASE),
    at_word_start(r"(?:ticket|case|request|reference|ref|incident|dossier|vorgang|anfrage|fall)"
                  r"(?:[- ]?(?:number|no\.?|nr\.?|nummer|id|#|numéro|n°|reference|ref))?"
                  r"(?:\s+(?:is|lautet|est))?\s*[:#]?\s*#?\s*([A-Z]{0,6}[-_]?\d[\w-]{2,30})", re.IGNORECASE),
    at_word_start(r"(?:ticketnummer|vorgangsnummer|aktenzeichen|fallnummer|referenznummer|bearbeitungsnummer|"
                  r"numéro de (?:dossier|ticket|demande|référence)|référence)(?:\s+(?:is|lautet|est))?\s*[:#]?\s*#?\s*([A-Z0-9][\w-]{2,30})", re.IGNORECASE),
    re.compile(r"#(?<![\w#]#)(\d{4,12})\b"),  # the '#' first: the engine then skips to each '#' at once
)
_SUBJECT_CODE = re.compile(r"\b([A-Z]{2,6})-\d{4,12}\b")
_EXPIRY_WORDS = re.compile(r"expir\w*|valid (?:for|until)|available (?:for|until)|gültig|verfügbar|läuft|"
                           r"abrufbar|valable|disponible|jusqu'au", re.IGNORECASE)
_EXTEND_WORDS = re.compile(r"extend|extension|no later than|by |until|verlänger|bis (?:zum|spätestens)|spätestens|"
                           r"prolong|avant le|au plus tard|jusqu'au", re.IGNORECASE)
_DOWNLOAD_LINK = re.compile(r"download|export|takeout|archive|dsar|data[-_]?(?:package|request|file)|/dl/|"
                            r"\.(?:zip|csv|json|pdf|tar|gz|7z)(?:\?|$)|token=|files?/", re.IGNORECASE)
_DATA_TYPES = ("application/zip", "application/x-zip-compressed", "text/csv", "application/json", "application/pdf",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
               "application/gzip", "application/x-tar", "application/x-7z-compressed", "text/plain")
_DATA_EXT = (".zip", ".csv", ".json", ".pdf", ".xlsx", ".xls", ".gz", ".tar", ".7z", ".txt", ".xml", ".html")
_QUOTE_START = re.compile(r"^(?:>|-{2,} ?original message|on .{5,80} wrote:|am .{5,80} schrieb|le .{5,80} a écrit|"
                          r"-----ursprüngliche nachricht|-----message d'origine|from: .{3,200}\nsent:)", re.IGNORECASE | re.MULTILINE)
_BOUNCE_FROM = re.compile(r"^(?:mailer-daemon|postmaster|mail-daemon|bounce[s]?)(?:[-+.@]|$)", re.IGNORECASE)
_BOUNCE_WORDS = _p(r"undeliverable", r"delivery (?:status notification|has failed|failure)",
                   r"mail delivery (?:failed|subsystem)", r"returned mail", r"unzustellbar", r"non remis",
                   r"échec de (?:la )?remise", r"user unknown", r"mailbox unavailable", r"address rejected")


def own_words(text: str) -> str:
    """The reply without the quoted request below it (">" lines, "On … wrote:", "Am … schrieb")."""
    m = _QUOTE_START.search(text)
    return text[: m.start()] if m else text


def classify(msg: ParsedMessage, *, matched: bool) -> Understanding:
    words = own_words(msg.text)[:30_000]
    haystack = f"{msg.subject}\n{words}"
    lowered = haystack.lower()
    extract = _extracted(msg, words)

    if msg.is_report or (_BOUNCE_FROM.match(msg.from_addr) and _BOUNCE_WORDS.search(lowered)):
        why = ("a delivery status report (multipart/report)" if msg.is_report else
               f"from {msg.from_addr}, saying the mail was not delivered")
        disposition = "disposition-notification" in msg.headers.get("content-type", "").lower()
        if disposition:  # a read receipt is not a failure: the request arrived
            return Understanding("auto_reply", 0.9, reasons=("a read/disposition notification",), **extract)
        if msg.report_action in ("delayed", "delivered", "relayed", "expanded"):
            # RFC 3464: only "failed" means the message did not arrive; a delay is still in transit.
            return Understanding("auto_reply", 0.9, reasons=(f"a delivery report: {msg.report_action}, not failed",),
                                 **extract)
        return Understanding("bounce", 0.97 if msg.is_report else 0.9, reasons=(why,), **extract)

    scores: dict[str, float] = {}
    reasons: dict[str, list[str]] = {}
    for kind, weight, pattern, words_for_user in _WORDING:
        hits = len(pattern.findall(lowered))
        if hits:
            scores[kind] = scores.get(kind, 0.0) + weight * min(hits, 3) ** 0.5
            reasons.setdefault(kind, []).append(words_for_user)
    data_files = [a for a in msg.attachments if a.content_type in _DATA_TYPES
                  or a.filename.lower().endswith(_DATA_EXT)]
    if data_files:
        names = ", ".join(a.filename or a.content_type for a in data_files[:3])
        scores["fulfilled"] = scores.get("fulfilled", 0.0) + 2.0
        reasons.setdefault("fulfilled", []).append(f"data attached ({names})")
    if extract["download_links"]:
        scores["fulfilled"] = scores.get("fulfilled", 0.0) + 2.0
        reasons.setdefault("fulfilled", []).append("a download link")
    if "extended" in scores:  # dates are read only where an extension is talked about
        extract["new_deadline"] = _new_deadline(words, _received(msg))
        if extract["new_deadline"]:
            scores["extended"] += 1.5
    # A "no data" answer usually also says it cannot provide anything: that is not a refusal.
    if "no_data" in scores and "denied" in scores:
        scores["denied"] *= 0.3
    # An acknowledgement phrase is in almost every reply; other kinds win over it.
    if "acknowledged" in scores and len(scores) > 1:
        scores["acknowledged"] *= 0.4
    if "fulfilled" in scores and "extended" in scores and not data_files and not extract["download_links"]:
        scores["fulfilled"] *= 0.3

    automatic = is_automatic(msg)
    away = out_of_office(msg)
    if automatic and away and not set(scores) - {"acknowledged"}:
        return Understanding("auto_reply", 0.95, reasons=("an automatic out-of-office reply",), **extract)
    privacy = about_privacy(msg) or bool(references_in(haystack))
    unrelated = looks_unrelated(msg)
    if not scores or (not matched and not privacy):
        if automatic or away:
            return Understanding("auto_reply", 0.9 if automatic else 0.7, reasons=("an automatic reply",), **extract)
        bulk = is_bulk(msg)
        if unrelated or bulk or not privacy:
            why = "bulk mail (List-Id / List-Unsubscribe)" if bulk else "not about a data-rights request"
            return Understanding("unrelated", 0.85 if not matched else 0.6, reasons=(why,), **extract)
    if not scores:
        return Understanding("unrelated", 0.4, reasons=("no known wording",), **extract)
    if unrelated and not matched and set(scores) <= {"acknowledged", "fulfilled"}:
        return Understanding("unrelated", 0.7, reasons=("looks like ordinary mail from the company",), **extract)

    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    kind, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    share = top / (top + second)
    strength = min(1.0, top / 4.0)
    confidence = round(min(0.98, 0.45 + 0.5 * share * strength + (0.05 if matched else 0.0)), 2)
    if kind == "acknowledged" and automatic:
        confidence = max(confidence, 0.92)  # a ticket system's receipt
        reasons[kind].append("sent automatically")
    if kind == "acknowledged" and extract["ticket"]:
        confidence = min(0.98, confidence + 0.05)
    return Understanding(kind, confidence, reasons=tuple(reasons.get(kind, ())), **extract)


def _extracted(msg: ParsedMessage, words: str) -> dict:
    received = _received(msg)
    links = tuple(link for link in msg.links if _DOWNLOAD_LINK.search(link))
    return {
        "ticket": ticket_in(msg.subject, words),
        "new_deadline": "",
        "download_links": links,
        "link_expiry": _link_expiry(words, received) if links else "",
    }


def _received(msg: ParsedMessage) -> date | None:
    try:
        return datetime.fromisoformat(msg.date).date() if msg.date else None
    except ValueError:
        return None


def ticket_in(subject: str, text: str) -> str:
    """The company's ticket or case number (never our own PT- reference)."""
    for source in (subject, text[:10_000]):
        for pattern in _TICKET:
            for m in pattern.finditer(source):
                value = m.group(1).strip(".-_")
                if value.upper().startswith("PT-") or source[max(0, m.start(1) - 3):m.start(1)].upper().endswith("PT-"):
                    continue
                if not any(c.isdigit() for c in value) or len(value) < 3:
                    continue
                return value
    # A bare case code in the subject ("SAR-58213 / PT-…: clarification"), as ticket systems prefix them.
    for m in _SUBJECT_CODE.finditer(subject):
        if m.group(1).upper() != "PT":
            return m.group(0)
    return ""


def _new_deadline(words: str, received: date | None) -> str:
    best: date | None = None
    for pos, found in dates_in(words):
        context = words[max(0, pos - 120):pos]
        if not _EXTEND_WORDS.search(context):
            continue
        if received and found <= received:
            continue
        best = found if best is None or found > best else best
    return best.isoformat() if best else ""


def _link_expiry(words: str, received: date | None) -> str:
    for pos, found in dates_in(words):
        if _EXPIRY_WORDS.search(words[max(0, pos - 80):pos]):
            return found.isoformat()
    if received:
        for pos, days in periods_in(words):
            if _EXPIRY_WORDS.search(words[max(0, pos - 80):pos + 40]):
                return (received + timedelta(days=days)).isoformat()
    return ""


def _timeline_kinds() -> tuple[str, ...]:
    from ..timeline import EVENT_KINDS

    return EVENT_KINDS


def event_for(kind: str) -> str | None:
    """The timeline event to append when the user accepts a message of this kind.

    - no_data -> "fulfilled": an access request is answered by saying whether any data is
      processed (GDPR Art 15(1) starts with that confirmation), so the request is closed as
      answered; a user with evidence to the contrary replies with the no_data_with_evidence text
      and, if needed, escalates.
    - bounce -> "send_failed": the request did not arrive; the user must send it again.
    - webform_redirect -> "message": not a legal event (the request stands and the clock runs),
      but it belongs on the timeline.
    - auto_reply, unrelated -> None: the message is kept in the inbox; nothing happened to the request.
    """
    if kind == "clarification_requested":
        return "clarification_requested" if "clarification_requested" in _timeline_kinds() else "id_requested"
    return {
        "acknowledged": "acknowledged", "id_requested": "id_requested", "extended": "extended",
        "fulfilled": "fulfilled", "denied": "denied", "no_data": "fulfilled", "bounce": "send_failed",
        "webform_redirect": "message",
    }.get(kind)


__all__ = ["AUTO_APPLY", "AUTO_THRESHOLD", "KINDS", "Understanding", "classify", "event_for", "own_words", "ticket_in"]
