"""The README's "session on the command line" runs as written on a fresh home, top to bottom.

The sh block is read from README.md and each line run through the CLI (in-process), with
`name=$(...)` captured as the shell would. Only what would leave this machine is replaced, and
each replacement is named here: the directory file is the dump in ../shared, the policy URL a
saved policy from ../shared/policies, and Fastmail's server (implicit TLS, as the preset says) a
local aiosmtpd server with implicit TLS, configured right after the README's own `config smtp`
line. Everything else, the order included, is the README's.
"""

from __future__ import annotations

import re
import shlex
from email import message_from_bytes, policy

from support.cli import run_main
from support.paths import REPO

README = REPO / "README.md"
ASSIGNMENT = re.compile(r"^(\w+)=\$\((.*)\)(\s+#.*)?$")


def session_lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## A session on the command line", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_says_where_the_directory_comes_from():
    text = README.read_text(encoding="utf-8")
    assert "https://github.com/datenanfragen/data" in text and "CC0" in text
    from privacy_tui.services.directory_store import DEFAULT_URL

    assert DEFAULT_URL in text  # what `directory update` fetches, as the code has it


def test_the_readme_session_runs_as_written(capsys, monkeypatch, shared_dir, make_smtp_server):
    monkeypatch.setenv("PRIVACY_TUI_PASSPHRASE", "correct horse battery staple")
    monkeypatch.setenv("PRIVACY_TUI_NO_KEYRING", "1")
    monkeypatch.setenv("PRIVACY_TUI_SMTP_PASSWORD", "app-password")
    server = make_smtp_server(tls="ssl", users={"ada@example.com": "app-password"})
    replace = {
        "datarequests-db.json": str(shared_dir / "directory" / "datarequests-db.json"),
        "https://example.com/privacy": str(shared_dir / "policies" / "wicresoft.txt"),
    }
    names: dict[str, str] = {}
    outputs: dict[str, str] = {}
    lines = session_lines()
    assert len(lines) >= 12 and all(line.startswith("privacy-tui ") or ASSIGNMENT.match(line) for line in lines)
    for line in lines:
        target = None
        match = ASSIGNMENT.match(line)
        if match:
            target, line = match.group(1), match.group(2)
        words = shlex.split(line, comments=True)
        assert words[0] == "privacy-tui", line
        argv = [names.get(w[1:], w) if w.startswith("$") else replace.get(w, w) for w in words[1:]]
        rc, out, err = run_main(capsys, *argv)
        key = " ".join(words[1:3])
        assert rc == 0 or (key == "remind" and rc == 10), f"{line!r} exited {rc}: {err}"
        assert "Traceback" not in err
        outputs[key] = out
        if target:
            names[target] = out.strip()
        if words[1:3] == ["config", "smtp"]:
            # The one step that would reach the Internet: Fastmail's server, here a local one.
            rc, _, err = run_main(capsys, "config", "smtp", "--host", server.host, "--port", str(server.port),
                                  "--security", "ssl", "--ca-file", server.ca_file, "--timeout", "10")
            assert rc == 0, err

    assert "Google" in outputs["directory search"].splitlines()[1]
    assert re.fullmatch(r"c[0-9a-f]+", names["company"]) and re.fullmatch(r"r[0-9a-f]+", names["request"])
    assert "Wicresoft" in outputs["company import-policy"]
    assert outputs["request letter"].startswith("Subject: ")
    got = server.wait_for_message()
    sent = message_from_bytes(got.data, policy=policy.default)
    assert str(sent["From"]) == "Ada Example <ada@example.com>" and got.login == "ada@example.com"
    assert got.rcpt_tos[0].endswith("@google.com")
    listed = [row for row in outputs["request list"].splitlines() if row.startswith(names["request"])]
    assert len(listed) == 1 and " sent " in listed[0] and re.search(r"\d+d left", listed[0])
    assert "2026-04-07" in outputs["deadline --regime"]
    # Under UK GDPR the complaint to the company comes first (DPA 2018 s.164A), naming the ICO as the next step.
    escalated = outputs["request escalate"]
    assert "164A" in escalated and ("Information Commissioner" in escalated or "ICO" in escalated)
    rc, out, _ = run_main(capsys, "company", "list")
    assert re.search(r"Wicresoft.* US ", out)  # the country read from the policy's address
