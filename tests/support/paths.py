"""Where things are: the checkout, the tests' own data, and ../shared beside the repository."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
FIXTURES = TESTS / "fixtures"
POLICY_FIXTURES = FIXTURES / "policies"
LETTERS_EXPECTED = TESTS / "letters_expected"
# Put on PYTHONPATH for CLI subprocesses so they derive keys fast too (see tests/conftest.py).
FAST_KDF_SHIM = TESTS / "fast_kdf"
