"""The domain and vault layers never pull in Textual, and importing them has no side effects."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support.cli import cli_env
from support.paths import REPO

PACKAGE = REPO / "privacy_tui"


def _modules_under(folder: str) -> list[str]:
    """Every module file of a sub-package (found on disk, so new modules are covered automatically)."""
    names = []
    for file in sorted((PACKAGE / folder).rglob("*.py")):
        parts = file.relative_to(REPO).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


# Runs in a fresh interpreter: imports every module given on the command line, then reports
# what ended up loaded and whether anything appeared on disk.
_PROBE = r"""
import importlib, json, os, sys
home = os.environ["PRIVACY_TUI_HOME"]
failed = {}
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed[name] = f"{type(exc).__name__}: {exc}"
if os.environ.get("PROBE_BUILD_PARSER"):
    from privacy_tui.cli import build_parser
    build_parser().format_help()
print(json.dumps({
    "textual": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
    "failed": failed,
    "home_exists": os.path.exists(home),
    "cwd_files": sorted(os.listdir(".")),
}))
"""


def _probe(modules: list[str], tmp_path: Path, **env_extra: str) -> dict:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *modules],
        env=cli_env(**env_extra),
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_module_lists_are_not_empty():
    core, vault = _modules_under("core"), _modules_under("vault")
    assert "privacy_tui.core.models" in core and "privacy_tui.core.errors" in core
    assert {"privacy_tui.vault.vault", "privacy_tui.vault.crypto", "privacy_tui.vault.store"} <= set(vault)


def test_core_and_vault_never_import_textual(private_home, tmp_path):
    modules = _modules_under("core") + _modules_under("vault")
    result = _probe(modules, tmp_path)
    assert result["failed"] == {}, f"modules that fail to import: {result['failed']}"
    assert result["textual"] == [], f"textual was imported by core/vault: {result['textual'][:5]}"
    assert not result["home_exists"], "importing core/vault created the home folder"
    assert result["cwd_files"] == [], f"importing core/vault wrote files: {result['cwd_files']}"
    assert not private_home.exists()


def test_cli_startup_has_no_side_effects(private_home, tmp_path):
    """Importing the CLI (and building its parser, which imports every command module)
    creates no folder and does not load the UI toolkit."""
    result = _probe(
        ["privacy_tui.cli", "privacy_tui.vault.paths", "privacy_tui.services.session"], tmp_path, PROBE_BUILD_PARSER="1"
    )
    assert result["failed"] == {}
    assert result["textual"] == [], f"the CLI start-up path imported textual: {result['textual'][:5]}"
    assert not result["home_exists"], "importing the CLI created the home folder"
    assert result["cwd_files"] == []


def test_probe_detects_textual(tmp_path):
    """The probe itself can fail: importing textual is reported."""
    result = _probe(["textual"], tmp_path)
    assert "textual" in result["textual"]
