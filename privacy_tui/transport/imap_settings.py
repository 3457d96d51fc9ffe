"""How to reach the user's mailbox over IMAP: settings stored in the vault, and provider presets.

The password is never part of these settings: it lives in the OS keyring (service
`privacy-tui-imap`) or comes from `PRIVACY_TUI_IMAP_PASSWORD` (vault/imap_secrets.py).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.validation import clean_text
from privacy_tui.transport.server_fields import check_host, check_port, check_timeout, stored_settings_error
from privacy_tui.transport.smtp_settings import Preset, preset_key

SECURITY_MODES = ("ssl", "starttls")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143}
MAX_FOLDERS = 20


@dataclass(frozen=True)
class ImapSettings:
    host: str
    port: int
    security: str  # "ssl" (implicit TLS, usually 993) or "starttls" (usually 143); never clear text
    username: str
    folders: tuple[str, ...] = ("INBOX",)
    ca_file: str = ""
    timeout: float = 60.0  # seconds for one whole operation (connect+login, one folder's search, one fetch)
    tls_server_name: str = ""

    def validate(self) -> ImapSettings:
        check_host("IMAP", self.host, "imap.example.com")
        check_port("IMAP", self.port, "993")
        if self.security not in SECURITY_MODES:
            raise UserError(f"invalid IMAP security {self.security!r}: use ssl or starttls")
        clean_text("IMAP username", self.username, required=True)
        if not self.folders or len(self.folders) > MAX_FOLDERS:
            raise UserError(f"give between 1 and {MAX_FOLDERS} folders")
        for folder in self.folders:
            name = clean_text("IMAP folder", folder, required=True)
            if any(c in name for c in '"\\\r\n') or len(name) > 200:
                raise UserError(f"invalid IMAP folder name {folder!r}")
        if self.ca_file and not os.path.isfile(self.ca_file):
            raise UserError(f"CA file {self.ca_file!r} does not exist: give the path of a PEM certificate")
        check_timeout("IMAP", self.timeout)
        return self

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["folders"] = list(self.folders)
        return d

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ImapSettings:
        try:
            return cls(
                host=str(raw["host"]), port=int(raw["port"]), security=str(raw["security"]),
                username=str(raw["username"]), folders=tuple(str(f) for f in raw.get("folders") or ("INBOX",)),
                ca_file=str(raw.get("ca_file", "")), timeout=float(raw.get("timeout", 60.0)),
                tls_server_name=str(raw.get("tls_server_name", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise stored_settings_error("IMAP", exc) from None


# A provider's settings have the same shape for both protocols: one dataclass, one alias list.
ImapPreset = Preset


# The same providers as the SMTP presets (transport/smtp_settings.py), IMAP side; each checked
# against the provider's page (or Thunderbird's ISPDB entry) named in `source`. Implicit TLS on
# 993 everywhere except Proton Mail Bridge, which offers STARTTLS on 1143 on this computer.
PRESETS: Mapping[str, ImapPreset] = {
    p.key: p
    for p in (
        ImapPreset("gmail", "Gmail / Google Workspace", "imap.gmail.com", 993, "ssl",
                   "https://developers.google.com/gmail/imap/imap-smtp", "use an app password"),
        ImapPreset("outlook", "Outlook.com / Hotmail", "outlook.office365.com", 993, "ssl",
                   "https://support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353",
                   "switch IMAP on in Outlook.com settings; Microsoft is retiring password sign-in"),
        ImapPreset("office365", "Microsoft 365 (work or school)", "outlook.office365.com", 993, "ssl",
                   "https://support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353",
                   "your administrator must allow IMAP for your mailbox"),
        ImapPreset("fastmail", "Fastmail", "imap.fastmail.com", 993, "ssl",
                   "https://www.fastmail.com/help/technical/servernamesandports.html", "use an app password"),
        ImapPreset("icloud", "iCloud Mail", "imap.mail.me.com", 993, "ssl", "https://support.apple.com/HT202304",
                   "use an app-specific password"),
        ImapPreset("yahoo", "Yahoo Mail", "imap.mail.yahoo.com", 993, "ssl",
                   "https://help.yahoo.com/kb/new-mail-for-desktop/imap-server-settings-yahoo-mail-sln4075.html",
                   "use an app password"),
        ImapPreset("gmx", "GMX (gmx.de / gmx.net / gmx.at / gmx.ch)", "imap.gmx.net", 993, "ssl",
                   "https://hilfe.gmx.net/pop-imap/imap/imap-serverdaten.html",
                   "switch on POP3/IMAP access once in the GMX web mail settings"),
        ImapPreset("gmx_com", "GMX (gmx.com and international domains)", "imap.gmx.com", 993, "ssl",
                   "https://github.com/thunderbird/autoconfig/blob/master/ispdb/gmx.com.xml",
                   "switch on POP3/IMAP access once in the GMX web mail settings"),
        ImapPreset("posteo", "Posteo", "posteo.de", 993, "ssl",
                   "https://posteo.de/hilfe/wie-richte-ich-posteo-in-einem-mailprogramm-ein-pop3-imap-und-smtp"),
        ImapPreset("mailbox_org", "mailbox.org", "imap.mailbox.org", 993, "ssl",
                   "https://kb.mailbox.org/en/private/e-mail/e-mail-configuration"),
        ImapPreset("proton", "Proton Mail Bridge", "127.0.0.1", 1143, "starttls", "https://proton.me/mail/bridge",
                   "Bridge must be running; pass its exported certificate with --ca-file and use the Bridge password",
                   tls_server_name="0.0.0.0"),
    )
}


def get_preset(name: str) -> ImapPreset:
    key = preset_key(name)
    if key not in PRESETS:
        raise UserError(f"unknown IMAP preset {name!r}: choose one of {', '.join(PRESETS)}")
    return PRESETS[key]


def with_overrides(settings: ImapSettings, **changes: Any) -> ImapSettings:
    return replace(settings, **{k: v for k, v in changes.items() if v is not None})
