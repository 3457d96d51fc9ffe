"""The imported company directory in the home folder, and downloading it.

The directory is public data (the datarequests.org database, CC0), so it is kept apart from
the encrypted vault, in `paths().directory` (folder 0700, file 0600): one compact JSON file
holding the validated records and where they came from. Searching loads that file (about
2 MB) and builds the search index in memory on the first search -- nothing is pickled.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from privacy_tui import __version__
from privacy_tui.core.directory import (
    DirectoryIndex,
    LoadResult,
    SupervisoryAuthority,
    load_directory_data,
)
from privacy_tui.core.directory import (
    authorities_for_country as _authorities_for_country,
)
from privacy_tui.core.directory.records import SEAT_COUNTRIES
from privacy_tui.core.errors import TransportError, UserError
from privacy_tui.core.models import now_iso
from privacy_tui.services.directory_files import MAX_BYTES, FolderTooLarge, load_directory_path
from privacy_tui.transport import http
from privacy_tui.transport.files import check_user_file, read_user_file, size_text
from privacy_tui.vault.paths import ensure_dir, ensure_home, paths

# The datarequests.org website's offline copy of its whole database (companies, supervisory
# authorities, company packs), rebuilt with every deploy of the site.
DEFAULT_URL = "https://www.datarequests.org/offline-data.json"
DEADLINE = 30.0  # seconds for the whole download, redirects included
USER_AGENT = f"privacy-tui/{__version__} (company directory update)"
STORE_FORMAT = "privacy-tui-directory/1"
FILE_NAME = "directory.json"
NOT_IMPORTED = "no directory imported yet: run `privacy-tui directory import PATH` or `privacy-tui directory update`"


@dataclass(frozen=True)
class ImportSummary:
    companies: int
    authorities: int
    skipped: int
    messages: list[str] = field(default_factory=list)
    source: str = ""  # what the data says it is (datarequests commit and date, dump date)
    origin: str = ""  # the file, folder or URL it was read from
    imported_at: str = ""
    path: str = ""  # the stored copy


def store_path() -> Path:
    return paths().directory / FILE_NAME


# --- writing ---------------------------------------------------------------------------------


def _write_private(path: Path, data: bytes) -> None:
    """Write atomically (temporary file + rename) with mode 0600, so a crash leaves the old copy;
    never through a symlink planted in the home (vault/atomic.py)."""
    from privacy_tui.vault import atomic

    atomic.replace_file(path, data)


def _store(result: LoadResult, origin: str) -> ImportSummary:
    if not result.entries:
        why = result.messages[0] if result.messages else "it holds no company records"
        raise UserError(f"no usable company records in {origin}: {why}; the current directory is unchanged")
    imported_at = now_iso()
    source = result.source or origin
    document = {
        "format": STORE_FORMAT,
        "source": source,
        "origin": origin,
        "imported_at": imported_at,
        "counts": {"companies": len(result.entries), "supervisory_authorities": len(result.authorities), "skipped": result.skipped},
        "companies": [dict(e.raw) for e in result.entries],
        SEAT_COUNTRIES: {e.slug: e.country for e in result.entries},
        "supervisory-authorities": [dict(a.raw) for a in result.authorities],
        "company-packs": result.company_packs,
    }
    ensure_home()
    folder = ensure_dir(paths().directory)
    path = folder / FILE_NAME
    _write_private(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    _CACHE.clear()
    return ImportSummary(
        companies=len(result.entries),
        authorities=len(result.authorities),
        skipped=result.skipped,
        messages=list(result.messages),
        source=source,
        origin=origin,
        imported_at=imported_at,
        path=str(path),
    )


def import_directory(path: str | Path) -> ImportSummary:
    """Validate a datarequests.org dump file or records folder and store it as the directory."""
    src = Path(path).expanduser()
    if not src.exists():
        raise UserError(f"no such file or folder: {src}")
    if not src.is_dir():
        check_user_file(src, "directory dump (a JSON file or the records folder)")
    try:
        result = load_directory_path(src)
    except FolderTooLarge:
        raise UserError(f"{src} holds more than {size_text(MAX_BYTES)} of records; is it really a directory dump?") from None
    return _store(result, str(src.absolute()))


# --- downloading -----------------------------------------------------------------------------


def check_url(url: str) -> str:
    """`url` if it may be fetched: https, or http only to this machine (127.0.0.1, for tests)."""
    return http.check_url(url, "the directory URL")


def _download(url: str, max_bytes: int, deadline: float, network: http.Network | None) -> bytes:
    try:
        response = http.fetch(
            "GET", url, deadline=deadline, max_bytes=max_bytes,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"}, network=network,
        )
    except http.HttpTooLarge:
        raise TransportError(f"the directory at {url} is larger than {size_text(max_bytes)}; download stopped") from None
    except http.HttpError as exc:
        raise TransportError(f"could not download the directory: {exc}") from None
    if response.status != 200:
        raise TransportError(f"downloading the directory from {url} failed: HTTP {response.status}")
    return response.content


def update_directory(
    url: str | None = None, *, max_bytes: int = MAX_BYTES, deadline: float = DEADLINE, network: http.Network | None = None
) -> ImportSummary:
    """Download the datarequests.org database (default: its offline dump) and store it."""
    target = check_url((url or DEFAULT_URL).strip())
    body = _download(target, max_bytes, deadline, network)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else type(exc).__name__
        raise TransportError(f"the file at {target} is not JSON ({reason}); the current directory is unchanged") from None
    result = load_directory_data(data)
    if not result.source:
        result = LoadResult(result.entries, result.authorities, result.skipped, result.messages, target, result.company_packs)
    return _store(result, target)


# --- reading ---------------------------------------------------------------------------------

# The loaded directory, kept while the stored file is unchanged: the app searches as the user types.
_CACHE: dict[str, Any] = {}


def _load() -> tuple[dict[str, Any], LoadResult]:
    path = store_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise UserError(NOT_IMPORTED) from None
    stamp = (str(path), stat.st_mtime_ns, stat.st_size)
    if _CACHE.get("stamp") == stamp:
        return _CACHE["document"], _CACHE["result"]
    try:
        # Home files are ours, but a replaced one is still read within bounds.
        document = json.loads(read_user_file(path, 2 * MAX_BYTES, "stored directory"))
    except (UserError, UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise UserError(
            f"the stored directory {path} is damaged: run `privacy-tui directory update` or `privacy-tui directory import PATH` again"
        ) from None
    if not isinstance(document, dict) or document.get("format") != STORE_FORMAT:
        raise UserError(f"{path} is not a directory stored by privacy-tui: import the directory again")
    result = load_directory_data(document)
    _CACHE.clear()
    _CACHE.update(stamp=stamp, document=document, result=result)
    return document, result


def open_index() -> DirectoryIndex:
    """The search index over the imported directory (UserError if none was imported)."""
    _load()
    index = _CACHE.get("index")
    if index is None:
        index = _CACHE["index"] = DirectoryIndex(_CACHE["result"].entries)
    return index


# The supervisory authorities shipped with the package (privacy_tui/data, CC0 1.0, regenerated by
# scripts/build-authorities from a datarequests.org dump): complaints work before any import.
BUNDLED_AUTHORITIES = "supervisory-authorities.json"


def bundled_authorities() -> tuple[SupervisoryAuthority, ...]:
    """The authorities shipped with the package, validated like an imported directory's."""
    cached = _CACHE.get("bundled")
    if cached is None:
        from importlib.resources import files

        data = json.loads(files("privacy_tui").joinpath("data", BUNDLED_AUTHORITIES).read_bytes())
        cached = _CACHE["bundled"] = load_directory_data(data).authorities
    return cached


