"""Which language a letter is written in, and why: the user's choice, else the recipient's.

The order (issue 15): the language the user names; else the recipient's stated language (the
directory's `request-language` on the company, an authority's `complaint-language`); else the
language of the recipient's country; else the user's own (from their profile's country). A
language with no letters for the law in question gives way to English, and the reason says so,
so the person always sees which language was chosen before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from privacy_tui.core import letter_language as lang
from privacy_tui.core.models import Company, Profile


@dataclass(frozen=True)
class LanguageChoice:
    code: str
    reason: str

    @property
    def name(self) -> str:
        return lang.get_language(self.code).name

    def describe(self) -> str:
        return f"{self.name} ({self.reason})"


def user_language(profile: Profile) -> str:
    code, _ = lang.language_for(country=profile.country, subdivision=profile.state)
    return code


def choose_language(
    *,
    explicit: str | None,
    regime_key: str,
    template: str,
    stated: str = "",
    country: str = "",
    subdivision: str = "",
    profile: Profile,
) -> LanguageChoice:
    """The language for one letter. `template` is the letter's template name ("gdpr/access.txt.j2")."""
    if explicit:
        code = lang.check_language(explicit)  # exit 2 with the list for an unknown code
        return LanguageChoice(code, "chosen by you")
    code, why = lang.language_for(stated=stated, country=country, subdivision=subdivision,
                                  fallback=user_language(profile))
    if not lang.offers(code, regime_key, template):
        name = lang.get_language(code).name
        return LanguageChoice(lang.ENGLISH, f"{why} is {name}, but there are no {name} letters for this law")
    return LanguageChoice(code, why)


def for_company(company: Company, profile: Profile, regime_key: str, template: str,
                explicit: str | None = None) -> LanguageChoice:
    return choose_language(explicit=explicit, regime_key=regime_key, template=template, stated=company.language,
                           country=company.country, subdivision=company.subdivision, profile=profile)


__all__ = ["LanguageChoice", "choose_language", "for_company", "user_language"]
