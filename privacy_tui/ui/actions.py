"""Every action of the app in one list: the command palette and the F2 menu are both built from it.

(title, what it does, the app action it runs, the key that reaches it outside the menu)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppAction:
    title: str
    help: str
    action: str  # PrivacyApp.action_<action>
    key: str = ""  # a direct key where one exists (on the dashboard, or everywhere for F-keys)


ACTIONS = (
    AppAction("Dashboard", "Deadlines and counts of every request", "dashboard"),
    AppAction("New request", "Draft and send requests to one or many companies", "new_request", "n"),
    AppAction("Companies", "Companies that hold your data", "companies", "c"),
    AppAction("Add company", "Type in a company by hand", "new_company"),
    AppAction("Import policy", "Read a privacy policy (text, file or URL) into a company", "import_policy", "i"),
    AppAction("Pick from directory", "Search the company directory and add companies", "directory", "p"),
    AppAction("Import directory", "Import the datarequests.org company directory from a file you have", "directory_import", "F3"),
    AppAction("Update directory", "Download (update) the company directory from datarequests.org", "directory_import", "F3"),
    AppAction("Inbox", "The companies' replies: accept, assign, ignore, answer, save attachments (inbox)", "inbox", "b"),
    AppAction("Reminders", "What needs attention: overdue, not acknowledged, due soon (remind)", "reminders", "F4"),
    AppAction("Deadline calculator", "When must a company answer a request received on a given day", "deadline", "F5"),
    AppAction("Export deadlines to a calendar (.ics)", "Write every deadline as calendar events with alarms (export ics)", "export_ics"),
    AppAction("Export everything as JSON", "A plaintext (NOT encrypted) copy of the vault (export json)", "export_json"),
    AppAction("Check the vault", "Read every record and show the counts (vault check)", "vault_check"),
    AppAction("Back up the vault", "Copy the encrypted vault to a file or folder (vault backup)", "vault_backup"),
    AppAction("Restore the vault", "Replace the vault with a backup file (vault restore)", "vault_restore"),
    AppAction("Test the SMTP connection", "Email settings: log in to your mail server (smtp test)", "smtp_test"),
    AppAction("DRP agent", "Data Rights Protocol agent settings (drp)", "drp_settings"),
    AppAction("Settings", "Profile, SMTP, DRP agent, keyring, vault backup, theme", "settings", "s"),
)
