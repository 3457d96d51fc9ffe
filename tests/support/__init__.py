"""Helpers the tests call: plain functions, constants and test servers (fixtures live in conftest.py files).

Import them as `from support.cli import run_main`; never import a conftest.
"""
