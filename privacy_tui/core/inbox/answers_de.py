"""The ready answers in German (core.inbox.answers has the English and the sources of the citations).

Written for privacy-tui, plain and firm, with the same legal content as the English answers:
Art. 5 Abs. 1 lit. c, Art. 12 Abs. 2, 3 und 6, Art. 15 Abs. 1 DSGVO, Erwägungsgrund 63, and the
EDPB Guidelines 01/2022 (Rn. 69, 77), cited as the German texts of the GDPR and the guidelines
name them; the expired-link answer also cites Art. 12 Abs. 1 (communication in an easily accessible
form) and Art. 15 Abs. 3 (a copy of the data). Laws: the GDPR only (as the German letters).
"""

from __future__ import annotations

from datetime import date

from ..letter_language import long_date
from .answer_letter import assemble

REGIMES = ("gdpr",)
LAW = "DSGVO"

SUBJECTS = {
    "excessive_id": "Identitätsnachweis zu meinem Antrag",
    "webform_redirect": "mein Antrag gilt wie gestellt",
    "clarification": "Umfang meines Antrags",
    "no_data_with_evidence": "Sie verarbeiten Daten über mich",
    "link_expired": "der Download-Link ist abgelaufen",
}


def _day(d: date) -> str:
    return long_date(d, "de")


def sent_phrase(reference: str, sent: date | None) -> str:
    """What follows "mein Antrag" in any case: " vom 5. Januar 2026 (Referenz X)"."""
    ref = f" (Referenz {reference})" if reference else ""
    return f" vom {_day(sent)}{ref}" if sent else ref


def due_sentence(due: date | None) -> str:
    if due:
        return f"Die Frist für Ihre Antwort (Art. 12 Abs. 3 {LAW}) endet am {_day(due)}."
    return f"Bitte antworten Sie innerhalb der Frist des Art. 12 Abs. 3 {LAW}."


def _excessive_id(sent: str, details: str) -> str:
    asked = details or "eine Kopie eines Ausweisdokuments"
    return (
        f"Bevor Sie meinen Antrag{sent} bearbeiten, verlangen Sie von mir {asked}.\n\n"
        f"Das halte ich nicht für erforderlich. Nach Art. 12 Abs. 6 {LAW} dürfen Sie zusätzliche Informationen nur "
        "anfordern, wenn Sie begründete Zweifel an meiner Identität haben, und nur so viele, wie nötig sind, um "
        f"diese Zweifel auszuräumen; der Grundsatz der Datenminimierung (Art. 5 Abs. 1 lit. c {LAW}) verbietet, "
        "mehr zu erheben. Der Europäische Datenschutzausschuss verlangt in seinen Leitlinien 01/2022 zum "
        "Auskunftsrecht eine Verhältnismäßigkeitsprüfung und nicht mehr Daten, als zur Identifizierung nötig sind "
        "(Rn. 69); eine Ausweiskopie kann nur unter besonderen Umständen gerechtfertigt sein, etwa bei der "
        "Verarbeitung besonderer Kategorien personenbezogener Daten (Rn. 77).\n\n"
        "Sie kennen mich bereits durch die Angaben in meinem Antrag: meinen Namen und die E-Mail-Adresse, von der "
        "diese Nachricht kommt und die ich bei Ihnen verwende. Wenn Sie einen konkreten, begründeten Zweifel an "
        "meiner Identität haben, nennen Sie ihn bitte und die geringste Angabe, die ihn ausräumt; dann werde ich "
        "prüfen, ob ich sie Ihnen gebe.\n\n"
        "Bitte bearbeiten Sie meinen Antrag weiter. Eine Forderung, die über das Erforderliche hinausgeht, hemmt "
        "die Frist nach meiner Auffassung nicht."
    )


