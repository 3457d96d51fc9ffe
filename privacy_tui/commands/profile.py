"""`privacy-tui profile ...`: your identity data for letters (kept in the vault)."""

from __future__ import annotations

from privacy_tui.commands._common import subcommands
from privacy_tui.commands._output import out


def register(sub) -> None:
    profile = sub.add_parser("profile", help="your identity data used in letters")
    psub = subcommands(profile, "profile_command")

    p = psub.add_parser("set", help="set profile fields")
    p.add_argument("--name")
    p.add_argument("--email")
    p.add_argument("--address")
    p.add_argument("--country", help="two-letter country code of residence")
    p.add_argument("--state", help="state / province / nation of residence (e.g. CA, VA, SCT)")
    p.add_argument("--phone")
    p.add_argument("--extra", action="append", metavar="KEY=VALUE", help="another identifier, e.g. customer_number=123 (repeatable; empty value removes)")
    p.set_defaults(handler=run_set)

    p = psub.add_parser("show", help="show the profile")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_show)


def run_set(args) -> int:
    from privacy_tui.commands._common import refuse_line_breaks
    from privacy_tui.services.profile import update_profile
    from privacy_tui.services.session import open_store

    refuse_line_breaks(args)
    fields = {k: getattr(args, k) for k in ("name", "email", "address", "country", "state", "phone") if getattr(args, k) is not None}
    with open_store(write=True) as store:
        update_profile(store, fields, extra=args.extra or ())
    out("profile saved")
    return 0


def run_show(args) -> int:
    from privacy_tui.commands._common import print_json
    from privacy_tui.commands._render import profile_text
    from privacy_tui.core.models import to_record
    from privacy_tui.services.session import open_store

    with open_store() as store:
        profile = store.profile()
    if args.json:
        record = to_record(profile)
        record.pop("v", None)
        print_json(record)
    else:
        out(profile_text(profile))
    return 0
