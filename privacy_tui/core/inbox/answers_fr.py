"""The ready answers in French (core.inbox.answers has the English and the sources of the citations).

Written for privacy-tui, plain and firm, with the same legal content as the English answers:
articles 5(1)(c), 12(2), 12(3), 12(6) and 15(1) and recital 63 of the GDPR, and the EDPB
Guidelines 01/2022 (points 69 and 77), cited as the French texts name them. The Quebec Act and
PIPEDA (French letters exist for both) get the general wording the English answers give laws
other than the GDPR and the CCPA: the law's name and its deadline citation from the letters'
terms (templates/letters/fr/terms.toml), and no article this module has not checked.
"""

from __future__ import annotations

from datetime import date

from ..letter_language import get_language, long_date
from .answer_letter import assemble

REGIMES = ("gdpr", "ca_qc", "pipeda")
LAW = "RGPD"

SUBJECTS = {
    "excessive_id": "justification d'identité pour ma demande",
    "webform_redirect": "ma demande reste valable telle qu'envoyée",
    "clarification": "la portée de ma demande",
    "no_data_with_evidence": "vous détenez des données me concernant",
    "link_expired": "le lien de téléchargement a expiré",
}


def _terms(regime: str) -> dict:
    return get_language("fr").terms["regimes"][regime]


def _day(d: date, regime: str) -> str:
    return long_date(d, "fr", regime)


def sent_phrase(reference: str, sent: date | None, regime: str) -> str:
    """What follows "ma demande": " du 5 janvier 2026 (référence X)"."""
    ref = f" (référence {reference})" if reference else ""
    return f" du {_day(sent, regime)}{ref}" if sent else ref


def due_sentence(regime: str, due: date | None) -> str:
    cite = _terms(regime)["deadline_citation"]
    if due:
        return f"Le délai de votre réponse ({cite}) expire le {_day(due, regime)}."
    return f"Je vous prie de répondre dans le délai prévu ({cite})."


def _excessive_id(regime: str, sent: str, details: str) -> str:
    asked = details or "la copie d'une pièce d'identité"
    if regime == "gdpr":
        basis = (
            f"L'article 12, paragraphe 6, du {LAW} ne vous permet de demander des informations supplémentaires que si "
            "vous avez des doutes raisonnables sur mon identité, et seulement ce qui est nécessaire pour les lever ; "
            f"le principe de minimisation des données (article 5, paragraphe 1, point c), du {LAW}) interdit d'en "
            "collecter davantage. Dans ses lignes directrices 01/2022 sur le droit d'accès, le comité européen de la "
            "protection des données demande une appréciation de la proportionnalité et de ne pas collecter plus de "
            "données que nécessaire à l'identification (point 69) ; la copie d'une pièce d'identité ne peut se "
            "justifier que dans des circonstances particulières, par exemple le traitement de catégories "
            "particulières de données (point 77)."
        )
        clock = " Une exigence qui dépasse le nécessaire ne suspend pas, à mon sens, le délai."
    else:
        basis = (f"En vertu de la {_terms(regime)['law_name']}, vous ne pouvez demander que ce qui est raisonnablement "
                 "nécessaire pour m'identifier, et ne l'utiliser à aucune autre fin.")
        clock = ""
    return (
        f"Avant de traiter ma demande{sent}, vous me demandez {asked}.\n\n"
        f"Je ne pense pas que ce soit nécessaire. {basis}\n\n"
        "Vous me connaissez déjà par les éléments de ma demande : mon nom et l'adresse électronique d'où vient ce "
        "message, celle que j'utilise avec vous. Si vous avez un doute précis et raisonnable sur mon identité, "
        "indiquez-le-moi ainsi que l'information minimale qui permettrait de le lever, et j'examinerai la "
        "possibilité de vous la fournir.\n\n"
        f"Je vous prie de poursuivre le traitement de ma demande.{clock}"
    )


