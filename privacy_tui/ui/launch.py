"""Entry point used by the CLI when `privacy-tui` runs with no arguments."""

from __future__ import annotations


def launch() -> int:
    import sys

    from privacy_tui.ui.app import build_app
    from privacy_tui.ui.crash import report_after_exit

    app = build_app()
    result = app.run()
    report_after_exit(app.crash, sys.stderr)  # one line on stderr now that the terminal is back (ui.crash)
    if app.crash is not None:
        return app.return_code or 1
    return int(result or 0)
