"""The foundation CLI contract: home folder, permissions, backups, every command, --json, exit codes."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys

import pytest
from support.cli import assert_one_line_error, cli_env, run_cli
from support.vault import make_vault, open_vault, tree_snapshot

from privacy_tui.core.models import Company
from privacy_tui.vault.atomic import BACKUPS_KEPT, list_backups
from privacy_tui.vault.envelope import unpack
from privacy_tui.vault.paths import paths
from privacy_tui.vault.store import Store

RECOVERY_RE = re.compile(r"\b([0-9A-Z]{5}(?:-[0-9A-Z]{5}){7})\b")
ID_RE = re.compile(r"^c[0-9a-f]{8}$")


def ok(*args: str, env=None, run=run_cli) -> str:
    rc, out, err = run(*args, env=env)
    assert rc == 0, (args, rc, out, err)
    assert "Traceback" not in err
    return out


def refused(*args: str, code: int = 2, env=None, contains=(), run=run_cli) -> str:
    home = paths().home
    before = tree_snapshot(home) if home.exists() else None
    rc, out, err = run(*args, env=env)
    assert rc == code, (args, rc, out, err)
    message = assert_one_line_error(err, contains=contains)
    if before is not None:
        assert tree_snapshot(home) == before, f"{args} was refused but changed files"
    return message


@pytest.fixture
def inproc(monkeypatch, capsys):
    """Run the CLI's main() in this process: the same code path as a subprocess minus the
    interpreter start-up, for the long sweeps of bad input. Returns a run_cli-compatible function."""
    from privacy_tui.cli import main

    def run(*args: str, env=None) -> tuple[int, str, str]:
        env = cli_env() if env is None else env
        with monkeypatch.context() as m:
            for key in ("PRIVACY_TUI_PASSPHRASE", "PRIVACY_TUI_NO_KEYRING", "PRIVACY_TUI_NEW_PASSPHRASE",
                        "PRIVACY_TUI_RECOVERY_KEY"):
                m.delenv(key, raising=False)
            for key, value in env.items():
                if key.startswith("PRIVACY_TUI_"):
                    m.setenv(key, value)
            capsys.readouterr()
            try:
                rc = main(list(args))
            except SystemExit as exc:  # argparse: --help and usage errors
                rc = exc.code
            out, err = capsys.readouterr()
        return rc, out, err

    return run


@pytest.fixture
def populated(private_home, inproc) -> dict:
    out = ok("init", run=inproc)
    company_id = ok("company", "add", "Acme Ltd", "--email", "privacy@acme.example", "--email", "dpo@acme.example",
                    "--website", "acme.example", "--webform", "https://acme.example/dsar", "--address", "1 Road, Town",
                    "--country", "gb", "--regime", "uk_gdpr", "--regime", "gdpr", "--category", "a", "--category", "K",
                    run=inproc).strip()
    ok("profile", "set", "--name", "Jo Bloggs", "--email", "jo@example.org", "--address", "2 Street", "--country", "GB",
       "--state", "SCT", run=inproc)
    return {"company": company_id, "recovery": RECOVERY_RE.search(out).group(1)}


# --- home folder and locate ------------------------------------------------------------------

def test_locate_prints_the_paths_and_creates_nothing(private_home):
    out = ok("locate")
    rows = dict(line.split(None, 1) for line in out.splitlines())
    assert rows["home"] == str(private_home)
    assert rows["vault"] == str(private_home / "vault.ptv")
    assert rows["backups"] == str(private_home / "backups")
    assert rows["config"] == str(private_home / "config.json")
    info = json.loads(ok("locate", "--json"))
    assert {k: info[k] for k in rows} == rows
    assert not private_home.exists()


def test_home_follows_privacy_tui_home(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    env = cli_env(PRIVACY_TUI_HOME=str(elsewhere))
    ok("init", env=env)
    assert (elsewhere / "vault.ptv").is_file()
    assert json.loads(ok("locate", "--json", env=env))["home"] == str(elsewhere)


def test_home_is_0700_and_every_file_0600_even_with_a_lax_umask(private_home):
    env = cli_env()

    def run(*args):
        proc = subprocess.run([sys.executable, "-m", "privacy_tui", *args], env=env, capture_output=True, text=True,
                              preexec_fn=lambda: os.umask(0), timeout=60)
        assert proc.returncode == 0, proc.stderr

    run("init")
    for i in range(3):
        run("company", "add", f"Company {i}")
    run("vault", "restore", str(private_home / "vault.ptv"))
    assert list((private_home / "backups").iterdir())
    entries = [private_home, *private_home.rglob("*")]
    assert len(entries) >= 5
    for entry in entries:
        mode = stat.S_IMODE(entry.lstat().st_mode)
        expected = 0o700 if entry.is_dir() else 0o600
        assert mode == expected, f"{entry} has mode {oct(mode)}, expected {oct(expected)}"


def test_backups_keep_the_last_ten_previous_files(private_home):
    p, _ = make_vault()
    previous: list[bytes] = []
    with open_vault(p, writable=True) as vault:
        store = Store(vault)
        for i in range(BACKUPS_KEPT + 5):
            previous.append(p.vault.read_bytes())
            store.save_company(Company(id=f"c{i:08x}", name=f"Company {i}"))
    backups = list_backups(p.backups)
    assert BACKUPS_KEPT == 10 and len(backups) == 10
    # They are exactly the ten files that each write replaced, oldest first.
    assert [b.read_bytes() for b in backups] == previous[-10:]
    names = [b.name for b in backups]
    assert names == sorted(names) and len(set(names)) == 10
    # A backup opens like a vault (same keys), holding the state before the write.
    rc, out, err = run_cli("vault", "backups", "--json")
    assert rc == 0 and [r["file"] for r in json.loads(out)] == [str(b) for b in reversed(backups)]


def test_backup_names_come_from_one_clock_reading(monkeypatch):
    """Date, time and nanoseconds from one reading: two readings could straddle a second and make
    a newer backup sort before an older one (and rotation would then delete the wrong file)."""
    import privacy_tui.vault.atomic as atomic

    monkeypatch.setattr(atomic.time, "time_ns", lambda: 1_700_000_000_999_999_999)
    assert atomic.backup_name() == "vault-20231114-221320-999999999.ptv"


# --- init ------------------------------------------------------------------------------------

def test_init_prints_a_recovery_key_and_refuses_to_overwrite(private_home):
    out = ok("init", "--no-keyring")
    assert RECOVERY_RE.search(out)
    assert unpack((private_home / "vault.ptv").read_bytes()).header["keyring"] is False
    message = refused("init", code=3, contains="already exists")
    assert str(private_home / "vault.ptv") in message


def test_init_without_a_passphrase_is_bad_input(private_home):
    refused("init", env=cli_env(passphrase=None), contains="PRIVACY_TUI_PASSPHRASE")
    assert not (private_home / "vault.ptv").exists()


# --- companies -------------------------------------------------------------------------------

def test_company_add_list_show_edit_remove(populated):
    cid = populated["company"]
    assert ID_RE.match(cid)
    listed = json.loads(ok("company", "list", "--json"))
    assert [c["id"] for c in listed] == [cid]
    shown = json.loads(ok("company", "show", cid, "--json"))
    assert shown["name"] == "Acme Ltd"
    assert shown["emails"] == ["privacy@acme.example", "dpo@acme.example"]
    assert shown["website"] == "https://acme.example" and shown["webform"] == "https://acme.example/dsar"
    assert shown["country"] == "GB" and shown["regimes"] == ["uk_gdpr", "gdpr"] and shown["categories"] == ["A", "K"]
    assert shown["address"] == "1 Road, Town" and shown["v"] == 1
    assert "Acme Ltd" in ok("company", "list") and "privacy@acme.example" in ok("company", "show", cid)

    assert ok("company", "edit", cid, "--name", "Acme Group", "--category", "B", "--country", "DE").strip() == cid
    shown = json.loads(ok("company", "show", cid[:5], "--json"))  # a unique prefix works like the id
    assert (shown["name"], shown["categories"], shown["country"]) == ("Acme Group", ["B"], "DE")
    assert shown["emails"] == ["privacy@acme.example", "dpo@acme.example"]  # untouched fields stay

    second = ok("company", "add", "Beta").strip()
    assert ID_RE.match(second) and second != cid
    assert "removed" in ok("company", "remove", cid)
    assert [c["id"] for c in json.loads(ok("company", "list", "--json"))] == [second]
    refused("company", "show", cid, contains="no company")
    refused("company", "remove", cid, contains="no company")
    refused("company", "edit", second, contains="nothing to change")


# --- profile ---------------------------------------------------------------------------------

def test_profile_set_and_show(populated, inproc):
    shown = json.loads(ok("profile", "show", "--json", run=inproc))
    assert shown == {"name": "Jo Bloggs", "email": "jo@example.org", "address": "2 Street", "country": "GB",
                     "state": "SCT", "phone": "", "extra": {}}
    ok("profile", "set", "--email", "new@example.org", run=inproc)
    shown = json.loads(ok("profile", "show", "--json", run=inproc))
    assert shown["email"] == "new@example.org" and shown["name"] == "Jo Bloggs"
    assert "Jo Bloggs" in ok("profile", "show", run=inproc)
    refused("profile", "set", contains="nothing to change", run=inproc)


# --- --json on every list/show ---------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("company", "list"), ("company", "show", "{company}"), ("profile", "show"), ("vault", "check"),
    ("vault", "backups"), ("locate",),
])
def test_every_list_and_show_has_json(populated, inproc, args):
    args = tuple(a.format(**populated) for a in args)
    data = json.loads(ok(*args, "--json", run=inproc))
    assert data
    text = ok(*args, run=inproc)
    with pytest.raises(ValueError):
        json.loads(text)  # the default output is for people


# --- vault commands --------------------------------------------------------------------------

def test_vault_check_verifies_and_counts(populated, inproc):
    out = ok("vault", "check", run=inproc)
    assert "vault OK" in out
    assert re.search(r"companies\s+1\b", out) and re.search(r"profile\s+1\b", out)
    info = json.loads(ok("vault", "check", "--json", run=inproc))
    assert info["ok"] is True and info["counts"]["companies"] == 1 and info["problems"] == []
    assert info["unlocked_by"] == "passphrase"


def test_vault_backup_and_restore(populated, tmp_path):
    backup = tmp_path / "out" / "copy.ptv"
    backup.parent.mkdir()
    ok("vault", "backup", str(backup))
    assert backup.read_bytes() == paths().vault.read_bytes()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    refused("vault", "backup", str(backup), contains="--force")
    ok("company", "remove", populated["company"])
    assert json.loads(ok("company", "list", "--json")) == []
    before_restore = paths().vault.read_bytes()
    assert "restored: 1 companies" in ok("vault", "restore", str(backup))
    assert [c["id"] for c in json.loads(ok("company", "list", "--json"))] == [populated["company"]]
    # The vault that was replaced is kept among the backups.
    assert any(b.read_bytes() == before_restore for b in list_backups(paths().backups))
    refused("vault", "restore", str(tmp_path / "missing.ptv"), contains="cannot read")


def test_vault_passwd(populated, inproc):
    new = "a brand new passphrase"
    ok("vault", "passwd", env=cli_env(PRIVACY_TUI_NEW_PASSPHRASE=new), run=inproc)
    refused("company", "list", code=3, contains="wrong passphrase", run=inproc)
    assert json.loads(ok("company", "list", "--json", env=cli_env(passphrase=new), run=inproc))[0]["name"] == "Acme Ltd"
    # Without a new passphrase (and no terminal), passwd refuses rather than reusing the current one.
    refused("vault", "passwd", env=cli_env(passphrase=new), contains="PRIVACY_TUI_NEW_PASSPHRASE", run=inproc)


def test_vault_recover_with_the_recovery_key(populated, inproc):
    new = "after recovery 789"
    env = cli_env(passphrase=None, PRIVACY_TUI_RECOVERY_KEY=populated["recovery"].lower(), PRIVACY_TUI_NEW_PASSPHRASE=new)
    assert "recovered" in ok("vault", "recover", env=env, run=inproc)
    refused("company", "list", code=3, contains="wrong passphrase", run=inproc)
    assert json.loads(ok("company", "list", "--json", env=cli_env(passphrase=new), run=inproc))[0]["name"] == "Acme Ltd"
    refused("vault", "recover", env=cli_env(PRIVACY_TUI_RECOVERY_KEY="too-short", PRIVACY_TUI_NEW_PASSPHRASE="x" * 10),
            contains="recovery key", run=inproc)
    refused("vault", "recover", env=cli_env(passphrase=None), contains="PRIVACY_TUI_RECOVERY_KEY", run=inproc)


# --- export / import -------------------------------------------------------------------------

def test_export_needs_plaintext_flag_and_import_merges(populated, tmp_path):
    target = tmp_path / "export.json"
    refused("export", "json", str(target), contains="--plaintext")
    assert not target.exists()
    rc, out, err = run_cli("export", "json", str(target), "--plaintext")
    assert rc == 0, err
    assert "warning" in err.lower() and "unencrypted" in err.lower() and "Traceback" not in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    payload = json.loads(target.read_text())
    assert payload["format"] == "privacy-tui-export"
    refused("export", "json", str(target), "--plaintext", contains="already exists")

    other = cli_env(PRIVACY_TUI_HOME=str(tmp_path / "other-home"))
    ok("init", env=other)
    other_backups = tmp_path / "other-home" / "backups"
    before = len(list_backups(other_backups))
    assert "imported 1 companies" in ok("import", "json", str(target), env=other)
    assert len(list_backups(other_backups)) == before + 1  # one atomic write for the whole import
    assert [c["name"] for c in json.loads(ok("company", "list", "--json", env=other))] == ["Acme Ltd"]
    assert json.loads(ok("profile", "show", "--json", env=other))["name"] == "Jo Bloggs"
    assert "imported 0 companies" in ok("import", "json", str(target), env=other)  # merging twice adds nothing
    (tmp_path / "junk.json").write_text("not json")
    refused("import", "json", str(tmp_path / "junk.json"), contains="not JSON")


# --- bad input: exit 2, one line, nothing written --------------------------------------------

LONG = "x" * 10_001
BAD_COMPANY_INPUT = [
    (("--email", "not-an-email"), "invalid email"),
    (("--email", "someone@"), "invalid email"),
    (("--category", "M"), "invalid category"),
    (("--category", "1"), "invalid category"),
    (("--country", "Germany"), "invalid country"),
    (("--website", "javascript:alert(1)"), "invalid website"),
    (("--regime", "no_such_law"), "unknown regime"),
]
FIELDS = ["--email", "--website", "--webform", "--address", "--country", "--regime", "--category", "--alias", "--notes"]


@pytest.mark.parametrize("extra,message", BAD_COMPANY_INPUT)
def test_company_add_refuses_bad_input(populated, inproc, extra, message):
    refused("company", "add", "Valid Name", *extra, contains=message, run=inproc)
    refused("company", "edit", populated["company"], *extra, contains=message, run=inproc)


def test_bad_input_in_a_real_process(populated):
    refused("company", "add", "Valid Name", "--email", "not-an-email", contains="invalid email")
    refused("company", "add", "Valid Name", "--category", "M", contains="invalid category")
    refused("company", "add", "", contains="name must not be empty")
    refused("company", "add", "Valid Name", "--address", "a\nb", contains="one line")
    refused("company", "add", LONG, contains="too long")


@pytest.mark.parametrize("name", ["", "   "])
def test_empty_name_is_refused(populated, inproc, name):
    refused("company", "add", name, contains="name must not be empty", run=inproc)
    refused("company", "edit", populated["company"], "--name", name, contains="name must not be empty", run=inproc)


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n"])
def test_line_breaks_are_refused_in_every_field(populated, inproc, brk):
    value = f"first{brk}second"
    refused("company", "add", value, contains="one line", run=inproc)
    for option in FIELDS:
        refused("company", "add", "Valid Name", option, value, contains=("one line", option), run=inproc)
        refused("company", "edit", populated["company"], option, value, contains="one line", run=inproc)
    refused("company", "edit", populated["company"], "--name", value, contains="one line", run=inproc)
    for option in ("--name", "--email", "--address", "--country", "--state", "--phone"):
        refused("profile", "set", option, value, contains="one line", run=inproc)
    refused("profile", "set", "--extra", f"customer={value}", contains="one line", run=inproc)


@pytest.mark.parametrize("option", [None, "--address", "--notes", "--alias", "--email", "--website"])
def test_fields_over_10000_characters_are_refused(populated, inproc, option):
    args = ("company", "add", LONG) if option is None else ("company", "add", "Valid Name", option, LONG)
    refused(*args, contains=("too long", "10000"), run=inproc)


def test_profile_refuses_long_and_invalid_fields(populated, inproc):
    refused("profile", "set", "--name", LONG, contains="too long", run=inproc)
    refused("profile", "set", "--address", LONG, contains="too long", run=inproc)
    refused("profile", "set", "--email", "jo@", contains="invalid email", run=inproc)
    refused("profile", "set", "--country", "England", contains="invalid country", run=inproc)


def test_exactly_10000_characters_is_accepted(populated, inproc):
    cid = ok("company", "add", "y" * 10_000, run=inproc).strip()
    assert len(json.loads(ok("company", "show", cid, "--json", run=inproc))["name"]) == 10_000


@pytest.mark.parametrize("args", [
    ("company", "show"),
    ("company", "add", "X", "--category"),
    ("no-such-command",),
    ("company", "add", "X", "--no-such-option"),
])
def test_usage_errors_are_one_line_exit_2(populated, inproc, args):
    refused(*args, run=inproc)


# --- every foundation command has --help -----------------------------------------------------

@pytest.mark.parametrize("args", [
    ("init",), ("locate",), ("company",), ("company", "add"), ("company", "list"), ("company", "show"),
    ("company", "edit"), ("company", "remove"), ("profile", "set"), ("profile", "show"), ("vault", "check"),
    ("vault", "backup"), ("vault", "restore"), ("vault", "passwd"), ("vault", "recover"), ("export", "json"),
    ("import", "json"),
])
def test_help(private_home, inproc, args):
    rc, out, err = inproc(*args, "--help")
    assert rc == 0 and err == "" and out.startswith("usage: privacy-tui " + " ".join(args))
    assert not private_home.exists()
