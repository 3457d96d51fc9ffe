"""`privacy-tui export ...` and `privacy-tui import ...`."""

from __future__ import annotations

from privacy_tui.commands._common import subcommands
from privacy_tui.commands._output import out


def register(sub) -> None:
    export = sub.add_parser("export", help="export the vault (json) or deadlines (ics)")
    esub = subcommands(export, "export_command", "FORMAT")
    p = esub.add_parser("json", help="write everything as plaintext JSON, received messages and attachments included (explicit: the file is NOT encrypted)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--plaintext", action="store_true", help="required: you accept that FILE is unencrypted")
    p.add_argument("--force", action="store_true", help="overwrite FILE")
    p.set_defaults(handler=run_export_json)

    imp = sub.add_parser("import", help="import records from an export")
    isub = subcommands(imp, "import_command", "FORMAT")
    p = isub.add_parser("json", help="merge a privacy-tui JSON export into the vault")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=run_import_json)

    try:
        from privacy_tui.commands import _ics

        _ics.register(esub)
    except ImportError:
        pass


def run_export_json(args) -> int:
    import sys
    from pathlib import Path

    from privacy_tui.core.errors import UserError
    from privacy_tui.services.session import open_store
    from privacy_tui.services.vault_admin import export_plaintext

    if not args.plaintext:
        raise UserError("the export is NOT encrypted: add --plaintext to confirm (for an encrypted copy use `privacy-tui vault backup FILE`)")
    with open_store() as store:
        target = export_plaintext(store, Path(args.file), force=args.force)
    sys.stderr.write(f"warning: {target} holds your personal data UNENCRYPTED, received messages and attachments "
                     "included; delete it when done\n")
    out(target)
    return 0


def run_import_json(args) -> int:
    from pathlib import Path

    from privacy_tui.services.session import open_store
    from privacy_tui.services.vault_admin import import_plaintext
    from privacy_tui.transport.files import check_user_file

    # Before the vault is opened: a FIFO, device, socket or folder is refused at once.
    check_user_file(args.file, "privacy-tui JSON export")
    with open_store(write=True) as store:
        added = import_plaintext(store, Path(args.file))
    out(f"imported {added['companies']} companies, {added['requests']} requests, {added['messages']} messages, "
        f"{added['inbox']} received messages ({added['blobs']} messages and attachments, kept encrypted)")
    return 0
