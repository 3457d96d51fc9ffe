"""The shipped package has no switch that lowers the key derivation's cost."""

from __future__ import annotations

import subprocess
import sys

from support.paths import REPO


def test_no_environment_variable_lowers_the_kdf():
    # A clean interpreter (no tests/ shim on the path), with the old test switch set.
    env = {"PYTHONPATH": str(REPO), "PRIVACY_TUI_TEST_FAST_KDF": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", "from privacy_tui.vault import crypto; d = crypto.default_kdf(); print(d.n, d.r, d.p)"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.split()
    assert out == [str(2**17), "8", "1"]


def test_the_package_source_names_no_test_switch():
    hits = [p for p in (REPO / "privacy_tui").rglob("*.py") if "TEST_FAST_KDF" in p.read_text(encoding="utf-8")]
    assert hits == []


def test_tests_create_cheap_vaults_in_process_and_in_subprocesses(private_home):
    from support.cli import cli_env, run_cli

    from privacy_tui.vault.envelope import read_header

    rc, _, err = run_cli("init", env=cli_env())
    assert rc == 0, err
    assert read_header(private_home / "vault.ptv")["kdf"]["n"] == 2**10
