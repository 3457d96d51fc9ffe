"""`privacy-tui remind install|uninstall`: a daily systemd user timer, or a crontab line.

Everything is written under the test's XDG_CONFIG_HOME (a temp folder), never the real home.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run_main


def units(config: Path) -> tuple[Path, Path]:
    folder = config / "systemd" / "user"
    return folder / "privacy-tui-remind.service", folder / "privacy-tui-remind.timer"


def parse_unit(text: str) -> dict[str, dict[str, str]]:
    sections: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
        else:
            key, _, value = line.partition("=")
            current[key] = value
    return sections


def test_install_systemd_writes_a_daily_persistent_timer(capsys):
    config = Path(os.environ["XDG_CONFIG_HOME"])
    rc, out, err = run_main(capsys, "remind", "install", "--systemd")
    assert rc == 0, err
    service_path, timer_path = units(config)
    assert f"wrote {service_path}" in out and "systemctl --user enable --now privacy-tui-remind.timer" in out
    service = parse_unit(service_path.read_text())
    timer = parse_unit(timer_path.read_text())
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["SuccessExitStatus"] == "10"  # overdue is news, not a failure
    exec_start = service["Service"]["ExecStart"].split()
    assert os.path.isabs(exec_start[0]) and os.access(exec_start[0], os.X_OK)
    assert exec_start[-2:] == ["remind", "--notify"]
    home = os.environ["PRIVACY_TUI_HOME"]
    assert service["Service"]["Environment"] == f"PRIVACY_TUI_HOME={home}"
    assert timer["Timer"]["OnCalendar"] == "*-*-* 09:00:00" and timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["Unit"] == "privacy-tui-remind.service"
    assert timer["Install"]["WantedBy"] == "timers.target"


def _verify(tool: str, runtime: Path, *files: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime))  # --user mode needs one, even without a running manager
    return subprocess.run([tool, "--user", "verify", *map(str, files)], capture_output=True, text=True, timeout=60, env=env)


def test_units_pass_systemd_analyze_verify(capsys, tmp_path):
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.skip("systemd-analyze is not installed")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    assert run_main(capsys, "remind", "install", "--systemd", "--email")[0] == 0
    service_path, timer_path = units(Path(os.environ["XDG_CONFIG_HOME"]))
    assert "remind --email" in service_path.read_text()
    proc = _verify(tool, runtime, service_path, timer_path)
    if proc.returncode != 0 and "privacy-tui-remind" not in proc.stderr:
        pytest.skip(f"systemd-analyze cannot run here: {proc.stderr.strip().splitlines()[-1]}")
    assert proc.returncode == 0 and "privacy-tui-remind" not in proc.stderr, proc.stderr
    # The check has teeth: the same units with a missing program and a bad calendar fail it.
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / service_path.name).write_text(re.sub(r"ExecStart=\S+", "ExecStart=/nonexistent/privacy-tui", service_path.read_text()))
    (bad / timer_path.name).write_text(timer_path.read_text().replace("*-*-* 09:00:00", "someday"))
    proc = _verify(tool, runtime, bad / service_path.name, bad / timer_path.name)
    assert proc.returncode != 0 and "someday" in proc.stderr and "/nonexistent/privacy-tui" in proc.stderr


def test_executable_path_with_spaces_and_percent_is_quoted_for_systemd():
    from privacy_tui.commands.remind import systemd_units

    service, _ = systemd_units(["/opt/my apps/privacy-tui", "remind", "--notify"], "/home/u/100% private")
    assert 'ExecStart="/opt/my apps/privacy-tui" remind --notify' in service
    assert 'Environment="PRIVACY_TUI_HOME=/home/u/100%% private"' in service


def test_install_cron_prints_the_line(capsys):
    rc, out, err = run_main(capsys, "remind", "install", "--cron", "--notify", "--email")
    assert rc == 0, err
    line = out.strip()
    assert line.startswith("0 9 * * * PRIVACY_TUI_HOME=") and line.endswith("remind --notify --email # privacy-tui-remind")
    assert "crontab -e" in err
    assert not units(Path(os.environ["XDG_CONFIG_HOME"]))[0].exists()  # printed only


def test_uninstall_removes_units_and_the_enable_link(capsys):
    assert run_main(capsys, "remind", "install")[0] == 0  # --systemd is the default
    service_path, timer_path = units(Path(os.environ["XDG_CONFIG_HOME"]))
    wants = timer_path.parent / "timers.target.wants"
    wants.mkdir()
    (wants / timer_path.name).symlink_to(timer_path)  # what `systemctl --user enable` makes
    rc, out, err = run_main(capsys, "remind", "uninstall")
    assert rc == 0, err
    assert not service_path.exists() and not timer_path.exists() and not (wants / timer_path.name).is_symlink()
    assert out.count("removed ") == 3
    rc, out, _ = run_main(capsys, "remind", "uninstall")
    assert rc == 0 and "no privacy-tui-remind timer is installed" in out


def test_uninstall_cron_removes_only_our_line(capsys, tmp_path, monkeypatch):
    # A fake `crontab` keeping the table in a file: -l prints it, - replaces it.
    table = tmp_path / "crontab.txt"
    table.write_text("MAILTO=me\n15 3 * * * backup.sh\n0 9 * * * /x/privacy-tui remind --notify # privacy-tui-remind\n")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    script = bindir / "crontab"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nt = {str(table)!r}\n"
        "if sys.argv[1] == '-l':\n    sys.stdout.write(open(t).read())\n"
        "else:\n    open(t, 'w').write(sys.stdin.read())\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    rc, out, err = run_main(capsys, "remind", "uninstall", "--cron")
    assert rc == 0, err
    assert "removed 1 privacy-tui line" in out
    assert table.read_text() == "MAILTO=me\n15 3 * * * backup.sh\n"
    rc, out, _ = run_main(capsys, "remind", "uninstall", "--cron")
    assert "no crontab line" in out and table.read_text() == "MAILTO=me\n15 3 * * * backup.sh\n"


def test_systemd_flag_without_install_is_refused(capsys):
    rc, out, err = run_main(capsys, "remind", "--systemd")
    assert rc == 2 and "remind install" in err


def test_the_unit_runs_the_same_privacy_tui_that_installed_it(tmp_path, monkeypatch):
    from privacy_tui.commands.remind import _command

    script = tmp_path / "bin" / "privacy-tui"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "argv", ["bin/privacy-tui", "remind", "install"])
    assert _command() == [str(script)]  # made absolute
    import importlib.util

    entry = importlib.util.find_spec("privacy_tui.__main__").origin  # `python -m privacy_tui` puts this in argv[0]
    monkeypatch.setattr(sys, "argv", [entry, "remind", "install"])
    assert _command() == [sys.executable, "-m", "privacy_tui"]
