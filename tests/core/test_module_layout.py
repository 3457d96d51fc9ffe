"""Where modules live: the package root holds only the entry points, and core/ parses what it
is given without touching the disk (only its own packaged letter templates are read)."""

from __future__ import annotations

import ast
from pathlib import Path

from support.paths import REPO

PACKAGE = REPO / "privacy_tui"
ENTRY_POINTS = {"__init__.py", "__main__.py", "cli.py"}
FILE_MODULES = {"os", "pathlib", "shutil", "glob", "tempfile"}
# The two modules that read the package's own letter templates and their terms (shipped data,
# like the code itself): never a user's file, never a write.
PACKAGED_TEMPLATES = {"letters.py", "letter_language.py"}


def test_only_entry_points_at_the_package_root():
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert modules == ENTRY_POINTS, f"move {sorted(modules - ENTRY_POINTS)} into core/, vault/, transport/, services/ or commands/"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "open":
            found.add("open()")
    return found


def test_core_does_no_file_io():
    checked = 0
    for path in sorted((PACKAGE / "core").rglob("*.py")):
        if path.parent == PACKAGE / "core" and path.name in PACKAGED_TEMPLATES:
            continue
        used = _imports(path) & (FILE_MODULES | {"open()"})
        assert not used, f"{path.relative_to(PACKAGE)} uses {sorted(used)}: files are read in services/ (e.g. services/directory_files.py)"
        checked += 1
    assert checked > 50  # the walk really saw the core package


def test_core_directory_parses_folder_files_it_is_given():
    import json

    from privacy_tui.core.directory.records import RecordFile, load_record_folder

    good = {"slug": "acme", "name": "ACME GmbH", "relevant-countries": ["de"], "address": "Hauptstraße 1\n10115 Berlin",
            "sources": ["https://acme.example/privacy"], "quality": "verified"}
    result = load_record_folder(
        "records",
        [RecordFile("acme.json", json.dumps(good).encode()), RecordFile("bad.json", b"{"),
         RecordFile("gone.json", error="cannot be read (Permission denied)")],
        refused=["supervisory-authorities holds too many files; the folder is skipped"],
    )
    assert [e.slug for e in result.entries] == ["acme"], result.messages
    assert result.skipped == 3 and result.source == "folder records"
    joined = "\n".join(result.messages)
    assert "bad.json is not valid JSON" in joined and "gone.json cannot be read (Permission denied)" in joined
