"""Cheap scrypt for the CLI processes the tests start (never shipped: it lives under tests/).

tests/conftest.py puts this folder on PYTHONPATH, so every Python process a test starts runs
this at start-up. It imports nothing: when (and only if) the process imports
privacy_tui.vault.crypto, the module's DEFAULT_KDF is replaced by the same cheap parameters
the in-process tests use. They are recorded in each vault's header, so opening costs the same.
"""

import sys

_TARGET = "privacy_tui.vault.crypto"


class _CheapKdfOnImport:
    def find_spec(self, name, path=None, target=None):
        if name != _TARGET:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                break
        else:
            return None
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.DEFAULT_KDF = module.KdfParams(n=2**10)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _CheapKdfOnImport())
