"""Entry point used by the CLI when `privacy-tui` runs with no arguments."""

from __future__ import annotations


def launch() -> int:
    import sys

    from privacy_tui.ui.app import build_app
    from privacy_tui.ui.crash import report_crash

    app = build_app()
    result = app.run()
    if app.crash is not None:  # one line on stderr now that the terminal is back (ui.crash)
        report_crash(app.crash, sys.stderr)
        return app.return_code or 1
    return int(result or 0)
