"""`privacy-tui locate`: where the files are."""

from __future__ import annotations


def register(sub) -> None:
    p = sub.add_parser("locate", help="print the home, vault, backups and config paths")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run)


def run(args) -> int:
    from privacy_tui.commands._common import print_fields
    from privacy_tui.vault.paths import paths

    p = paths()
    info = {"home": str(p.home), "vault": str(p.vault), "backups": str(p.backups), "config": str(p.config), "directory": str(p.directory)}
    print_fields(info, args.json, 10)
    return 0
