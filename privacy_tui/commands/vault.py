"""`privacy-tui vault ...`: check, back up, restore, change passphrase, recover."""

from __future__ import annotations

from privacy_tui.commands._common import subcommands
from privacy_tui.commands._output import out


def register(sub) -> None:
    vault = sub.add_parser("vault", help="check, back up, restore the vault; change passphrase; recover")
    vsub = subcommands(vault, "vault_command")

    p = vsub.add_parser("check", help="verify the vault and print record counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_check)

    p = vsub.add_parser("repair", help="clean records with control characters and remove unreadable ones (after a backup)")
    p.add_argument("--dry-run", action="store_true", help="only list what would be cleaned or removed")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_repair)

    p = vsub.add_parser("backup", help="copy the (encrypted) vault to FILE")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="overwrite FILE")
    p.set_defaults(handler=run_backup)

    p = vsub.add_parser("restore", help="replace the vault with a backup (the current vault is kept in backups/)")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(handler=run_restore)

    p = vsub.add_parser("passwd", help="change the passphrase")
    p.set_defaults(handler=run_passwd)

    p = vsub.add_parser("recover", help="open with the recovery key and set a new passphrase")
    p.set_defaults(handler=run_recover)

    p = vsub.add_parser(
        "accept-rollback", help="keep this vault although it is older than one seen before (after a restore by hand)"
    )
    p.set_defaults(handler=run_accept_rollback)

    p = vsub.add_parser("backups", help="list automatic backups")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_backups)