def _webform(regime: str, sent: str, details: str) -> str:
    if regime == "gdpr":
        basis = (
            f"Le {LAW} n'impose ni forme ni canal particuliers pour une demande. Vous êtes tenus de faciliter "
            f"l'exercice de mes droits (article 12, paragraphe 2, du {LAW}), et ma demande a été envoyée à une "
            "adresse que vous indiquez pour les questions de protection des données. Le délai de l'article 12, "
            f"paragraphe 3, du {LAW} court à compter de la réception de mon courriel, et non du jour où je "
            "remplirais un formulaire."
        )
    else:
        basis = (f"La {_terms(regime)['law_name']} ne subordonne pas une demande à un formulaire particulier. Le délai "
                 "court à compter de la réception de mon courriel.")
    where = f" ({details})" if details else ""
    return (
        f"Vous m'avez demandé d'utiliser votre formulaire en ligne{where} au lieu de ma demande{sent}.\n\n"
        f"Ma demande reste valable telle qu'envoyée. {basis}\n\n"
        "Je vous prie de la traiter telle que reçue, sans me demander de la présenter une seconde fois ni "
        "d'accepter de nouvelles conditions pour exercer mes droits."
    )


def _clarification(regime: str, sent: str, details: str) -> str:
    answer = details or "[indiquez les comptes, services ou adresses électroniques concernés]"
    if regime == "gdpr":
        clock = (
            f"Lorsqu'un responsable du traitement traite une grande quantité de données, le considérant 63 du {LAW} "
            f"lui permet de demander de préciser la demande ; l'article 12, paragraphe 3, du {LAW} ne suspend pas "
            "le délai pour autant. Ma demande portait sur toutes les données me concernant, et la réponse "
            "ci-dessus ne la restreint pas."
        )
    else:
        clock = f"Votre question ne suspend pas le délai ({_terms(regime)['deadline_citation']})."
    return (
        f"Vous m'avez demandé quels comptes ou services ma demande{sent} concerne.\n\n"
        f"{answer}\n\n"
        "Ma demande couvre toujours toutes les données personnelles que vous détenez à mon sujet sous ces "
        "identifiants et tout autre identifiant que vous me rattachez.\n\n"
        f"{clock}"
    )


def _no_data(regime: str, sent: str, details: str) -> str:
    evidence = details or "[décrivez vos preuves : p. ex. des courriels de l'entreprise, une commande, un compte]"
    if regime == "gdpr":
        duty = (f"L'article 15, paragraphe 1, du {LAW} me donne droit à une confirmation exacte du traitement ou non "
                "de données me concernant et, le cas échéant, à une copie de ces données et aux informations qui y "
                "sont énumérées.")
    else:
        duty = (f"La {_terms(regime)['law_name']} me donne droit à une réponse exacte sur les renseignements "
                "personnels que vous détenez à mon sujet.")
    return (
        f"En réponse à ma demande{sent}, vous m'indiquez ne détenir aucune donnée personnelle me concernant.\n\n"
        f"Cette réponse ne peut pas être complète. {evidence}\n\n"
        f"{duty} Je vous prie d'effectuer une nouvelle recherche, y compris dans vos systèmes de marketing, de "
        "service client, de facturation et de sauvegarde ainsi que chez vos sous-traitants, et de m'envoyer "
        "la réponse complète.\n\n"
        "Si votre réponse reste la même, veuillez confirmer par écrit que vous avez examiné ces systèmes, afin "
        "que je puisse saisir l'autorité de contrôle."
    )


def _link_expired(regime: str, sent: str, details: str) -> str:
    what = f" ({details})" if details else ""
    law = f"du {LAW}" if regime == "gdpr" else f"de la {_terms(regime)['law']}"
    return (
        f"Le lien de téléchargement{what} que vous m'avez envoyé en réponse à ma demande{sent} a expiré avant que "
        "je puisse récupérer mes données.\n\n"
        f"En vertu {law}, la réponse doit effectivement me parvenir. Je vous prie de m'envoyer à nouveau les "
        "données, en pièce jointe ou par un lien qui reste valable pendant un délai raisonnable (au moins "
        "14 jours), et de m'indiquer pendant combien de temps il sera disponible."
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
        SUBJECTS[answer_kind], reference, mark=" :", salutation="Madame, Monsieur,",
        answer=BODIES[answer_kind](regime, sent_phrase(reference, request_sent, regime), details),
        due=due_sentence(regime, due),
        keep_reference=f"Merci de rappeler la référence {reference} dans votre réponse.",
        closing="Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées."
        + (f"\n{profile_name}" if profile_name else ""),
    )
