"""The shape of a law: its periods, deadline and clock rules, regulators, and what it declares to
the registry (where it applies, how a policy names it, its letters).

Each law module (gdpr.py, us_states.py, ...) builds these from the statute it cites; deadline
arithmetic lives in `core/deadlines.py`, the choice among laws in `core/scope.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from privacy_tui.core.errors import UserError
from privacy_tui.core.events import CLOCK_EFFECTS, NO_EFFECT, RESTART

UNITS = ("months", "calendar_days", "business_days")


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # one of UNITS

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown period unit {self.unit!r}")

    def describe(self) -> str:
        if self.unit == "months":
            return "one month" if self.amount == 1 else f"{_number_word(self.amount)} months"
        word = "calendar" if self.unit == "calendar_days" else "business"
        return f"{self.amount} {word} days"


@dataclass(frozen=True)
class DeadlineRule:
    """How long the company has: the response period, an optional extension, an optional acknowledgement."""

    response: Period
    extension: Period | None = None  # *additional* time, same unit as response
    acknowledgement: Period | None = None
    citation: str = ""  # where the rule is written
    note: str = ""  # said in the explanation, e.g. when the law's period is for access only


@dataclass(frozen=True)
class ClockRule:
    """What one of the company's asks (an `core.events.ASKS` kind) does to the law's clock."""

    effect: str  # core.events NO_EFFECT | PAUSE | RESTART
    citation: str
    words: str = ""  # said in the deadline explanation

    def __post_init__(self) -> None:
        if self.effect not in CLOCK_EFFECTS:
            raise ValueError(f"unknown clock effect {self.effect!r}")


@dataclass(frozen=True)
class AppealRule:
    """A statutory appeal to the business after it refused (US state laws)."""

    citation: str
    decision: Period  # time the business has to decide the appeal
    extension: Period | None = None
    authority: str = ""  # who takes the complaint after a denied appeal (the Attorney General)
    refused_contact: str = ""  # how to reach it: its complaint form, email or website
    source: str = ""  # what of the statute's text was read to check this rule, or that none was found


@dataclass(frozen=True)
class ComplaintWindow:
    """The time within which the regulator expects a complaint, counted from `counted_from`."""

    period: Period
    counted_from: str  # "last_contact" | "refusal" (refusal or deemed refusal)
    citation: str
    strict: bool = False  # a statutory limit, not a guideline the regulator may relax


@dataclass(frozen=True)
class Regulator:
    name: str
    country: str  # ISO 3166-1 alpha-2
    email: str = ""  # empty when the authority only takes web forms
    webform: str = ""
    address: str = ""
    website: str = ""
    subdivision: str = ""  # US state for attorneys general


@dataclass(frozen=True)
class Regime:
    key: str
    name: str
    short: str
    jurisdiction: str
    request_types: Mapping[str, str]  # request type -> legal basis citation
    rule: DeadlineRule
    regulators: tuple[Regulator, ...] = ()
    identity_hint: str = ""
    country: str = ""  # where the law protects people: ISO code, or "EU" for the EU/EEA
    subdivision: str = ""  # US state code for state laws
    type_rules: Mapping[str, DeadlineRule] = field(default_factory=dict)  # overrides per type
    regulator_by_country: bool = False  # GDPR: the supervisory authority of the country
    # Deadlines on a non-working day move to the next working day (GDPR, PIPEDA, LGPD); the
    # US laws count plain calendar days and say nothing of moving them.
    roll_forward: bool = False
    rest_days: tuple[int, ...] = (5, 6)  # weekdays (Mon=0) that are not working days for roll_forward
    holiday_country: str = ""  # fixed holiday calendar (CCPA: California); else the company's country
    holiday_subdivision: str = ""
    default_subdivision: str = ""  # used when the company's country matches holiday country but no subdivision given
    # What each ask from the company does to the clock (core.events.ASKS kinds); a kind not
    # listed has no effect: the period runs on from receipt.
    clock: Mapping[str, ClockRule] = field(default_factory=dict)
    law_citation: str = ""  # the Act itself
    extension_condition: str = ""  # what the company must do to use the extension
    appeal: AppealRule | None = None  # a statutory appeal to the business, where the law gives one
    no_appeal_reason: str = ""  # said when `escalate --to appeal` is refused
    complaint_window: ComplaintWindow | None = None
    # The time the authority has to tell the complainant of progress or the outcome, after which a
    # court remedy opens (GDPR Art. 78(2); UK: DPA 2018 s.166), and where that is written.
    authority_answer: Period | None = None
    authority_answer_citation: str = ""
    complaint_to_controller: Period | None = None  # UK DPA 2018 s.164A: acknowledge within 30 days
    complaint_to_controller_since: str = ""  # ISO date the duty came into force
    # Small processing agents have double time limits (LGPD; ANPD Resolution CD/ANPD 2/2022 art. 14).
    small_agent_factor: int = 1
    small_agent_citation: str = ""
    # Request types for which the company may not demand identity verification (an id_requested on
    # one of them is a ground for complaint at once), with the rule.
    no_verification: Mapping[str, str] = field(default_factory=dict)
    # The folder of its letters under templates/letters/ (the US state laws share "us_state"); the key when empty.
    family: str = ""

    @property
    def template_family(self) -> str:
        return self.family or self.key

    def clock_rule(self, ask: str) -> ClockRule:
        return self.clock.get(ask) or ClockRule(NO_EFFECT, self.rule.citation)

    @property
    def restart_on_info(self) -> bool:
        """The identity answer starts the period afresh (kept for the letters' wording)."""
        return self.clock_rule("id_requested").effect == RESTART

    @property
    def restart_citation(self) -> str:
        return self.clock_rule("id_requested").citation

    def rule_for(self, request_type: str) -> DeadlineRule:
        return self.type_rules.get(request_type, self.rule)

    def basis(self, request_type: str) -> str:
        """The legal basis citation for a request type; UserError if the law does not give it."""
        try:
            return self.request_types[request_type]
        except KeyError:
            offered = ", ".join(self.request_types)
            raise UserError(
                f"{self.short} has no {request_type!r} request; it offers: {offered}"
            ) from None


def _number_word(n: int) -> str:
    return {2: "two", 3: "three", 4: "four", 6: "six"}.get(n, str(n))


def ro(d: Mapping) -> Mapping:
    """A read-only copy: a law's tables must not change once built."""
    return MappingProxyType(dict(d))


# Words that address a law's residents in a policy ("California residents", "individuals in the
# EEA"), shared by the laws' mention patterns.
RESIDENT = (
    r"(?:residents?|located|based|living|reside|citizens?|individuals|users|consumers|data\s+subjects|visitors|customers)"
)


@dataclass(frozen=True)
class Mention:
    """How a privacy policy shows that it invokes the law. `pattern` runs on the lower-cased text
    (written in any case: `core.policy.fast.ci` lowers it), only near one of `triggers` ("|"-separated
    literals every match contains); `cased` runs on the original text near `cased_triggers`, for
    acronyms that are words in lower case ("ICO"). Plain strings: compiled only by the policy analyzer."""

    pattern: str
    triggers: str
    cased: str = ""
    cased_triggers: str = ""
    cased_reach: int = 240


Reason = tuple[str, str]  # (regime key, one sentence starting with the law's short name)


@dataclass(frozen=True)
class Where:
    """A law that applies in fixed places for a fixed reason: usable as a Law's `establishment`
    or `residence` (extra arguments are ignored)."""

    key: str
    countries: frozenset[str]
    reason: str
    subdivision: str = ""  # only there, when set

    def __call__(self, country: str, subdivision: str, *_: object) -> Reason | None:
        if country in self.countries and (not self.subdivision or subdivision == self.subdivision):
            return (self.key, self.reason)
        return None


@dataclass(frozen=True)
class Law:
    """What one law module declares to the registry.

    `key` is how policies and directory records name the law ("gdpr", "us_state"); it is a regime
    key, or, with `alias_country`, an alias resolved to the regime of the person's subdivision
    among all registered regimes of that country. `establishment(country, subdivision)` and
    `residence(country, subdivision, company_regimes)` say whether the law applies because the
    company is established there or the person lives there (codes upper case, "GB" for the UK),
    with the reason (`established_in` names those places in words); `directory_countries` are the lower-case relevance codes of directory records
    ("all" for records offered to everyone) that name this law."""

    key: str
    label: str  # in the policy report, e.g. "GDPR (EU)"
    regimes: tuple[Regime, ...]
    mention: Mention | None = None
    directory_countries: frozenset[str] = frozenset()
    establishment: Callable[[str, str], Reason | None] | None = None
    residence: Callable[[str, str, frozenset[str]], Reason | None] | None = None
    alias_country: str = ""
    # Where `establishment` reaches, in words ("the EU/EEA"), for the sentence that says no law applies.
    established_in: str = ""


__all__ = [
    "RESIDENT",
    "UNITS",
    "AppealRule",
    "ClockRule",
    "ComplaintWindow",
    "DeadlineRule",
    "Law",
    "Mention",
    "Period",
    "Reason",
    "Regime",
    "Regulator",
    "Where",
    "ro",
]
