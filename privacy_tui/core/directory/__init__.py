"""The company directory: the datarequests.org database of privacy contacts (CC0).

Pure domain logic: parse and validate records (`records`), search them (`search`), turn an
entry into a vault Company (`company`), find supervisory authorities (`authorities`). Reading
and writing the imported copy in the home folder lives in `privacy_tui.services.directory_store`.
"""

from privacy_tui.core.directory.authorities import authorities_for_country
from privacy_tui.core.directory.company import record_to_company, regimes_for
from privacy_tui.core.directory.records import (
    DirectoryEntry,
    LoadResult,
    SupervisoryAuthority,
    load_directory_data,
)
from privacy_tui.core.directory.search import DirectoryIndex, SearchHit

__all__ = [
    "DirectoryEntry",
    "DirectoryIndex",
    "LoadResult",
    "SearchHit",
    "SupervisoryAuthority",
    "authorities_for_country",
    "load_directory_data",
    "record_to_company",
    "regimes_for",
]
