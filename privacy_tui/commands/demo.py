"""`privacy-tui demo`: build a home with fictional companies and requests in every state."""

from __future__ import annotations

from privacy_tui.commands._output import out


def register(sub) -> None:
    p = sub.add_parser(
        "demo",
        help="build a demo home with fictional companies and requests (for trying the app and screenshots)",
        description="Create a new vault with fictional companies (example.com addresses) and requests in every state.",
    )
    p.add_argument("--home", metavar="DIR", help="folder for the demo home (default: $PRIVACY_TUI_HOME); must hold no vault")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="date the demo's timelines are relative to (default: today)")
    p.add_argument("--no-keyring", action="store_true", help="do not keep the demo vault's key in the OS keyring")
    p.set_defaults(handler=run)


def run(args) -> int:
    import os
    from pathlib import Path

    from privacy_tui.commands._common import today
    from privacy_tui.services.demo import DEMO_PASSPHRASE, build_demo_home
    from privacy_tui.vault.paths import paths

    home = Path(args.home) if args.home else paths().home
    passphrase = os.environ.get("PRIVACY_TUI_PASSPHRASE") or DEMO_PASSPHRASE
    counts = build_demo_home(home, today=today(args), passphrase=passphrase, use_keyring=not args.no_keyring)
    out(f"Demo home {counts['home']}: {counts['companies']} companies, {counts['requests']} requests")
    if passphrase == DEMO_PASSPHRASE:
        out(f"Passphrase: {DEMO_PASSPHRASE!r}" + (" (the key is also in your keyring)" if counts["keyring"] else ""))
    out(f"Open it with: PRIVACY_TUI_HOME={counts['home']} privacy-tui")
    return 0