def _webform(sent: str, details: str) -> str:
    where = f" ({details})" if details else ""
    return (
        f"Sie haben mich gebeten, für meinen Antrag{sent} Ihr Webformular{where} zu benutzen.\n\n"
        f"Mein Antrag gilt wie gestellt. Die {LAW} schreibt für einen Antrag weder eine bestimmte Form noch einen "
        f"bestimmten Weg vor. Sie sind verpflichtet, mir die Ausübung meiner Rechte zu erleichtern (Art. 12 Abs. 2 "
        f"{LAW}), und mein Antrag ging an eine Adresse, die Sie für Datenschutzfragen angeben. Die Frist des "
        f"Art. 12 Abs. 3 {LAW} läuft ab dem Eingang meiner E-Mail, nicht ab dem Tag, an dem ich ein Formular "
        "ausfüllen würde.\n\n"
        "Bitte bearbeiten Sie den Antrag so, wie er eingegangen ist, und verlangen Sie nicht, dass ich ihn erneut "
        "stelle oder neuen Bedingungen zustimme, um meine Rechte auszuüben."
    )


def _clarification(sent: str, details: str) -> str:
    answer = details or "[nennen Sie die Konten, Dienste oder E-Mail-Adressen, die gemeint sind]"
    return (
        f"Sie haben gefragt, welche Konten oder Dienste mein Antrag{sent} umfasst.\n\n"
        f"{answer}\n\n"
        "Mein Antrag umfasst weiterhin alle personenbezogenen Daten, die Sie unter diesen und allen anderen mir "
        "zugeordneten Kennungen über mich verarbeiten.\n\n"
        f"Verarbeitet ein Verantwortlicher eine große Menge von Informationen, darf er nach Erwägungsgrund 63 der "
        f"{LAW} um Präzisierung bitten; Art. 12 Abs. 3 {LAW} hemmt die Frist dafür nicht. Mein Antrag betraf alle "
        "Daten über mich, und die Antwort oben schränkt ihn nicht ein."
    )


def _no_data(sent: str, details: str) -> str:
    evidence = details or "[beschreiben Sie Ihre Belege: z. B. E-Mails des Unternehmens an Sie, eine Bestellung, ein Konto]"
    return (
        f"Auf meinen Antrag{sent} haben Sie geantwortet, dass Sie keine personenbezogenen Daten über mich verarbeiten.\n\n"
        f"Das kann nicht vollständig sein. {evidence}\n\n"
        f"Nach Art. 15 Abs. 1 {LAW} habe ich Anspruch auf eine zutreffende Bestätigung, ob Sie mich betreffende "
        "Daten verarbeiten, und gegebenenfalls auf eine Kopie und die dort genannten Informationen. Bitte suchen "
        "Sie erneut, auch in Ihren Systemen für Marketing, Kundendienst, Abrechnung und Datensicherung sowie bei "
        "Auftragsverarbeitern, und senden Sie mir die vollständige Auskunft.\n\n"
        "Bleibt es bei Ihrer Antwort, bestätigen Sie bitte schriftlich, dass Sie diese Systeme durchsucht haben, "
        "damit ich die Sache der Aufsichtsbehörde vorlegen kann."
    )


def _link_expired(sent: str, details: str) -> str:
    what = f" ({details})" if details else ""
    return (
        f"Der Download-Link{what}, den Sie mir als Antwort auf meinen Antrag{sent} geschickt haben, ist abgelaufen, bevor ich "
        "meine Daten abrufen konnte.\n\n"
        f"Nach Art. 12 Abs. 1 und Art. 15 Abs. 3 {LAW} muss mich die Auskunft tatsächlich erreichen. Bitte senden Sie die Daten "
        "erneut, als Anhang oder über einen Link, der angemessen lange gültig bleibt (mindestens 14 Tage), und "
        "teilen Sie mir mit, wie lange er verfügbar ist."
    )


BODIES = {
    "excessive_id": _excessive_id,
    "webform_redirect": _webform,
    "clarification": _clarification,
    "no_data_with_evidence": _no_data,
    "link_expired": _link_expired,
}


def render(answer_kind: str, *, regime: str, reference: str, request_sent: date | None, due: date | None,
           profile_name: str, details: str) -> tuple[str, str]:
    return assemble(
        SUBJECTS[answer_kind], reference, mark=":", salutation="Sehr geehrte Damen und Herren,",
        answer=BODIES[answer_kind](sent_phrase(reference, request_sent), details), due=due_sentence(due),
        keep_reference=f"Bitte geben Sie in Ihrer Antwort die Referenz {reference} an.",
        closing=f"Mit freundlichen Grüßen\n{profile_name}" if profile_name else "Mit freundlichen Grüßen",
    )
