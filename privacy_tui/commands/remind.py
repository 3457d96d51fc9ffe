"""`privacy-tui remind`: what is overdue or due soon, for scripts, timers and the terminal.

Runs unattended: the key comes from the keyring (or PRIVACY_TUI_PASSPHRASE) and it never prompts
when stdin is not a terminal. Exit codes: 0 nothing overdue, 10 something overdue, 3 the vault
cannot be opened without a prompt. `remind install` sets up a daily systemd user timer (or
prints a crontab line); `remind uninstall` removes it.

Speed matters (a timer runs it every day, scripts in loops): only the vault and the pure
reminder code are imported on the listing path, never Textual, the legal engine's holiday
tables or the letter machinery.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from privacy_tui.commands._common import add_today
from privacy_tui.commands._output import err, json_safe, out

EXIT_OVERDUE = 10
UNIT = "privacy-tui-remind"
CRON_MARK = "# privacy-tui-remind"


def register(sub) -> None:
    p = sub.add_parser(
        "remind",
        help="list overdue and upcoming deadlines (exit 10 when something is overdue); install a daily timer",
        description="List requests past their legal deadline, due within DAYS, missing an acknowledgement, or "
        "whose extension is ending. Exit code 0 when nothing is overdue, 10 when something is, 3 when the vault "
        "cannot be opened without a prompt. `remind install --systemd` writes a daily systemd user timer, "
        "`remind install --cron` prints a crontab line, `remind uninstall` removes them.",
    )
    p.add_argument("action", nargs="?", choices=("install", "uninstall"), metavar="install|uninstall",
                   help="set up (or remove) a daily run instead of listing")
    add_today(p)
    p.add_argument("--within", metavar="DAYS", type=int, help="deadlines this many days ahead (default: the setting, 7)")
    p.add_argument("--json", action="store_true")
    p.add_argument("--notify", action="store_true", help="desktop notification (stdout when there is no desktop); once a day per item")
    p.add_argument("--email", action="store_true", help="email a summary to your own address through your SMTP account; once a day per item")
    p.add_argument("--sync", action="store_true", help="first fetch new replies over IMAP (`inbox sync`), when IMAP is configured")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--systemd", action="store_true", help="with install/uninstall: a systemd user timer (default)")
    how.add_argument("--cron", action="store_true", help="with install: print the crontab line; with uninstall: remove it from your crontab")
    p.set_defaults(handler=run_remind)


def run_remind(args) -> int:
    from privacy_tui.core.errors import UserError

    if args.action == "install":
        return _install(args)
    if args.action == "uninstall":
        return _uninstall(args)
    if args.systemd or args.cron:
        raise UserError("--systemd and --cron go with `remind install` or `remind uninstall`")
    import gc

    # The decoded vault is a few hundred thousand containers. Cyclic GC passes over them while
    # they are in use free nothing, and once the listing is done they are garbage held in a
    # reference cycle (Vault <-> TinyDB): collecting and freeing them at exit took ~250 ms on a
    # 10,000-request vault, more than the reminders themselves. Freezing leaves that memory to
    # the operating system at exit. (In-process callers keep it until they exit.)
    if getattr(args, "sync", False):
        _sync_first()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _list(args)
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _sync_first() -> None:
    """`remind --sync`: replies first (an acknowledgement or extension changes the deadlines).
    A failed sync is a warning, never a reason to skip the reminders."""
    from privacy_tui.core.errors import PrivacyTuiError
    from privacy_tui.services.inbox_sync import imap_settings, sync
    from privacy_tui.services.session import open_store
    from privacy_tui.vault.imap_secrets import resolve_imap_password

    try:
        with open_store(write=True, interactive=sys.stdin.isatty()) as store:
            settings = imap_settings(store)
            if settings is None:
                err("note: IMAP is not configured (`privacy-tui config imap`); nothing synced")
                return
            report = sync(store, settings, resolve_imap_password(settings.username))
    except PrivacyTuiError as exc:
        err(f"warning: inbox sync failed: {exc}; the reminders below may not know the newest replies")
        return
    if report.fetched:
        err(f"inbox: {report.ingest.summary()}")


# --- listing ---------------------------------------------------------------------------------


def _list(args) -> int:
    from privacy_tui.commands._common import today
    from privacy_tui.core.errors import UserError
    from privacy_tui.services.reminders import DEFAULT_WITHIN, WITHIN_SETTING, compute_reminders, counts, within_setting

    if args.within is not None and not 0 <= args.within <= 365:
        raise UserError("--within must be between 0 and 365 days")
    now = today(args)
    interactive = sys.stdin.isatty()
    notices: dict[str, dict] = {}
    with _reader(interactive) as store:
        within = args.within if args.within is not None else within_setting(store.setting(WITHIN_SETTING), DEFAULT_WITHIN)
        reminders = compute_reminders(_request_records(store), store.companies(), now, within)
        if (args.notify or args.email) and reminders:
            handle, record = store.notified, _notified_record(store)
            notices = _notify(store, reminders, record, now, args)
    if notices:
        _save_notified(handle, record, reminders, notices, now)
    tally = counts(reminders)
    if args.json:
        _print_json({
            "today": now.isoformat(),
            "within": within,
            "overdue": tally["overdue"] > 0,
            "counts": tally,
            "reminders": [r.to_json() for r in reminders],
            "notified": {ch: {k: v for k, v in n.items() if k != "items"} | {"count": len(n["items"])} for ch, n in notices.items()},
        })
    else:
        _print_text(reminders, within, notices)
    return EXIT_OVERDUE if tally["overdue"] else 0


@contextmanager
def _reader(interactive: bool):
    """The vault's encrypted summary when it matches the vault (fast), else the vault itself."""
    from privacy_tui.services.session import ask_passphrase, open_store
    from privacy_tui.vault.paths import paths
    from privacy_tui.vault.vault import Vault

    view = Vault.open_summary(paths(), ask=ask_passphrase if interactive else None)
    if view is not None:
        yield view
        return
    with open_store(interactive=interactive) as store:
        yield store


