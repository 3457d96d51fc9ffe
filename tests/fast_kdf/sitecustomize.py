"""Cheap scrypt for the CLI processes the tests start (never shipped: it lives under tests/).

tests/conftest.py puts this folder on PYTHONPATH, so every `python -m privacy_tui` a test runs
imports it at start-up and creates vaults with the same cheap parameters as the in-process
tests. The parameters are recorded in each vault's header, so opening costs the same.
"""

from privacy_tui.vault import crypto

crypto.DEFAULT_KDF = crypto.KdfParams(n=2**10)
