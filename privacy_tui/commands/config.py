"""`privacy-tui config ...`: SMTP settings (password in the OS keyring) and other preferences."""

from __future__ import annotations

from privacy_tui.commands._common import print_fields, subcommands
from privacy_tui.commands._output import out


def register(sub) -> None:
    config = sub.add_parser("config", help="settings: SMTP account, reminders")
    csub = subcommands(config, "config_command", "AREA")

    p = csub.add_parser("smtp", help="configure the SMTP account (`config smtp test` checks it, `config smtp show` prints it)")
    p.add_argument("action", nargs="?", choices=("set", "test", "show", "presets"), default="set")
    from privacy_tui.transport.smtp_settings import PRESETS

    # The names `config smtp presets` prints (one spelling; get_preset also takes mailbox.org, gmx.de, ...).
    p.add_argument("--preset", metavar="NAME", help=f"one of: {', '.join(PRESETS)} (`config smtp presets` shows each)")
    p.add_argument("--host", metavar="H")
    p.add_argument("--port", metavar="P", type=int)
    p.add_argument("--security", metavar="S", choices=("ssl", "starttls", "none"),
                   help="ssl (TLS from the start, usually port 465), starttls (usually 587) or none")
    p.add_argument("--username", metavar="U")
    p.add_argument("--from", dest="from_addr", metavar="ADDR")
    p.add_argument("--ca-file", metavar="PEM", help="trust this certificate (self-hosted servers, Proton Mail Bridge)")
    p.add_argument("--timeout", metavar="SECONDS", type=float,
                   help="limit for one whole exchange: connect, TLS, login, the letter and its answer (default 30)")
    p.add_argument("--no-bcc-self", action="store_true", help="do not send yourself a Bcc copy")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_smtp)

    p = csub.add_parser("imap", help="the mailbox replies arrive in (`config imap test` checks it); read-only")
    p.add_argument("action", nargs="?", choices=("set", "test", "show", "presets"), default="set")
    from privacy_tui.transport.imap_settings import PRESETS as IMAP_PRESETS

    p.add_argument("--preset", metavar="NAME", help=f"one of: {', '.join(IMAP_PRESETS)}")
    p.add_argument("--host", metavar="H")
    p.add_argument("--port", metavar="P", type=int)
    p.add_argument("--security", metavar="S", choices=("ssl", "starttls"), help="ssl (usually port 993) or starttls (usually 143)")
    p.add_argument("--username", metavar="U")
    p.add_argument("--folder", metavar="F", action="append", help="a folder to read (repeat; default INBOX)")
    p.add_argument("--ca-file", metavar="PEM", help="trust this certificate (self-hosted servers, Proton Mail Bridge)")
    p.add_argument("--timeout", metavar="SECONDS", type=float, help="limit for one operation (default 60)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_imap)

    p = csub.add_parser("remind", help="reminder preferences")
    p.add_argument("--within", metavar="DAYS", type=int, help="warn about deadlines this many days ahead (default 7)")
    p.set_defaults(handler=run_remind)


def run_smtp(args) -> int:
    if args.action == "presets":
        return _presets(args)
    if args.action == "test":
        return _test(args)
    if args.action == "show":
        return _show(args)
    return _set(args)


def _presets(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.transport.smtp_settings import PRESETS

    rows = [{"name": k, "label": p.label, "host": p.host, "port": p.port, "security": p.security, "note": p.note} for k, p in PRESETS.items()]
    if args.json:
        print_json(rows)
    else:
        from privacy_tui.commands._output import table

        table([(r["name"], r["host"], r["port"], r["security"], r["note"]) for r in rows], ("NAME", "HOST", "PORT", "SECURITY", "NOTE"),
              right=(2,))
    return 0


def _set(args) -> int:
    import os

    from privacy_tui.core.errors import UserError
    from privacy_tui.services.session import open_store
    from privacy_tui.services.smtp_settings import merge, save, stored

    changes = {"host": args.host, "port": args.port, "security": args.security, "username": args.username,
               "from_addr": args.from_addr, "ca_file": args.ca_file, "timeout": args.timeout}
    if not args.preset and all(v is None for v in changes.values()):
        raise UserError("nothing to set: give --preset NAME or --host/--port/--security/--username/--from")
    with open_store(write=True) as store:
        change = merge(stored(store), preset=args.preset, **changes)
        settings = change.settings
        password = None
        from_env = bool(os.environ.get("PRIVACY_TUI_SMTP_PASSWORD"))
        if not from_env and settings.username and (args.username is not None or args.preset):
            import getpass
            import sys

            if sys.stdin.isatty():
                password = getpass.getpass(f"SMTP password for {settings.username}: ")
        save(store, settings, password=password, bcc_self=False if args.no_bcc_self else None)
    out(f"SMTP: {settings.host}:{settings.port} ({settings.security}) as {settings.username or '(no login)'}, from {settings.from_addr}")
    if change.note:
        out(f"note: {change.note}")
    if settings.username and not password and not from_env:
        out("no password stored now: set PRIVACY_TUI_SMTP_PASSWORD, or run this again in a terminal to store it in your keyring")
    return 0


def _test(args) -> int:
    from privacy_tui.services.session import open_store
    from privacy_tui.services.smtp_settings import configured as smtp_settings
    from privacy_tui.transport.smtp import test_connection
    from privacy_tui.vault.smtp_secrets import resolve_smtp_password

    with open_store() as store:
        settings = smtp_settings(store)
    password = resolve_smtp_password(settings) if settings.username else ""
    out(test_connection(settings, password))
    return 0


def _show(args) -> int:
    from privacy_tui.services.session import open_store
    from privacy_tui.services.smtp_settings import configured as smtp_settings

    with open_store() as store:
        settings = smtp_settings(store)
    print_fields(settings.to_dict(), args.json, 16)
    return 0


def run_imap(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.inbox_sync import configure_imap, imap_settings, test_connection
    from privacy_tui.services.session import open_store
    from privacy_tui.transport import imap_settings as mod
    from privacy_tui.vault.imap_secrets import ENV_VAR, resolve_imap_password, set_imap_password

    if args.action == "presets":
        rows = [{"name": k, "label": p.label, "host": p.host, "port": p.port, "security": p.security, "note": p.note}
                for k, p in mod.PRESETS.items()]
        if args.json:
            print_json(rows)
        else:
            from privacy_tui.commands._output import table

            table([(r["name"], r["host"], r["port"], r["security"], r["note"]) for r in rows],
                  ("NAME", "HOST", "PORT", "SECURITY", "NOTE"), right=(2,))
        return 0
    if args.action in ("test", "show"):
        with open_store() as store:
            settings = imap_settings(store)
        if settings is None:
            raise UserError("IMAP is not configured: run `privacy-tui config imap --host H --username U` first")
        if args.action == "show":
            print_fields(settings.to_dict(), args.json, 16)
            return 0
        out(test_connection(settings, resolve_imap_password(settings.username)))
        return 0
    changes = {"host": args.host, "port": args.port, "security": args.security, "username": args.username,
               "ca_file": args.ca_file, "timeout": args.timeout, "folders": tuple(args.folder) if args.folder else None}
    if not args.preset and all(v is None for v in changes.values()):
        raise UserError("nothing to set: give --preset NAME or --host/--port/--security/--username/--folder")
    import os
    import sys

    with open_store(write=True) as store:
        settings = configure_imap(store, preset=args.preset, **changes)
    out(f"IMAP: {settings.host}:{settings.port} ({settings.security}) as {settings.username}, folders {', '.join(settings.folders)}")
    if args.preset and mod.get_preset(args.preset).note:
        out(f"note: {mod.get_preset(args.preset).note}")
    if not os.environ.get(ENV_VAR) and (args.username is not None or args.preset):
        import getpass

        if sys.stdin.isatty():
            set_imap_password(settings.username, getpass.getpass(f"IMAP password for {settings.username}: "))
            out("password stored in your keyring (service privacy-tui-imap)")
        else:
            out(f"no password stored now: set {ENV_VAR}, or run this again in a terminal to store it in your keyring")
    return 0


def run_remind(args) -> int:
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.session import open_store

    if args.within is None:
        raise UserError("nothing to set: give --within DAYS")
    if not 0 <= args.within <= 365:
        raise UserError("--within must be between 0 and 365 days")
    with open_store(write=True) as store:
        store.set_setting("remind_within", args.within)
    out(f"reminders warn {args.within} day(s) ahead")
    return 0
