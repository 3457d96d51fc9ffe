"""Entry point used by the CLI when `privacy-tui` runs with no arguments."""

from __future__ import annotations


def launch() -> int:
    from privacy_tui.ui.app import build_app

    app = build_app()
    result = app.run()
    return int(result or 0)
