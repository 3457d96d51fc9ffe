"""`privacy-tui drp ...`: the Data Rights Protocol agent identity and the business directory.

`drp keygen` makes (or shows) the agent's Ed25519 key, kept only in the OS keyring, and prints
the base64 verify key to register with the DRP network. `drp directory` lists the businesses
of a `businesses.json` file or URL.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from privacy_tui.commands._output import err, out


def register(sub: argparse._SubParsersAction) -> None:
    drp = sub.add_parser(
        "drp",
        help="Data Rights Protocol: agent key, business directory",
        description="Send requests through Consumer Reports' Data Rights Protocol (DRP 1.0).",
    )
    drp.set_defaults(handler=lambda args: _help(drp))
    commands = drp.add_subparsers(dest="drp_command", metavar="DRP_COMMAND", parser_class=type(drp))

    keygen = commands.add_parser(
        "keygen",
        help="create the agent key (once) and print its verify key for registration",
        description=(
            "Create the DRP agent's Ed25519 key if there is none, store it in the OS keyring "
            "(service privacy-tui-drp), and print the base64 verify key to register with the DRP network."
        ),
    )
    keygen.add_argument("--rotate", action="store_true", help="replace the existing key with a new one")
    keygen.add_argument("--json", action="store_true", help="print JSON")
    keygen.set_defaults(handler=run_keygen)

    directory = commands.add_parser(
        "directory",
        help="list the businesses in a DRP businesses.json",
        description="List the Covered Businesses of a DRP service directory (businesses.json, spec 3.05.2).",
    )
    directory.add_argument("source", metavar="FILE|URL", help="path or https URL of businesses.json")
    directory.add_argument("--json", action="store_true", help="print JSON")
    directory.set_defaults(handler=run_directory)

    p = commands.add_parser("config", help="set the agent id registered with the DRP network (and the protocol version)")
    p.add_argument("--agent-id", metavar="ID")
    p.add_argument("--drp-version", metavar="V", choices=("1.0", "0.9.4"), help="drp.version to send (default 1.0)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_config)

    p = commands.add_parser("businesses", help="load a businesses.json (file or URL) into the vault")
    p.add_argument("source", metavar="FILE|URL")
    p.set_defaults(handler=run_businesses)

    p = commands.add_parser("link", help="link a company in the vault to a DRP business id")
    p.add_argument("company", metavar="COMPANY_ID")
    p.add_argument("business", metavar="BUSINESS_ID")
    p.set_defaults(handler=run_link)

    p = commands.add_parser("pair", help="pair with a business; its bearer token goes into the keyring")
    p.add_argument("business", metavar="BUSINESS_ID")
    p.set_defaults(handler=run_pair)


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 0


def run_keygen(args: argparse.Namespace) -> int:
    from privacy_tui.transport.drp import verify_key_b64
    from privacy_tui.vault import drp_keys

    if args.rotate:
        existed = drp_keys.has_agent_key()
        key, state = drp_keys.rotate_agent_key(), ("rotated" if existed else "created")
    elif drp_keys.has_agent_key():
        key, state = drp_keys.get_agent_key(), "existing"
    else:
        key, state = drp_keys.load_or_create_agent_key(), "created"
    verify_key = verify_key_b64(key)
    if args.json:
        out(json.dumps({"verify_key": verify_key, "state": state, "keyring": drp_keys.keyring_status()}))
        return 0
    out(verify_key)
    notes = {
        "created": "created a new DRP agent key in the keyring; register this verify key with the DRP network",
        "rotated": "replaced the DRP agent key; register this new verify key, then re-pair with each business",
        "existing": "this is the verify key of the existing DRP agent key",
    }
    sys.stderr.write(notes[state] + "\n")
    return 0


def run_directory(args: argparse.Namespace) -> int:
    from privacy_tui.core.errors import UserError
    from privacy_tui.transport.drp import parse_business_directory, read_directory_source

    businesses, problems = parse_business_directory(read_directory_source(args.source))
    for problem in problems:
        err(f"warning: skipped {problem}")
    if problems and not businesses:
        raise UserError(f"no usable business in {args.source}")
    if args.json:
        out(json.dumps([asdict(b) for b in businesses], indent=2))
        return 0
    if not businesses:
        out("no businesses")
        return 0
    from privacy_tui.commands._output import table

    rows = [
        (b.id, b.name, ",".join(b.supported_actions) or "-", ",".join(b.supported_verifications) or "-", b.api_base)
        for b in businesses
    ]
    table(rows, ("ID", "NAME", "ACTIONS", "VERIFICATIONS", "API BASE"))
    return 0


def run_config(args: argparse.Namespace) -> int:
    from privacy_tui.services.drp import configure, settings
    from privacy_tui.services.session import open_store

    with open_store(write=args.agent_id is not None or args.drp_version is not None) as store:
        cfg = configure(store, agent_id=args.agent_id, version=args.drp_version) if (args.agent_id or args.drp_version) else settings(store)
    shown = {"agent_id": cfg.get("agent_id", ""), "version": cfg.get("version", "1.0"), "businesses": len(cfg.get("businesses") or [])}
    out(json.dumps(shown) if args.json else f"agent id {shown['agent_id'] or '(not set)'}, drp.version {shown['version']}, {shown['businesses']} businesses known")
    return 0


def run_businesses(args: argparse.Namespace) -> int:
    from privacy_tui.services.drp import import_businesses
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        found = import_businesses(store, args.source)
    out(f"{len(found)} DRP businesses loaded from {args.source}")
    return 0


def run_link(args: argparse.Namespace) -> int:
    from privacy_tui.services.drp import link
    from privacy_tui.services.session import open_store

    with open_store(write=True) as store:
        company = link(store, args.company, args.business)
    out(f"{company.id} {company.name} -> DRP business {company.drp_business_id}")
    return 0


def run_pair(args: argparse.Namespace) -> int:
    from privacy_tui.services.drp import pair
    from privacy_tui.services.session import open_store

    with open_store() as store:
        business_id = pair(store, args.business)
    out(f"paired with {business_id}; the token is in your keyring")
    return 0
