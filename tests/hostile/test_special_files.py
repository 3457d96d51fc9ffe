"""Special files given for every path argument: refused at once, one line, exit 2.

/dev/zero (endless), a FIFO with no writer (an open that would block forever), a folder and a
unix socket. `st_size` is 0 for all of them, so only a check of what was opened and a read
bounded by what is read keep the CLI from hanging or filling memory. The timeout marker turns
a regression (a hang) into a failure instead of a stuck suite.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from privacy_tui.cli import main
from privacy_tui.transport.files import open_user_output, read_user_file

WHY = ("device", "pipe", "socket", "folder", "not a regular file")


@pytest.fixture(params=["dev-zero", "fifo", "folder", "socket"])
def special(request, tmp_path) -> Path:
    kind = request.param
    if kind == "dev-zero":
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero")
        return Path("/dev/zero")
    if kind == "fifo":
        path = tmp_path / "pipe.json"
        os.mkfifo(path)
        return path
    if kind == "folder":
        path = tmp_path / "folder.json"
        path.mkdir()
        return path
    path = tmp_path / "s.json"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    request.addfinalizer(server.close)
    return path


# Every command that reads a file the user names ({} is the special file).
READERS = [
    ["policy", "analyze", "{}"],
    ["company", "import-policy", "{}", "--yes"],
    ["import", "json", "{}"],
    ["vault", "restore", "{}"],
    ["request", "edit", "r0000000", "--body-file", "{}"],
    ["directory", "import", "{}"],
    ["drp", "directory", "{}"],
    ["drp", "businesses", "{}"],
    ["config", "smtp", "--host", "smtp.example.org", "--port", "465", "--security", "ssl",
     "--username", "ada@example.org", "--from", "ada@example.org", "--ca-file", "{}"],
]
# And every command that writes one (a folder is the normal "is a folder" refusal there).
WRITERS = [
    ["export", "ics", "{}"],
]


def _run(capsys, argv: list[str], path: Path) -> tuple[int, str]:
    code = main([a.replace("{}", str(path)) for a in argv])
    return code, capsys.readouterr().err


def _refused_in_one_line(code: int, err: str, path: Path) -> None:
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert str(path) in err and any(word in err for word in WHY), err


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv", READERS, ids=lambda a: " ".join(a[:2]))
def test_every_reader_refuses_special_files(vault, special, argv, capsys):
    if argv[:2] == ["directory", "import"] and special.is_dir():
        # A folder is a legitimate source there (a records folder); an empty one has no records.
        code, err = _run(capsys, argv, special)
        assert code == 2 and "no usable company records" in err
        return
    code, err = _run(capsys, argv, special)
    _refused_in_one_line(code, err, special)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv", WRITERS, ids=lambda a: " ".join(a[:2]))
def test_every_writer_refuses_special_files(vault, special, argv, capsys):
    code, err = _run(capsys, argv, special)
    _refused_in_one_line(code, err, special)


@pytest.mark.timeout(60)
def test_eml_output_refuses_special_files(special):
    from email.message import EmailMessage

    from privacy_tui.core.errors import UserError
    from privacy_tui.transport.mailclient import write_eml

    msg = EmailMessage()
    msg["Subject"] = "Access request"
    msg.set_content("Dear DPO")
    with pytest.raises(UserError) as info:
        write_eml(msg, special, force=True)
    assert any(word in str(info.value) for word in WHY)


@pytest.mark.timeout(60)
def test_a_fifo_with_a_writer_is_still_refused(tmp_path):
    """A writer present (the open would not block) changes nothing: a FIFO is not a document."""
    path = tmp_path / "pipe"
    os.mkfifo(path)
    holder = os.open(path, os.O_RDWR | os.O_NONBLOCK)  # reader and writer at once, never blocks
    try:
        os.write(holder, b"{}")
        with pytest.raises(Exception, match="pipe"):
            read_user_file(path, 1024, "policy file")
        with pytest.raises(Exception, match="pipe"):
            os.close(open_user_output(path, "calendar", overwrite=True))
    finally:
        os.close(holder)


def test_the_limit_counts_what_is_read(tmp_path):
    """Exactly at the limit is fine; one byte more is refused, whatever st_size says."""
    path = tmp_path / "policy.txt"
    path.write_bytes(b"x" * 100)
    assert read_user_file(path, 100, "policy file") == b"x" * 100
    with pytest.raises(Exception, match="larger than 99 bytes"):
        read_user_file(path, 99, "policy file")


def test_a_symlink_to_a_regular_file_is_followed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"Privacy Policy")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_user_file(link, 1024, "policy file") == b"Privacy Policy"


def test_a_symlink_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(Exception, match="device"):
        read_user_file(link, 1024, "policy file")


def test_stdin_body_is_bounded(vault, monkeypatch, capsys):
    """`request edit --body-file -` reads at most the limit + 1 bytes of standard input."""
    import io

    from privacy_tui.commands.request import MAX_BODY_FILE_BYTES

    class EndlessStdin:
        buffer = io.BytesIO(b"x" * (MAX_BODY_FILE_BYTES + 10))

    monkeypatch.setattr("sys.stdin", EndlessStdin())
    code = main(["request", "edit", "r0000000", "--body-file", "-"])
    err = capsys.readouterr().err
    assert code == 2 and "standard input holds more than 1 MB" in err
    assert EndlessStdin.buffer.tell() == MAX_BODY_FILE_BYTES + 1


@pytest.mark.timeout(60)
def test_special_files_inside_a_records_folder_are_skipped_with_a_reason(tmp_path, shared_dir):
    """A records folder holding a FIFO, a link to /dev/zero and an oversized file: each skipped, the rest imported."""
    from privacy_tui.services import directory_files, directory_store

    folder = tmp_path / "companies"
    folder.mkdir()
    import json

    dump = json.loads((shared_dir / "directory" / "datarequests-db.json").read_text(encoding="utf-8"))
    (folder / "real.json").write_text(json.dumps(dump["companies"][0]), encoding="utf-8")
    os.mkfifo(folder / "pipe.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "huge.json").write_bytes(b" " * (directory_files.MAX_RECORD_BYTES + 1))
    summary = directory_store.import_directory(folder)
    assert summary.companies == 1 and summary.skipped == 3
    reasons = " ".join(summary.messages)
    assert "pipe.json" in reasons and "pipe (FIFO)" in reasons
    assert "zero.json" in reasons and "device" in reasons
    assert "huge.json" in reasons and "larger than 1 MB" in reasons


@pytest.mark.timeout(60)
def test_the_smtp_ca_file_is_read_within_bounds(special):
    from privacy_tui.core.errors import UserError
    from privacy_tui.transport.smtp import tls_context
    from privacy_tui.transport.smtp_settings import SmtpSettings

    settings = SmtpSettings(host="smtp.example.org", port=465, security="ssl", username="a@example.org",
                            from_addr="a@example.org", ca_file=str(special))
    with pytest.raises(UserError) as info:
        tls_context(settings)
    assert any(word in str(info.value) for word in WHY)
