"""Names vulture (`make lint`) reports as unused that are used, each with the reason.

Vulture sees only direct references inside privacy_tui/. Textual's implicit names (compose,
on_*, action_*, watch_*, CSS, BINDINGS, ...) are in pyproject's [tool.vulture] ignore_names;
what is left here is called by a library, read through a protocol, or kept as a record field.
A name listed here that the code no longer has costs nothing, but remove it with the code.
"""
# ruff: noqa: B018 -- a whitelist is attribute accesses for vulture, by design

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Called by libraries, not by us.
_.connect_unix_socket  # httpcore's NetworkBackend interface (transport/http.py)
_._get_socket  # smtplib.SMTP hook overridden to pin the address (transport/smtp_wire.py)
_._pool  # httpx transport attribute that httpcore's pool lives in (transport/http.py)
_.__test__  # tells pytest not to collect transport's test_connection
_._return_code  # Textual App's exit code, set by the crash handler (ui/app.py)
_._next_id  # TinyDB's cached next id, reset after the Store writes (vault/store.py)

# Textual widget settings assigned, read by Textual.
_.cursor_blink
_.border_title
_.select_on_focus
_.read_only
_.animation_level

# Record fields: parsed from, or written to, the vault, directories or DRP, and shown or kept.
_.pgp_fingerprint  # datarequests.org record (core/directory/records.py)
_.pgp_url
_.web_url  # DRP service directory entry (transport/drp/directory.py)
_.privacy_policy_url
_.technical_contact
_.business_contact
_.dropped_deep  # html_guard's report of what it cut (core/policy/html_guard.py)
_.dropped_many
_.started  # Deadlines field, set through dataclasses.replace (core/timeline.py)
_.statute  # taxonomy category's legal source (core/taxonomy.py)
_.strict  # regime field (core/laws/base.py)
_.identity_hint
_.DKIM_RESULTS  # the values an inbox record's field takes (core/inbox/record.py)
_.SOURCES
_.STATUS_LABELS  # ui/format.py re-export of core.status.LABELS

# Protocol surface and test seams kept on purpose.
_.check_token  # DRP 2.06 agent information: the token check the spec defines (transport/drp/client.py)
_.raw_message  # a stored message's original bytes from its blob (services/inbox.py); tests read it

