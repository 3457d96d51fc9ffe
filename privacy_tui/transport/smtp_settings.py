"""How to reach the user's outgoing mail server: settings stored in the vault, and provider presets.

The password is never part of these settings: it lives in the OS keyring (see
`privacy_tui.vault.smtp_secrets`) or comes from `PRIVACY_TUI_SMTP_PASSWORD`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from privacy_tui.core.errors import UserError
from privacy_tui.core.validation import clean_email, clean_text
from privacy_tui.transport.server_fields import check_host, check_port, check_timeout, stored_settings_error

SECURITY_MODES = ("ssl", "starttls", "none")
# Plain-text SMTP only ever goes to this machine (a local relay or a test server).
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # "ssl" (implicit TLS), "starttls", or "none" (loopback only)
    username: str  # empty: the server needs no AUTH (only sensible for a local relay)
    from_addr: str
    ca_file: str = ""  # PEM file to trust instead of the system CAs (self-hosted servers, Proton Bridge)
    timeout: float = 30.0  # seconds for one whole exchange: connect, TLS, login, the letter and its answer
    # Name the certificate must carry when it differs from `host`. Proton Mail Bridge listens
    # on 127.0.0.1 but its self-signed certificate is issued for the IP 0.0.0.0.
    tls_server_name: str = ""

    def validate(self) -> SmtpSettings:
        """Raise UserError naming the first bad field; return self so calls can be chained."""
        host = check_host("SMTP", self.host, "smtp.example.com")
        check_port("SMTP", self.port, "465 or 587")
        if self.security not in SECURITY_MODES:
            raise UserError(f"invalid SMTP security {self.security!r}: use one of {', '.join(SECURITY_MODES)}")
        if self.security == "none" and host.lower() not in LOOPBACK_HOSTS:
            raise UserError(
                f"security 'none' sends your password and letters unencrypted; it is only allowed to "
                f"127.0.0.1, ::1 or localhost, not {host!r} — use --security ssl or starttls"
            )
        clean_text("SMTP username", self.username)
        clean_email(self.from_addr, "from address")
        clean_text("TLS server name", self.tls_server_name)
        if self.ca_file:
            from privacy_tui.transport.files import check_user_file

            check_user_file(self.ca_file, "CA file (a PEM certificate)")
        check_timeout("SMTP", self.timeout)
        return self

    @property
    def is_loopback(self) -> bool:
        return self.host.lower() in LOOPBACK_HOSTS

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict for the vault (it holds no secret)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> SmtpSettings:
        """Rebuild from a vault record; unknown keys (from newer versions) are ignored."""
        try:
            return cls(
                host=str(raw["host"]),
                port=int(raw["port"]),
                security=str(raw["security"]),
                username=str(raw.get("username", "")),
                from_addr=str(raw["from_addr"]),
                ca_file=str(raw.get("ca_file", "")),
                timeout=float(raw.get("timeout", 30.0)),
                tls_server_name=str(raw.get("tls_server_name", "")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise stored_settings_error("SMTP", exc) from None


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    host: str
    port: int
    security: str
    source: str  # where the provider (or its client autoconfig) publishes these settings
    note: str = ""  # what the user must do besides picking the preset
    tls_server_name: str = ""

    def settings(self, *, username: str, from_addr: str, ca_file: str = "", timeout: float = 30.0) -> SmtpSettings:
        return SmtpSettings(
            host=self.host,
            port=self.port,
            security=self.security,
            username=username,
            from_addr=from_addr,
            ca_file=ca_file,
            timeout=timeout,
            tls_server_name=self.tls_server_name,
        )


_APP_PASSWORD = "with two-step verification on, use an app password, not your account password"

# Each entry was checked against the provider's published settings (or Thunderbird's ISPDB,
# which points at them) on the URL in `source`. Implicit TLS (465) is preferred where offered:
# nothing is ever sent in clear text, not even the EHLO (RFC 8314).
PRESETS: Mapping[str, Preset] = {
    p.key: p
    for p in (
        # https://developers.google.com/gmail/imap/imap-smtp : "smtp.gmail.com ... Use port 465, or
        # port 587 if your client begins with plain text before issuing the STARTTLS command".
        Preset("gmail", "Gmail / Google Workspace", "smtp.gmail.com", 465, "ssl",
               "https://developers.google.com/gmail/imap/imap-smtp", _APP_PASSWORD),
        # https://support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353
        # : smtp-mail.outlook.com, 587, STARTTLS. Microsoft is retiring password AUTH for Outlook.com.
        Preset("outlook", "Outlook.com / Hotmail", "smtp-mail.outlook.com", 587, "starttls",
               "https://support.microsoft.com/office/pop-imap-and-smtp-settings-8361e398-8af4-4e97-b147-6c6c4ac95353",
               "Microsoft is phasing out password sign-in for SMTP; if AUTH fails, use an app password or --via eml"),
        # Microsoft 365 work/school mailboxes: "SMTP AUTH client submission endpoint smtp.office365.com",
        # port 587, StartTLS (the Learn page below; Thunderbird's ispdb/outlook.com.xml agrees).
        Preset("office365", "Microsoft 365 (work or school)", "smtp.office365.com", 587, "starttls",
               "https://learn.microsoft.com/exchange/mail-flow-best-practices/how-to-set-up-a-multifunction-device-or-application-to-send-email-using-microsoft-365-or-office-365",
               "your administrator must allow SMTP AUTH for your mailbox; Microsoft is retiring password AUTH, "
               "so if it is refused use --via eml"),
        # https://www.fastmail.com/help/technical/servernamesandports.html : smtp.fastmail.com, 465, SSL/TLS.
        Preset("fastmail", "Fastmail", "smtp.fastmail.com", 465, "ssl",
               "https://www.fastmail.com/help/technical/servernamesandports.html",
               "Fastmail requires an app password for SMTP"),
        # https://support.apple.com/HT202304 (iCloud Mail server settings): smtp.mail.me.com, 587,
        # STARTTLS; ispdb/me.com.xml lists only this.
        Preset("icloud", "iCloud Mail", "smtp.mail.me.com", 587, "starttls",
               "https://support.apple.com/HT202304",
               "use an app-specific password from appleid.apple.com; the username is your full iCloud address"),
        # https://help.yahoo.com/kb/new-mail-for-desktop/imap-server-settings-yahoo-mail-sln4075.html :
        # smtp.mail.yahoo.com, 465 SSL or 587 STARTTLS (ispdb/yahoo.com.xml lists both).
        Preset("yahoo", "Yahoo Mail", "smtp.mail.yahoo.com", 465, "ssl",
               "https://help.yahoo.com/kb/new-mail-for-desktop/imap-server-settings-yahoo-mail-sln4075.html",
               "Yahoo requires an app password for SMTP"),
        # mail.gmx.net, 465 SSL / 587 STARTTLS for gmx.de, gmx.net, gmx.at, gmx.ch addresses:
        # Thunderbird's ispdb/gmx.net.xml, whose documentation link is GMX's page below.
        Preset("gmx", "GMX (gmx.de / gmx.net / gmx.at / gmx.ch)", "mail.gmx.net", 465, "ssl",
               "https://hilfe.gmx.net/pop-imap/imap/imap-serverdaten.html",
               "switch on POP3/IMAP access once in the GMX web mail settings"),
        # gmx.com and its international domains use other hosts: mail.gmx.com, 465 SSL / 587 STARTTLS
        # (Thunderbird's ISPDB entry for gmx.com).
        Preset("gmx_com", "GMX (gmx.com and international domains)", "mail.gmx.com", 465, "ssl",
               "https://github.com/thunderbird/autoconfig/blob/master/ispdb/gmx.com.xml",
               "switch on POP3/IMAP access once in the GMX web mail settings"),
        # posteo.de, 465 SSL / 587 STARTTLS: Thunderbird's ispdb/posteo.de.xml, whose documentation
        # link is Posteo's page below.
        Preset("posteo", "Posteo", "posteo.de", 465, "ssl",
               "https://posteo.de/hilfe/wie-richte-ich-posteo-in-einem-mailprogramm-ein-pop3-imap-und-smtp"),
        # https://kb.mailbox.org/en/private/e-mail/e-mail-configuration : smtp.mailbox.org, 465 SSL/TLS
        # (587 STARTTLS as the alternative).
        Preset("mailbox_org", "mailbox.org", "smtp.mailbox.org", 465, "ssl",
               "https://kb.mailbox.org/en/private/e-mail/e-mail-configuration",
               "with two-factor authentication on, use an application password"),
        # Proton Mail Bridge runs on this computer: SMTP on 127.0.0.1:1025 with STARTTLS by default
        # (proton-bridge internal/vault/types_settings.go: SMTPPort 1025, SMTPSSL false). Its
        # certificate is self-signed and issued for IP 0.0.0.0 (internal/certs/tls.go), so the
        # exported certificate must be passed with --ca-file and the name 0.0.0.0 is checked.
        Preset("proton", "Proton Mail Bridge", "127.0.0.1", 1025, "starttls",
               "https://proton.me/mail/bridge",
               "Bridge must be running; export its certificate (Settings > Export TLS certificates) and pass "
               "it with --ca-file; use the Bridge password it shows, not your Proton password; check the port in Bridge",
               tls_server_name="0.0.0.0"),
    )
}

_ALIASES = {
    "mailbox.org": "mailbox_org",
    "mailbox": "mailbox_org",
    "microsoft365": "office365",
    "m365": "office365",
    "hotmail": "outlook",
    "outlook.com": "outlook",
    "gmx.com": "gmx_com",
    "gmx.net": "gmx",
    "gmx.de": "gmx",
    "protonmail": "proton",
    "proton_bridge": "proton",
    "google": "gmail",
    "me.com": "icloud",
}


def preset_key(name: str) -> str:
    """A provider's key from its key or a common alias, case-insensitively ("Mailbox.org",
    "mailbox-org"): one list of aliases for the SMTP and the IMAP presets."""
    key = (name or "").strip().lower()
    key = _ALIASES.get(key, key).replace("-", "_")
    return _ALIASES.get(key, key)


def get_preset(name: str) -> Preset:
    """Look a preset up by key or common alias."""
    key = preset_key(name)
    if key not in PRESETS:
        raise UserError(f"unknown SMTP preset {name!r}: choose one of {', '.join(PRESETS)}")
    return PRESETS[key]


__all__ = [
    "LOOPBACK_HOSTS",
    "PRESETS",
    "Preset",
    "SECURITY_MODES",
    "SmtpSettings",
    "get_preset",
]