def _request_records(store):
    """The stored request records as they are, without building a Request for each.

    Decoding 10,000 records into dataclasses costs more than all the rest of `remind`;
    compute_reminders reads the few fields it needs from the raw records. They are the
    vault's own (already migrated) dicts, so they are only read, never changed.
    """
    return store.request_records()


def _print_json(data) -> None:
    import orjson

    option = orjson.OPT_INDENT_2 if sys.stdout.isatty() else 0
    sys.stdout.write(json_safe(orjson.dumps(data, option=option).decode("utf-8")) + "\n")


_HEADINGS = {
    "overdue": "Overdue",
    "needs_action": "Waiting for your reply",
    "complaint_window": "Time to complain to the regulator closing",
    "appeal_overdue": "Appeal decision overdue",
    "authority_silent": "Regulator's three months for your complaint",
    "ack_missing": "Acknowledgement missing",
    "extension_ending": "Extended deadline ending",
    "appeal_due_soon": "Appeal decision due soon",
    "due_soon": "Due soon",
}


def _print_text(reminders, within: int, notices: dict) -> None:
    if not reminders:
        out(f"Nothing overdue and nothing due within {within} day(s).")
    current = None
    for r in reminders:
        if r.kind != current:
            current = r.kind
            out(f"{_HEADINGS[r.kind]}:")
        out(f"  {r.request_id}  {r.describe()}")
    desktop = notices.get("desktop")
    if desktop and desktop["via"] == "stdout":
        # No desktop to show it on (cron, ssh): stdout is where the notification goes.
        out(f"\nnotification: {desktop['title']}\n{desktop['text']}")


def _notified_record(store) -> dict:
    from privacy_tui.services import notify

    record = store.notified.read()
    if record is None:
        # Before notified.ptv the record was a vault setting: start from it, once.
        record = store.setting(notify.NOTIFIED_SETTING) or {}
    return record


def _notify(store, reminders, record, now, args) -> dict[str, dict]:
    """Send what has not been sent today; returns channel -> {via, title, text, items}."""
    from privacy_tui.core.errors import PrivacyTuiError
    from privacy_tui.services import notify

    done: dict[str, dict] = {}
    if args.notify:
        items = notify.pending(reminders, record, "desktop", now)
        if items:
            title, text = notify.summary_title(items), notify.summary_body(items, limit=10)
            shown = notify.notify_desktop(title, text, urgent=any(r.kind == "overdue" for r in items))
            done["desktop"] = {"via": "desktop" if shown else "stdout", "title": title, "text": text, "items": items}
    if args.email:
        items = notify.pending(reminders, record, "email", now)
        if items:
            try:
                sent = notify.email_summary(store, items, now)
            except PrivacyTuiError as exc:
                # The listing stands; the summary is tried again on the next run.
                sys.stderr.write(f"warning: the email summary was not sent: {exc}\n")
            else:
                done["email"] = {"via": "email", "to": sent.to, "items": items}
    return done


def _save_notified(handle, record, reminders, notices: dict, now) -> None:
    """Record today's notifications in notified.ptv: no vault write lock, so it works while the
    app holds the vault open."""
    from privacy_tui.services import notify

    # Read again just before writing: another run may have recorded something meanwhile.
    record = handle.read() or record
    for channel, n in notices.items():
        record = notify.record_notified(record, channel, n["items"], reminders, now)
    try:
        handle.write(record)
    except OSError as exc:
        sys.stderr.write(f"warning: notified, but the notification date could not be saved ({exc.strerror or exc}); "
                         "the same items may be notified again today\n")


# --- install / uninstall -------------------------------------------------------------------------


