"""pyproject: the licence as an SPDX string (no setuptools deprecation warning at install), and
the shipped authority data inside the package data."""

from __future__ import annotations

import fnmatch
import tomllib

from support.paths import REPO

ROOT = REPO


def test_licence_is_an_spdx_string_for_a_setuptools_that_reads_it():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"  # a TOML table is deprecated and warned about at every build
    assert "setuptools>=77" in project["build-system"]["requires"]  # 77 is the first to accept the string


def test_the_authority_data_and_its_licence_are_package_data():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["privacy_tui"]
    for name in ("data/supervisory-authorities.json", "data/LICENSE-CC0.txt"):
        assert (ROOT / "privacy_tui" / name).is_file()
        assert any(fnmatch.fnmatch(name, p.replace("**/", "*/")) for p in patterns), name
