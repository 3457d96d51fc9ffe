"""The grounds a person may rely on for erasure, objection and restriction, chosen one by one.

A letter asserts only the grounds the person picked: claiming every ground at once ("no longer
necessary ... I withdraw consent ... I object ... I contest the accuracy") reads as boilerplate
and is often false. Each ground has a plain explanation for `--help` and the wizard, and the
sentence the letter uses, with its citation.

Sources: GDPR and UK GDPR Art. 17(1)(a)-(f), Art. 18(1)(a)-(d), Art. 21(1)-(3) (an objection
under 21(1) must give "grounds relating to his or her particular situation"; an objection to
direct marketing under 21(2) is absolute, 21(3)); LGPD art. 18 IV and VI (deletion, blocking of
unnecessary, excessive or unlawful data; deletion of data processed with consent) and art. 18 §2
(opposition to processing based on a ground other than consent, when it breaches the LGPD).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from privacy_tui.core.errors import UserError


@dataclass(frozen=True)
class Ground:
    key: str
    explanation: str  # for the person choosing
    sentence: str  # for the letter; "{law}" is the law's short name
    needs_situation: bool = False  # Art. 21(1): the person must describe their particular situation


def _table(*grounds: Ground) -> Mapping[str, Ground]:
    return MappingProxyType({g.key: g for g in grounds})


_GDPR_ERASURE = _table(
    Ground("not_needed", "the company no longer needs your data for the purpose it collected them for",
           "the data are no longer necessary for the purposes for which you collected or processed them (Article 17(1)(a) {law})"),
    Ground("consent_withdrawn", "you gave consent and now withdraw it, and the company has no other legal ground",
           "I withdraw my consent, and you have no other legal ground for the processing (Article 17(1)(b) {law})"),
    Ground("objected", "you object to the processing (see the objection request) and the company has no overriding reason, or it is direct marketing",
           "I object to the processing under Article 21 and there are no overriding legitimate grounds for it, or the processing is for direct marketing (Article 17(1)(c) {law})"),
    Ground("unlawful", "the company processes your data unlawfully, e.g. without any legal basis",
           "the data have been processed unlawfully (Article 17(1)(d) {law})"),
    Ground("legal_obligation", "a law requires the company to erase the data",
           "the data must be erased to comply with a legal obligation to which you are subject (Article 17(1)(e) {law})"),
    Ground("child", "the data were collected when you were a child, through an online service",
           "the data were collected in relation to the offer of information society services to a child (Article 17(1)(f) {law})"),
)

_GDPR_OBJECTION = _table(
    Ground("direct_marketing", "stop all direct marketing, including profiling for it; the company must stop, no questions asked",
           "I object to the processing of my personal data for direct marketing, including profiling related to it (Article 21(2) {law}). Under Article 21(3) you must stop this processing; no balancing of interests applies."),
    Ground("particular_situation", "object to processing based on the company's legitimate interests or a public task, because of your particular situation (describe it with --situation)",
           "I object, on grounds relating to my particular situation, to the processing of my personal data based on Article 6(1)(e) or (f) {law}, including profiling based on those provisions (Article 21(1) {law}). You must stop unless you demonstrate compelling legitimate grounds that override my interests, rights and freedoms, or the processing is needed for the establishment, exercise or defence of legal claims.",
           needs_situation=True),
)

_GDPR_RESTRICTION = _table(
    Ground("accuracy", "you contest the accuracy of the data, while the company checks them",
           "I contest the accuracy of the personal data, so processing must be restricted while you verify it (Article 18(1)(a) {law})"),
    Ground("unlawful_keep", "the processing is unlawful, but you want the data kept rather than erased",
           "the processing is unlawful and I ask for restriction instead of erasure (Article 18(1)(b) {law})"),
    Ground("legal_claims", "the company no longer needs the data, but you need them kept for a legal claim",
           "you no longer need the data, but I need them for the establishment, exercise or defence of legal claims (Article 18(1)(c) {law})"),
    Ground("objection_pending", "you have objected under Article 21(1) and the company is weighing your objection",
           "I have objected to the processing under Article 21(1), and the processing must be restricted while you verify whether your legitimate grounds override mine (Article 18(1)(d) {law})"),
)

_LGPD_DELETION = _table(
    Ground("consent", "the data were processed on the basis of your consent",
           "the data were processed with my consent (LGPD Art. 18, VI)"),
    Ground("unnecessary", "the data are unnecessary or excessive for the purpose, or processed in breach of the LGPD",
           "the data are unnecessary, excessive or processed in breach of the LGPD (LGPD Art. 18, IV)"),
)

_LGPD_RESTRICTION = _table(
    Ground("unnecessary", "the data are unnecessary or excessive for the purpose, or processed in breach of the LGPD",
           "the data are unnecessary, excessive or processed in breach of the LGPD (LGPD Art. 18, IV)"),
)

_LGPD_OBJECTION = _table(
    Ground("non_compliant", "the company relies on a ground other than your consent and does not comply with the LGPD",
           "it relies on a ground other than my consent and does not comply with the LGPD (LGPD Art. 18, §2)"),
    Ground("marketing", "stop the use of your data for marketing",
           "you use my data for marketing without my consent, and I oppose that use (LGPD Art. 18, §2)"),
)

_TABLES: Mapping[tuple[str, str], Mapping[str, Ground]] = MappingProxyType(
    {
        ("gdpr", "deletion"): _GDPR_ERASURE,
        ("gdpr", "objection"): _GDPR_OBJECTION,
        ("gdpr", "restriction"): _GDPR_RESTRICTION,
        ("uk_gdpr", "deletion"): _GDPR_ERASURE,
        ("uk_gdpr", "objection"): _GDPR_OBJECTION,
        ("uk_gdpr", "restriction"): _GDPR_RESTRICTION,
        ("lgpd", "deletion"): _LGPD_DELETION,
        ("lgpd", "objection"): _LGPD_OBJECTION,
        ("lgpd", "restriction"): _LGPD_RESTRICTION,
    }
)
# Types whose letter cannot stand without at least one ground.
_REQUIRED = frozenset({"objection", "restriction"})


def grounds_for(regime_key: str, request_type: str) -> Mapping[str, Ground]:
    """The grounds the person may pick for this law and type (empty when the law has no list)."""
    return _TABLES.get((regime_key, request_type), MappingProxyType({}))


def all_ground_keys() -> tuple[str, ...]:
    keys: list[str] = []
    for table in _TABLES.values():
        keys += [k for k in table if k not in keys]
    return tuple(keys)


def help_text() -> str:
    """Every ground with its explanation, for `request new --help`."""
    seen: dict[str, str] = {}
    for table in _TABLES.values():
        for g in table.values():
            seen.setdefault(g.key, f"{g.key}: {g.explanation}")
    return "; ".join(seen.values())


def choose_grounds(
    regime_key: str, request_type: str, chosen: Iterable[str], situation: str, *, require: bool = False
) -> tuple[Ground, ...]:
    """The chosen grounds, checked: each must exist for this law and type, and Art. 21(1) needs the situation.

    `require`: an objection or restriction must name at least one (new requests); a letter drawn
    up again from an older request without grounds renders without asserting any."""
    table = grounds_for(regime_key, request_type)
    keys = [k.strip().lower() for k in chosen if k and k.strip()]
    if keys and not table:
        raise UserError(f"a {request_type} request under this law takes no --ground")
    unknown = [k for k in keys if k not in table]
    if unknown:
        raise UserError(f"unknown ground(s) {', '.join(unknown)} for this request; choose from: {', '.join(table)}")
    picked = tuple(table[k] for k in dict.fromkeys(keys))
    if not picked and request_type in _REQUIRED and len(table) == 1:
        picked = tuple(table.values())  # the law knows one ground only: nothing to choose
    if require and not picked and request_type in _REQUIRED and table:
        raise UserError(f"say which ground applies with --ground (repeatable): {', '.join(table)}")
    if any(g.needs_situation for g in picked) and not situation.strip():
        raise UserError("an objection on grounds of your particular situation must describe it: add --situation TEXT")
    if situation.strip() and not any(g.needs_situation for g in picked):
        raise UserError("--situation is for an objection on the ground particular_situation")
    return picked


__all__ = ["Ground", "all_ground_keys", "choose_grounds", "grounds_for", "help_text"]