def _command() -> list[str]:
    """The absolute command that runs this privacy-tui, for a timer that runs without a shell PATH."""
    import shutil

    argv0 = sys.argv[0] if sys.argv else ""
    base = os.path.basename(argv0)
    if base.startswith("privacy-tui"):
        path = argv0 if os.sep in argv0 else shutil.which(argv0)
        if path and os.path.isfile(path):
            # abspath, not realpath: pipx's ~/.local/bin link survives upgrades, the venv path does not.
            return [os.path.abspath(path)]
    if base == "__main__.py" and os.path.basename(os.path.dirname(os.path.abspath(argv0))) == "privacy_tui":
        return [sys.executable, "-m", "privacy_tui"]
    found = shutil.which("privacy-tui")
    if found:
        return [os.path.abspath(found)]
    return [sys.executable, "-m", "privacy_tui"]


def _run_args(args) -> list[str]:
    flags = [f for f, on in (("--notify", args.notify), ("--email", args.email)) if on]
    return ["remind", *(flags or ["--notify"]), *(["--sync"] if getattr(args, "sync", False) else [])]


def _systemd_quote(word: str) -> str:
    # systemd expands %-specifiers everywhere and $VARIABLES in ExecStart; quote only when needed.
    word = word.replace("%", "%%").replace("$", "$$")
    if word and not any(c.isspace() or c in "\"'\\;" for c in word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_units(command: list[str], home: str | None) -> tuple[str, str]:
    """(service, timer) unit texts."""
    exec_start = " ".join(_systemd_quote(w) for w in command)
    env = f"Environment={_systemd_quote('PRIVACY_TUI_HOME=' + home)}\n" if home else ""
    service = (
        "[Unit]\n"
        "Description=privacy-tui: remind me of data-rights request deadlines\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={exec_start}\n"
        f"{env}"
        "# remind exits 10 when something is overdue: that is news, not a failure.\n"
        f"SuccessExitStatus={EXIT_OVERDUE}\n"
    )
    timer = (
        "[Unit]\n"
        "Description=privacy-tui: daily deadline reminders\n"
        "\n"
        "[Timer]\n"
        "OnCalendar=*-*-* 09:00:00\n"
        "# Runs at the next start when the machine was off at 09:00.\n"
        "Persistent=true\n"
        "RandomizedDelaySec=10min\n"
        f"Unit={UNIT}.service\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return service, timer


def cron_line(command: list[str], home: str | None) -> str:
    import shlex

    words = ([f"PRIVACY_TUI_HOME={shlex.quote(home)}"] if home else []) + [shlex.quote(w) for w in command]
    # cron turns an unescaped % into a newline.
    return "0 9 * * * " + " ".join(words).replace("%", "\\%") + f" {CRON_MARK}"


def unit_dir():
    from pathlib import Path

    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "systemd" / "user"


def _install(args) -> int:
    home = os.environ.get("PRIVACY_TUI_HOME") or None
    command = _command() + _run_args(args)
    if args.cron:
        out(cron_line(command, home))
        sys.stderr.write(
            "add this line with `crontab -e`; cron has no desktop session, so --notify prints to stdout (cron mails it) "
            "and the key must come from PRIVACY_TUI_PASSPHRASE or a keyring reachable without a session\n"
        )
        return 0
    from privacy_tui.core.errors import UserError

    folder = unit_dir()
    service, timer = systemd_units(command, home)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((f"{UNIT}.service", service), (f"{UNIT}.timer", timer)):
            (folder / name).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write the systemd units in {folder}: {exc.strerror or exc}") from None
    out(f"wrote {folder / (UNIT + '.service')} and {folder / (UNIT + '.timer')}")
    out(f"enable it with: systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer")
    return 0


def _uninstall(args) -> int:
    if args.cron:
        return _uninstall_cron()
    folder = unit_dir()
    removed = []
    for path in (folder / "timers.target.wants" / f"{UNIT}.timer", folder / f"{UNIT}.timer", folder / f"{UNIT}.service"):
        if path.is_symlink() or path.exists():
            path.unlink()
            removed.append(path)
    if not removed:
        out(f"no {UNIT} timer is installed in {folder}")
        return 0
    for path in removed:
        out(f"removed {path}")
    out(f"then run: systemctl --user stop {UNIT}.timer; systemctl --user daemon-reload")
    return 0


def _uninstall_cron() -> int:
    import shutil
    import subprocess

    from privacy_tui.core.errors import UserError

    crontab = shutil.which("crontab")
    if crontab is None:
        raise UserError("no crontab command here: remove the privacy-tui line from your crontab by hand")
    listed = subprocess.run([crontab, "-l"], capture_output=True, text=True, timeout=30)
    if listed.returncode != 0:  # "no crontab for user"
        out("no crontab line for privacy-tui")
        return 0
    lines = listed.stdout.splitlines(keepends=True)
    kept = [line for line in lines if CRON_MARK not in line]
    if len(kept) == len(lines):
        out("no crontab line for privacy-tui")
        return 0
    written = subprocess.run([crontab, "-"], input="".join(kept), capture_output=True, text=True, timeout=30)
    if written.returncode != 0:
        raise UserError(f"crontab refused the change: {written.stderr.strip() or 'unknown error'}")
    out(f"removed {len(lines) - len(kept)} privacy-tui line(s) from your crontab")
    return 0
