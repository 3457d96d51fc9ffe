# privacy-tui: `make run` to use it, `make test` to test it (on a fresh Debian with Python 3.11 and make).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run lint test test-fast system-deps screenshots bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,lint,screenshots]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(VENV)/bin/privacy-tui

system-deps:
	@scripts/install-system-deps

# Static checks (configured in pyproject.toml): ruff's rule set, the layer contract of
# import-linter, mypy on core/ and vault/, and vulture for dead code (whitelist beside it).
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	PYTHONPATH=. $(VENV)/bin/lint-imports  # this checkout, whatever else the venv has installed
	$(VENV)/bin/mypy
	$(VENV)/bin/vulture

# The whole suite runs against a real Secret Service (gnome-keyring on a private D-Bus session),
# after the static checks: CI runs `make test`, so it enforces both.
test: lint system-deps
	scripts/with-keyring $(PY) -m pytest $(PYTEST_ARGS)

screenshots: $(VENV)/.installed-test system-deps
	scripts/with-keyring $(PY) scripts/screenshots.py

bench: $(VENV)/.installed-test system-deps
	for b in benchmarks/*.py; do scripts/with-keyring $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
