"""Reading a company directory from disk: one dump file, or a records folder of `*.json` files
(`companies/` and `supervisory-authorities/`, or the company files alone), always bounded.

Parsing and validating what was read is core.directory.records'; this module only walks and reads.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from privacy_tui.core.directory.records import LoadResult, RecordFile, load_directory_bytes, load_record_folder
from privacy_tui.core.errors import UserError
from privacy_tui.transport.files import read_user_file

MAX_BYTES = 100 * 1024 * 1024  # a whole dump, or all the files of a records folder together
MAX_RECORD_BYTES = 1024 * 1024  # one company's record file in a records folder
MAX_FOLDER_FILES = 50_000  # the datarequests.org records folder holds about 3,000
WHAT = "directory file (JSON)"


class FolderTooLarge(Exception):
    """The folder's files add up to more than MAX_BYTES: not a directory dump."""


def load_directory_path(path: str | Path) -> LoadResult:
    """The validated directory in a dump file or records folder. Unreadable or broken files are
    skipped and explained in the result, like bad records; FolderTooLarge past MAX_BYTES."""
    path = Path(path).expanduser()
    if path.is_dir():
        return _load_folder(path)
    try:
        data = read_user_file(path, MAX_BYTES, WHAT)
    except (UserError, OSError) as exc:
        return LoadResult((), (), 1, [f"{path.name} cannot be read ({exc})"], f"file {path.name}")
    return load_directory_bytes(data, path.name)


def _load_folder(folder: Path) -> LoadResult:
    if (folder / "companies").is_dir():
        subs = [folder / "companies", folder / "supervisory-authorities"]
    else:
        subs = [folder]
    read_so_far = 0
    refused: list[str] = []
    parts: list[list[RecordFile]] = [[], []]
    for sub, files in zip(subs, parts, strict=False):  # a flat folder fills only the companies
        if not sub.is_dir():
            continue
        # Bounded before sorting: a folder of millions of files is refused, not listed.
        found = list(islice(sub.glob("*.json"), MAX_FOLDER_FILES + 1))
        if len(found) > MAX_FOLDER_FILES:
            refused.append(f"{sub.name} holds more than {MAX_FOLDER_FILES:,} .json files; the folder is skipped")
            continue
        for file in sorted(found):
            try:
                data = read_user_file(file, MAX_RECORD_BYTES, WHAT)
            except (UserError, OSError) as exc:
                files.append(RecordFile(file.name, error=f"cannot be read ({exc})"))
                continue
            read_so_far += len(data)
            if read_so_far > MAX_BYTES:
                raise FolderTooLarge
            files.append(RecordFile(file.name, data))
    return load_record_folder(folder.name, parts[0], parts[1], refused)