def run_check(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.services.session import open_store
    from privacy_tui.services.vault_admin import check, vault_info
    from privacy_tui.vault.envelope import FORMAT_VERSION

    with open_store() as store:
        report = check(store)
        about = vault_info(store)
    unlocked_by = about.unlocked_by
    info = {
        "ok": not report["problems"] and about.rollback is None,
        "format": FORMAT_VERSION,
        "vault_id": about.vault_id,
        "kdf": about.kdf,
        "keyring": about.key_in_keyring,
        "unlocked_by": unlocked_by,
        "generation": about.generation,
        "rollback": about.rollback.to_dict() if about.rollback else None,
        **report,
    }
    if args.json:
        print_json(info)
    else:
        if info["ok"]:
            out(f"vault OK (format {FORMAT_VERSION}, unlocked by {unlocked_by})")
        elif report["problems"]:
            out("vault opened, but some records need repair:")
        else:
            out("vault opened, but it may have been rolled back:")
        for table, n in report["counts"].items():
            out(f"  {table:<10} {n}")
        blobs = report.get("blobs") or {}
        if blobs.get("count"):
            extra = f", {len(blobs['unreferenced'])} not referenced" if blobs.get("unreferenced") else ""
            packs = f", {len(blobs['packs'])} pack file(s)" if blobs.get("packs") else ""
            out(f"  {'blobs':<10} {blobs['count']} encrypted (received mail and attachments{packs}; {blobs['damaged']} damaged{extra})")
        for problem in report["problems"][:50]:
            out(f"  ! {problem}")
        if len(report["problems"]) > 50:
            out(f"  … and {len(report['problems']) - 50} more (see --json)")
        if report["problems"]:
            out("run `privacy-tui vault repair --dry-run` to see what a repair would change")
        if about.rollback is not None:
            out(f"  ! {about.rollback.message()}")
    return 0 if info["ok"] else 3


def run_repair(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.commands._output import one_line
    from privacy_tui.services.session import open_store
    from privacy_tui.services.vault_admin import repair, repair_plan

    with open_store(write=not args.dry_run) as store:
        if args.dry_run:
            plan = repair_plan(store)
            result = {"removed": sorted(plan["bad"]), "cleaned": sorted(plan["clean"]), "problems": plan["bad"], "backup": None}
        else:
            result = repair(store)
    changed = bool(result["removed"] or result["cleaned"])
    info = {"dry_run": args.dry_run, **result}
    if args.json:
        print_json(info)
        return 0
    if not changed:
        out("nothing to repair: every record is valid")
        return 0
    verb = ("would remove", "would clean") if args.dry_run else ("removed", "cleaned")
    for where in result["removed"]:
        out(f"{verb[0]} {where}: {one_line('; '.join(result['problems'][where]))}")
    for where in result["cleaned"]:
        out(f"{verb[1]} {where} (control characters or unstorable text)")
    if info["backup"]:
        out(f"the vault as it was before is in {info['backup']} (restore with `privacy-tui vault restore FILE`)")
    return 0


def run_backup(args) -> int:
    from pathlib import Path

    from privacy_tui.services.vault_admin import backup_to
    from privacy_tui.vault.paths import paths

    target = backup_to(paths(), Path(args.file), force=args.force)
    out(f"backed up to {target} (encrypted; it opens with the same passphrase or recovery key)")
    return 0


def run_restore(args) -> int:
    from pathlib import Path

    from privacy_tui.services.session import ask_passphrase
    from privacy_tui.services.vault_admin import restore_from
    from privacy_tui.vault.paths import paths

    counts = restore_from(paths(), Path(args.file), ask=lambda: ask_passphrase("Passphrase of the backup: "))
    out(f"restored: {counts['companies']} companies, {counts['requests']} requests (the previous vault is in backups/)")
    return 0


def run_passwd(args) -> int:
    from privacy_tui.commands._common import new_passphrase
    from privacy_tui.services.session import open_store
    from privacy_tui.services.vault_admin import change_passphrase

    with open_store(write=True) as store:
        change_passphrase(store, _ask_new(new_passphrase))
    out("passphrase changed")
    return 0


def _ask_new(new_passphrase) -> str:
    """The new passphrase: PRIVACY_TUI_NEW_PASSPHRASE or the terminal, never PRIVACY_TUI_PASSPHRASE
    (that is the current one: taking it would "change" the passphrase to itself without a word)."""
    import os
    import sys

    from privacy_tui.core.errors import UserError

    env = os.environ.get("PRIVACY_TUI_NEW_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        raise UserError("no new passphrase: run in a terminal or set PRIVACY_TUI_NEW_PASSPHRASE")
    current = os.environ.pop("PRIVACY_TUI_PASSPHRASE", None)
    try:
        return new_passphrase()
    finally:
        if current is not None:
            os.environ["PRIVACY_TUI_PASSPHRASE"] = current


def run_recover(args) -> int:
    import getpass
    import os
    import sys

    from privacy_tui.commands._common import new_passphrase
    from privacy_tui.core.errors import UserError
    from privacy_tui.vault.paths import paths
    from privacy_tui.vault.store import Store
    from privacy_tui.vault.vault import Vault

    recovery = os.environ.get("PRIVACY_TUI_RECOVERY_KEY")
    if not recovery:
        if not sys.stdin.isatty():
            raise UserError("no recovery key: run in a terminal or set PRIVACY_TUI_RECOVERY_KEY")
        recovery = getpass.getpass("Recovery key: ")
    from privacy_tui.services.session import show_warnings
    from privacy_tui.services.vault_admin import reset_passphrase

    store = Store(show_warnings(Vault.open(paths(), writable=True, recovery_key=recovery)))
    try:
        reset_passphrase(store, _ask_new(new_passphrase))
    finally:
        store.close()
    out("vault recovered: the new passphrase is set")
    return 0


def run_accept_rollback(args) -> int:
    from privacy_tui.services.session import open_vault

    vault = open_vault(write=True)
    try:
        accepted = vault.accept_rollback()
    finally:
        vault.close()
    if accepted is None:
        out("nothing to accept: this vault is the newest version seen")
    else:
        out(f"accepted: this vault (version {accepted.generation}) is now the current one; older versions warn again")
    return 0


def run_backups(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.vault.atomic import list_backups
    from privacy_tui.vault.home import check_home
    from privacy_tui.vault.paths import paths

    check_home(paths())  # a symlinked backups folder is refused, not listed as empty
    rows = [{"file": str(p), "bytes": p.stat().st_size} for p in reversed(list_backups(paths().backups))]
    if args.json:
        print_json(rows)
    else:
        if rows:
            from privacy_tui.commands._output import table

            table([(row["file"], row["bytes"]) for row in rows], ("FILE", "BYTES"), right=(1,))
        else:
            out("no automatic backups yet")
    return 0
