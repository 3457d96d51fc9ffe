"""Brazil's Lei Geral de Proteção de Dados Pessoais.

Sources checked (2026):
- LGPD: Lei 13.709/2018 Art. 18 and Art. 19 II (full access report within 15 days); Código Civil
  Art. 132 §1 (a period ending on a holiday runs to the next business day); Resolução CD/ANPD
  nº 2/2022 art. 14 (small processing agents: double time limits for data subjects' requests).
- Reach: LGPD art. 3: processing carried out in Brazil (I), aimed at offering goods or services
  to, or processing data of, individuals located in Brazil (II), or of data collected in Brazil (III).
"""

from __future__ import annotations

from privacy_tui.core.laws.base import RESIDENT, DeadlineRule, Law, Mention, Period, Regime, Regulator, Where, ro

ANPD = Regulator(
    name="Autoridade Nacional de Proteção de Dados (ANPD)",
    country="BR",
    email="",  # petitions through the gov.br service
    webform="https://www.gov.br/anpd/pt-br/canais_atendimento/cidadao-titular-de-dados/peticao-de-titular-contra-controlador-de-dados",
    website="https://www.gov.br/anpd",
)

_LGPD_OTHER = (
    "LGPD fixes 15 days only for the full access report (Art. 19 II); for other requests the controller "
    "must act at once or explain why it cannot (Art. 18 §4), so 15 days is used as the reference date"
)

LGPD = Regime(
    key="lgpd",
    name="Lei Geral de Proteção de Dados Pessoais",
    short="LGPD",
    jurisdiction="Brazil",
    country="BR",
    law_citation="Lei nº 13.709/2018 (Lei Geral de Proteção de Dados Pessoais)",
    request_types=ro(
        {
            "access": "LGPD Art. 18, I and II, and Art. 19, II",
            "rectification": "LGPD Art. 18, III",
            "deletion": "LGPD Art. 18, IV and VI",
            "portability": "LGPD Art. 18, V",
            "restriction": "LGPD Art. 18, IV",
            "objection": "LGPD Art. 18, §2",
            "withdraw_consent": "LGPD Art. 18, IX, and Art. 8, §5",
        }
    ),
    rule=DeadlineRule(Period(15, "calendar_days"), None, None, "LGPD Art. 19, II"),
    type_rules=ro(
        {
            t: DeadlineRule(Period(15, "calendar_days"), None, None, "LGPD Art. 18, §4", note=_LGPD_OTHER)
            for t in ("rectification", "deletion", "portability", "restriction", "objection", "withdraw_consent")
        }
    ),
    regulators=(ANPD,),
    roll_forward=True,  # Código Civil Art. 132 §1
    holiday_country="BR",
    # Resolução CD/ANPD nº 2/2022 art. 14: small processing agents (art. 2) have double time limits
    # for answering data subjects' requests under LGPD art. 18 (I) and for the complete access
    # declaration of art. 19, II (III); the simplified statement of art. 19, I gets 15 days.
    small_agent_factor=2,
    small_agent_citation="Resolução CD/ANPD nº 2/2022, art. 14",
    identity_hint="Your name and the email address or CPF the controller knows you by.",
)

MENTION = Mention(
    pattern=(
        r"\blgpd\b|lei\s+geral\s+de\s+prote[çc][ãa]o|brazil(?:ian)?\s+general\s+(?:personal\s+)?data\s+protection\s+law|"
        r"\banpd\b|\bbrazilian\s+" + RESIDENT + r"|\b" + RESIDENT + r"\s+(?:in|of)\s+brazil\b|"
        r"\bif\s+you\s+are\s+(?:located\s+|based\s+)?in\s+brazil\b"
    ),
    triggers=r"lgpd|lei geral|brazil|anpd",
)


_BR = frozenset({"BR"})
LAW = Law(
    key="lgpd",
    label="LGPD (Brazil)",
    regimes=(LGPD,),
    mention=MENTION,
    directory_countries=frozenset({"br"}),
    establishment=Where("lgpd", _BR, "LGPD: the company processes data in Brazil (LGPD art. 3, I)"),
    established_in="Brazil",
    residence=Where("lgpd", _BR, "LGPD: you live in Brazil, and the LGPD covers a company that offers goods or "
                    "services to people in Brazil (LGPD art. 3, II)"),
)

__all__ = ["ANPD", "LAW", "LGPD", "MENTION"]
