"""The DRP service directory: `businesses.json`, the list of Covered Businesses (spec 3.05.2).

The DRP operators publish one JSON array of business entries:

    {"id": ..., "name": ..., "logo": ..., "api_base": ..., "supported_actions": [...],
     "supported_verifications": [...], "web_url": ..., "technical_contact": ..., ...}

The schema's id pattern `[A-Z_]+` is not enforced: real entries such as "onetrust_staging_001"
do not match it, and the id only has to be echoed back in `business-id`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.text import strip_controls
from privacy_tui.transport import urls
from privacy_tui.transport.drp.errors import DrpError, DrpTimeout
from privacy_tui.transport.drp.vocabulary import VERIFICATIONS, normalize_action
from privacy_tui.transport.files import read_user_file
from privacy_tui.transport.urls import is_loopback_host

if TYPE_CHECKING:
    from privacy_tui.transport.urls import Network

MAX_DIRECTORY_BYTES = 5 * 1024 * 1024
DEADLINE = 30.0  # seconds for the whole fetch of businesses.json


@dataclass(frozen=True)
class DrpBusiness:
    id: str
    name: str
    api_base: str
    supported_actions: tuple[str, ...] = ()  # canonical words (vocabulary.EXERCISES)
    supported_verifications: tuple[str, ...] = ()  # "email", "phone_number", "address"
    logo: str | None = None
    web_url: str = ""
    privacy_policy_url: str = ""
    technical_contact: str = ""
    business_contact: str = ""

    def supports(self, action: str) -> bool:
        """Whether the directory lists `action`; an entry listing no actions is taken to allow any."""
        word = normalize_action(action)
        return bool(word) and (not self.supported_actions or word in self.supported_actions)


def require_secure_url(url: str, what: str) -> str:
    """`url` if it is https (or http to this machine, for local test providers); UserError otherwise."""
    urls.check_url(url, what)
    return url


def _text(entry: dict[str, Any], key: str) -> str:
    # Received text is foreign: normalised, control characters stripped (core.text).
    value = entry.get(key)
    return strip_controls(value).strip() if isinstance(value, str) else ""


def _words(entry: dict[str, Any], key: str) -> list[Any]:
    value = entry.get(key)
    return value if isinstance(value, list) else []


def parse_business_entry(entry: Any) -> DrpBusiness:
    """One directory entry; ValueError with the reason when it cannot be used."""
    if not isinstance(entry, dict):
        raise ValueError("not a JSON object")
    business_id = _text(entry, "id")
    if not business_id:
        raise ValueError("no `id`")
    api_base = _text(entry, "api_base")
    if not api_base:
        raise ValueError(f"{business_id}: no `api_base`")
    try:
        require_secure_url(api_base, "api_base")
    except UserError as exc:
        raise ValueError(f"{business_id}: {exc}") from None
    actions: list[str] = []
    for word in _words(entry, "supported_actions"):
        action = normalize_action(word) if isinstance(word, str) else ""
        if action and action not in actions:  # unknown actions are left out, not fatal
            actions.append(action)
    verifications = [
        v for v in dict.fromkeys(_words(entry, "supported_verifications")) if v in VERIFICATIONS
    ]
    logo = entry.get("logo")
    return DrpBusiness(
        id=business_id,
        name=_text(entry, "name") or business_id,
        api_base=api_base.rstrip("/"),
        supported_actions=tuple(actions),
        supported_verifications=tuple(verifications),
        logo=logo if isinstance(logo, str) and logo else None,
        web_url=_text(entry, "web_url"),
        privacy_policy_url=_text(entry, "privacy_policy_url"),
        technical_contact=_text(entry, "technical_contact"),
        business_contact=_text(entry, "business_contact"),
    )


def parse_business_directory(data: Any) -> tuple[list[DrpBusiness], list[str]]:
    """The usable businesses of a parsed `businesses.json`, and one line per entry left out."""
    if not isinstance(data, list):
        raise UserError("a DRP business directory is a JSON array of business entries (spec 3.05.2)")
    businesses: list[DrpBusiness] = []
    problems: list[str] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        try:
            business = parse_business_entry(entry)
        except ValueError as exc:
            problems.append(f"entry {index}: {exc}")
            continue
        if business.id in seen:
            problems.append(f"entry {index}: duplicate id {business.id!r}, the first one is kept")
            continue
        seen.add(business.id)
        businesses.append(business)
    return businesses, problems


def read_directory_source(source: str, *, network: Network | None = None, deadline: float = DEADLINE) -> Any:
    """The parsed JSON of a directory file or URL."""
    if source.startswith(("http://", "https://")):
        data = _fetch(require_secure_url(source, "the directory URL"), network, deadline)
    else:
        data = read_user_file(source, MAX_DIRECTORY_BYTES, "DRP business directory (businesses.json)")
    try:
        return json.loads(data)
    except UnicodeDecodeError:
        raise UserError(f"{source} is not UTF-8 text") from None
    except RecursionError:
        raise UserError(f"{source} is nested too deeply to be a business directory") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{source} is not JSON ({exc.msg} at line {exc.lineno})") from None


def _fetch(url: str, network: Network | None, deadline: float) -> bytes:
    from privacy_tui.transport import http
    from privacy_tui.transport.drp.client import USER_AGENT

    try:
        response = http.fetch(
            "GET", url, deadline=deadline, max_bytes=MAX_DIRECTORY_BYTES,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"}, network=network,
        )
    except http.HttpTimeout as exc:
        raise DrpTimeout(f"fetching the DRP directory: {exc}") from None
    except http.HttpError as exc:
        raise DrpError(f"could not fetch the DRP directory: {exc}") from None
    if response.status != 200:
        raise DrpError(f"fetching the DRP directory {url} failed: HTTP {response.status}", status_code=response.status)
    return response.content


def load_business_directory(source: str, *, network: Network | None = None, deadline: float = DEADLINE) -> list[DrpBusiness]:
    """Businesses from a `businesses.json` file path or URL (https; http only for 127.0.0.1).

    Unusable entries are left out (see `parse_business_directory` for the reasons); a source
    with entries but none usable is an error.
    """
    businesses, problems = parse_business_directory(read_directory_source(source, network=network, deadline=deadline))
    if problems and not businesses:
        raise UserError(f"no usable business in {source}: {problems[0]}")
    return businesses


def find_business(directory: Iterable[DrpBusiness], business_id: str) -> DrpBusiness:
    """The entry with this id (exact, else the one case-insensitive match); UserError if none."""
    entries = list(directory)
    for business in entries:
        if business.id == business_id:
            return business
    folded = [b for b in entries if b.id.casefold() == business_id.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise UserError(
        f"no business with id {business_id!r} in the DRP directory ({len(entries)} businesses); "
        "list them with `privacy-tui drp directory FILE|URL`"
    )


__all__ = [
    "DrpBusiness",
    "find_business",
    "is_loopback_host",
    "load_business_directory",
    "parse_business_directory",
    "parse_business_entry",
    "read_directory_source",
    "require_secure_url",
]
