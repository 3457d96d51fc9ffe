"""`privacy-tui locate`: where the files are."""

from __future__ import annotations

from privacy_tui.commands._output import out


def register(sub) -> None:
    p = sub.add_parser("locate", help="print the home, vault, backups and config paths")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run)


def run(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.vault.paths import paths

    p = paths()
    info = {"home": str(p.home), "vault": str(p.vault), "backups": str(p.backups), "config": str(p.config), "directory": str(p.directory)}
    if args.json:
        print_json(info)
    else:
        for key, value in info.items():
            out(f"{key:<10} {value}")
    return 0
