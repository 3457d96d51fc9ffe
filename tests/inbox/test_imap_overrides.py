"""`config imap` options change only what was given (imap_settings.with_overrides)."""

from privacy_tui.transport.imap_settings import ImapSettings, with_overrides


def test_with_overrides_skips_unset_options():
    base = ImapSettings(host="imap.example.org", port=993, security="ssl", username="ada@example.org")
    changed = with_overrides(base, host=None, port=143, security="starttls", username=None)
    assert (changed.host, changed.port, changed.security, changed.username) == (
        "imap.example.org", 143, "starttls", "ada@example.org")
    assert base.port == 993  # a copy: the saved settings are not changed in place