def load_authorities() -> list[SupervisoryAuthority]:
    """Supervisory authorities: the imported directory's, then the shipped ones it lacks.

    An imported (newer) record takes precedence over the shipped one with the same slug; with
    nothing imported the shipped ones are used. A damaged imported directory is still an error.
    """
    try:
        imported = list(_load()[1].authorities)
    except UserError as exc:
        if str(exc) != NOT_IMPORTED:
            raise
        imported = []
    slugs = {a.slug for a in imported}
    return imported + [a for a in bundled_authorities() if a.slug not in slugs]


def authorities_for_country(cc: str) -> list[SupervisoryAuthority]:
    """The authorities competent for country `cc` (imported first, then shipped)."""
    return _authorities_for_country(cc, load_authorities())


def directory_info() -> dict[str, Any]:
    """Where the imported directory came from and what it holds; {"imported": False, ...} if none."""
    path = store_path()
    if not path.exists():
        return {"imported": False, "path": str(path)}
    document, result = _load()
    counts = document.get("counts")
    if not isinstance(counts, dict):
        counts = {}
    return {
        "imported": True,
        "source": str(document.get("source", "")),
        "origin": str(document.get("origin", "")),
        "imported_at": str(document.get("imported_at", "")),
        "companies": len(result.entries),
        "supervisory_authorities": len(result.authorities),
        "skipped_at_import": int(counts.get("skipped", 0) or 0),
        "path": str(path),
    }


__all__ = [
    "DEFAULT_URL",
    "MAX_BYTES",
    "NOT_IMPORTED",
    "ImportSummary",
    "authorities_for_country",
    "bundled_authorities",
    "check_url",
    "directory_info",
    "import_directory",
    "load_authorities",
    "open_index",
    "store_path",
    "update_directory",
]
