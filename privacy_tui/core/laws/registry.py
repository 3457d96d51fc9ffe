"""The one place the rest of the code asks about laws: which exist, their regimes, aliases,
letters, where they apply, and how a policy names them.

The built-in laws are the modules in BUILTIN, loaded on first use (the `remind` path imports this
module but reads only a few regimes). `register(law)` adds one more after them, for a test or a
plugin; `unregister(key)` takes it away again.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from privacy_tui.core.errors import UserError
from privacy_tui.core.laws.base import Law, Mention, Regime

# In this order: policies list the laws they invoke, directory records their laws, and the scope
# rules try them, in the order of this list; regimes are listed law by law.
BUILTIN = ("gdpr", "uk_gdpr", "ccpa", "us_states", "canada", "lgpd", "voluntary")

_added: list[Law] = []


@dataclass(frozen=True)
class _Table:
    laws: tuple[Law, ...]
    regimes: Mapping[str, Regime]
    aliases: Mapping[str, Mapping[str, str]]  # alias -> subdivision -> regime key


@lru_cache(maxsize=1)
def _table() -> _Table:
    laws = tuple(importlib.import_module(f"privacy_tui.core.laws.{name}").LAW for name in BUILTIN) + tuple(_added)
    regimes: dict[str, Regime] = {}
    for law in laws:
        for regime in law.regimes:
            if regime.key in regimes:
                raise ValueError(f"two laws declare the regime {regime.key!r}")
            regimes[regime.key] = regime
    aliases = {
        law.key: MappingProxyType({r.subdivision: r.key for r in regimes.values()
                                   if r.country == law.alias_country and r.subdivision})
        for law in laws if law.alias_country
    }
    return _Table(laws, MappingProxyType(regimes), MappingProxyType(aliases))


def register(law: Law) -> None:
    """Add a law after the built-in ones; its keys must be new."""
    table = _table()
    clash = ({law.key} | {r.key for r in law.regimes}) & ({x.key for x in table.laws} | set(table.regimes))
    if clash:
        raise ValueError(f"a law with the key {min(clash)!r} is already registered")
    _added.append(law)
    _table.cache_clear()


def unregister(key: str) -> None:
    """Take away a law added by `register`."""
    _added[:] = [law for law in _added if law.key != key]
    _table.cache_clear()


def laws() -> tuple[Law, ...]:
    return _table().laws


class _Regimes(Mapping[str, Regime]):
    """Every registered regime by key, read-only, always the registry's current set."""

    def __getitem__(self, key: str) -> Regime:
        return _table().regimes[key]

    def __iter__(self) -> Iterator[str]:
        return iter(_table().regimes)

    def __len__(self) -> int:
        return len(_table().regimes)

    def __repr__(self) -> str:
        return f"REGIMES({', '.join(self)})"


REGIMES: Mapping[str, Regime] = _Regimes()


def regime_keys() -> tuple[str, ...]:
    return tuple(_table().regimes)


def aliases() -> tuple[str, ...]:
    """Keys that name a family of laws and resolve by the person's subdivision ("us_state")."""
    return tuple(_table().aliases)


def alias_targets(alias: str) -> Mapping[str, str]:
    """Subdivision -> regime key for an alias ("us_state": {"CA": "ccpa", "VA": "us_va", ...})."""
    return _table().aliases[alias]


def resolve_regime(key: str, *, subdivision: str = "") -> str:
    """The regime key for `key`, resolving an alias (`us_state`) from the subdivision (a US state code)."""
    table = _table()
    key = (key or "").strip().lower()
    if key in table.regimes:
        return key
    if key in table.aliases:
        law = next(law for law in table.laws if law.key == key)
        country = law.alias_country
        state = (subdivision or "").strip().upper().removeprefix(f"{country}-")
        if not state:
            raise UserError(f"{key} needs the {country} state: pass --subdivision, e.g. --subdivision VA")
        targets = table.aliases[key]
        if state not in targets:
            raise UserError(f"no {country} state privacy law is known for {state!r}; known states: {', '.join(sorted(targets))}")
        return targets[state]
    valid = ", ".join(tuple(table.regimes) + tuple(table.aliases))
    raise UserError(f"unknown regime {key!r}; valid regimes: {valid}")


def get_regime(key: str, *, subdivision: str = "") -> Regime:
    return _table().regimes[resolve_regime(key, subdivision=subdivision)]


def template_family(regime_key: str) -> str:
    """The folder of a regime's letters under templates/letters/."""
    return get_regime(regime_key).template_family


def law_label(key: str) -> str:
    """How the policy report names a law key ("us_state": "other US state laws"); the key if unknown."""
    return next((law.label for law in laws() if law.key == key), key)


def mentions() -> tuple[tuple[str, Mention], ...]:
    """(law key, how a policy names it), in the registry's order."""
    return tuple((law.key, law.mention) for law in laws() if law.mention is not None)


def directory_laws(relevance: str) -> tuple[str, ...]:
    """The law keys a directory record relevant to `relevance` ("all", "de", "us") names."""
    code = relevance.strip().lower()
    return tuple(law.key for law in laws() if code in law.directory_countries)


__all__ = [
    "BUILTIN",
    "REGIMES",
    "alias_targets",
    "aliases",
    "directory_laws",
    "get_regime",
    "law_label",
    "laws",
    "mentions",
    "regime_keys",
    "register",
    "resolve_regime",
    "template_family",
    "unregister",
]
