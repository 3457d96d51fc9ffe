"""Unlocking through the keyring: the dashboard first, from the encrypted summary; the vault behind it.

A busy vault is tens of megabytes to decrypt and parse, which would keep a person staring at
"Opening your vault…". The summary written beside it after every vault write holds what the
dashboard needs (no letter text), bound to that exact vault version, so it can be shown at
once; the full vault opens in the same worker right after the first paint, and the dashboard
reloads from it (the start-up overdue check included). Until then, actions that need the vault
say it is still opening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from privacy_tui.core.errors import PrivacyTuiError
from privacy_tui.ui.messages import VaultFailed, VaultLocked, VaultOpening, VaultReady
from privacy_tui.ui.workers import failure, run_in_thread

if TYPE_CHECKING:
    from privacy_tui.ui.app import PrivacyApp

# The first paint of the preview is waited for at most this long before the vault opens anyway.
PAINT_WAIT = 2.0


def open_in_background(app: PrivacyApp) -> None:
    """Open the vault with the key from the keyring; results arrive as VaultOpening messages."""
    from privacy_tui.ui.screens.unlock import open_vault

    def body() -> VaultOpening | None:
        try:
            return opening()
        except Exception as exc:  # one line on the error screen, never a traceback
            return VaultOpening(result=VaultFailed(failure("open the vault", exc).reason))

    def opening() -> VaultOpening | None:
        preview = _preview(app)
        if preview is not None:
            app.post_message(VaultOpening(preview=preview))
            # The vault's decryption competes with the first paint for the interpreter: paint first.
            app.first_paint.wait(PAINT_WAIT)
        result = open_vault(app, None)
        if isinstance(result, VaultReady) and not app.adopt_store(result.store):
            return None  # the app closed meanwhile; adopt_store closed the vault
        return VaultOpening(result=result)

    run_in_thread(app, "open the vault", body)


def _preview(app: PrivacyApp):
    from privacy_tui.ui.screens.dashboard import load_dashboard
    from privacy_tui.vault.vault import Vault

    try:
        summary = Vault.open_summary(app.paths)  # None unless the keyring has the key and the summary is current
        return load_dashboard(summary, app.today) if summary is not None else None
    except (PrivacyTuiError, OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # the summary is only a shortcut: the full vault decides


def after_opening(app: PrivacyApp, message: VaultOpening) -> None:
    from privacy_tui.ui.screens.dashboard import DashboardScreen
    from privacy_tui.ui.screens.unlock import UnlockScreen, VaultErrorScreen

    if message.preview is not None:
        app.show_home(preview=message.preview)
        return
    result = message.result
    if isinstance(result, VaultReady):
        dashboard = next((s for s in app.screen_stack if isinstance(s, DashboardScreen)), None)
        if dashboard is None:
            app.show_home()
        else:
            dashboard.action_refresh()
        return
    # The keyring lost the key, or the vault turned out damaged behind a valid summary.
    while len(app.screen_stack) > 2:
        app.pop_screen()
    if isinstance(result, VaultLocked):
        app.switch_screen(UnlockScreen())
    elif isinstance(result, VaultFailed):
        app.switch_screen(VaultErrorScreen(result.reason))


__all__ = ["after_opening", "open_in_background"]
