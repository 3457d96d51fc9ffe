"""Error types shared by the CLI and the app.

Each carries a one-line message meant for the user; the CLI maps them to exit codes.
"""


class PrivacyTuiError(Exception):
    """Base class: the message is shown to the user as one line."""

    exit_code = 1


class UserError(PrivacyTuiError):
    """Bad input from the user (exit 2). Nothing was written."""

    exit_code = 2


class VaultError(PrivacyTuiError):
    """The vault or its key cannot be used (exit 3). The file is left unchanged."""

    exit_code = 3


class TransportError(PrivacyTuiError):
    """Sending or fetching failed (exit 4)."""

    exit_code = 4
