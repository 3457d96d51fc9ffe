"""French letters: the RGPD cited as its French text does, a complaint to the CNIL under
article 77, Quebec's law and PIPEDA in French, and a snapshot of the access letter."""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from support.letters_snapshot import assert_snapshot

from privacy_tui.core.laws.base import Regulator
from privacy_tui.core.laws.registry import get_regime
from privacy_tui.core.letters import render_complaint, render_id_reply, render_reminder, render_request_letter
from privacy_tui.core.models import Company, Event, Profile, Request
from privacy_tui.core.timeline import request_deadlines

TODAY = date(2026, 3, 3)
REF = "PT-ABCD2345"
PROFILE = Profile(name="Zoë Lefèvre", email="zoe@example.org", address="3 place de l'Église, 69002 Lyon", country="FR")
SHOP = Company(id="c1", name="Exemple SAS", address="12 rue de la Paix\n75002 Paris", country="FR",
               emails=("dpo@exemple.example",))
CNIL = Regulator(name="Commission Nationale de l'Informatique et des Libertés – CNIL", country="FR")


def _request(rtype="access", regime="gdpr", *events, country="FR", subdivision=""):
    return Request(id="r1", company_id="c1", type=rtype, regime=regime, reference=REF, country=country,
                   subdivision=subdivision, events=tuple(Event("r1", k, on) for k, on in events))


def test_access_letter_snapshot():
    letter = render_request_letter(_request(), SHOP, PROFILE, None, identity_fields=("name", "email"), today=TODAY,
                                   language="fr")
    assert_snapshot("fr_gdpr_access", letter)


def test_access_cites_article_15_the_french_way():
    letter = render_request_letter(_request(), SHOP, PROFILE, None, today=TODAY, language="fr")
    assert letter.subject == f"Demande d'accès au titre de l'article 15 du RGPD [{REF}]"
    for part in "abcdefgh":
        assert f"article 15, paragraphe 1, point {part}), du RGPD" in letter.body
    assert "article 12, paragraphe 3, du RGPD" in letter.body and "GDPR" not in letter.body
    assert "au plus tard le " + format_date(date(2026, 4, 3), format="long", locale="fr_FR") in letter.body
    assert "3 avril 2026" in letter.body and letter.body.startswith("3 mars 2026\n")
    assert "Madame, Monsieur,\n\nEn application de l'article 15 du RGPD" in letter.body
    assert "Veuillez agréer, Madame, Monsieur, l'expression de mes salutations distinguées." in letter.body


def test_every_gdpr_type_cites_its_own_article():
    articles = {"access": "15", "deletion": "17", "rectification": "16", "restriction": "18", "objection": "21",
                "portability": "20", "withdraw_consent": "7, paragraphe 3,"}
    for rtype, article in articles.items():
        grounds = ("direct_marketing",) if rtype == "objection" else ()
        letter = render_request_letter(_request(rtype), SHOP, PROFILE, None, today=TODAY, grounds=grounds,
                                       language="fr")
        assert letter.subject.endswith(f"l'article {article} du RGPD [{REF}]"), letter.subject


def test_complaint_to_the_cnil_under_article_77():
    request = _request("access", "gdpr", ("sent", "2026-01-05"), ("denied", "2026-01-20"))
    d = request_deadlines(request, country="FR")
    letter = render_complaint(request, SHOP, PROFILE, CNIL, request.events, d, date(2026, 3, 3), language="fr")
    assert letter.subject.startswith("Plainte concernant Exemple SAS (article 77 du RGPD)")
    assert "je dépose une plainte, au sens de l'article 77 du RGPD, contre Exemple SAS" in letter.body
    assert "  - 5 janvier 2026 : demande envoyée à l'entreprise\n  - 20 janvier 2026 : l'entreprise a refusé la demande" in letter.body
    assert "L'entreprise a refusé ma demande." in letter.body and CNIL.name in letter.body
    reminder = render_reminder(request, SHOP, PROFILE, d, today=date(2026, 2, 20), language="fr")
    assert reminder.subject == f"Relance : ma demande du 5 janvier 2026 (article 15 du RGPD), délai légal dépassé [{REF}]"
    assert "je saisirai l'autorité de contrôle compétente d'une plainte" in reminder.body


def test_quebec_letters_are_french_and_go_to_the_cai():
    shop = Company(id="c1", name="Boutique Inc.", country="CA", subdivision="QC", emails=("vie.privee@boutique.example",))
    request = _request("access", "ca_qc", country="CA", subdivision="QC")
    letter = render_request_letter(request, shop, PROFILE, None, today=TODAY, language="fr")
    assert "article 27 de la Loi sur la protection des renseignements personnels dans le secteur privé" in letter.subject
    assert "(RLRQ, c. P-39.1)" in letter.body and "demande d'examen de mésentente" in letter.body
    assert "2 avril 2026" in letter.body  # 30 days (s. 32)
    sent = _request("access", "ca_qc", ("sent", "2026-01-05"), ("id_requested", "2026-01-08"), country="CA",
                    subdivision="QC")
    d = request_deadlines(sent, country="CA", subdivision="QC")
    cai = get_regime("ca_qc").regulators[0]
    complaint = render_complaint(sent, shop, PROFILE, cai, sent.events, d, date(2026, 3, 3), language="fr")
    assert complaint.subject.startswith("Demande d'examen de mésentente concernant Boutique Inc. (article 42 de la Loi")
    reply = render_id_reply(sent, shop, PROFILE, d, identity_fields=("name",), today=date(2026, 1, 10), language="fr")
    assert "la vérification de mon identité ne le fait pas recommencer" in reply.body


def test_pipeda_in_french():
    shop = Company(id="c1", name="Érable Ltée", country="CA", subdivision="ON")
    letter = render_request_letter(_request("access", "pipeda", country="CA", subdivision="ON"), shop, PROFILE, None,
                                   today=TODAY, language="fr")
    assert letter.subject == f"Demande d'accès à des renseignements personnels (LPRPDE, art. 8 et annexe 1, principe 4.9) [{REF}]"
    assert "paragraphe 8(3) de la LPRPDE" in letter.body and "Commissaire à la protection de la vie privée du Canada" in letter.body
